package org.tributary.clients;

/** Broker-wide produce and consume rates over the last minute. */
public record BrokerRates(
    double producedRecordsPerSecond,
    double producedBytesPerSecond,
    double consumedRecordsPerSecond,
    double consumedBytesPerSecond) {}
