package org.tributary.consumer;

import org.tributary.log.Record;

/** A record as a consumer receives it: where it comes from, and the record itself. */
public record ConsumedRecord(String topic, int partition, Record record) {}
