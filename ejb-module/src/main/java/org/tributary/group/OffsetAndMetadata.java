package org.tributary.group;

import java.time.Instant;

/** A committed position: the next offset the group will read, with the committer's metadata. */
public record OffsetAndMetadata(long offset, String metadata, Instant commitTime) {}
