package org.tributary.group;

/**
 * One protocol a Kafka-protocol member supports (an assignor such as {@code range}), with the
 * member's metadata for it, as the member sent it in JoinGroup.
 */
public record ClassicProtocol(String name, byte[] metadata) {}
