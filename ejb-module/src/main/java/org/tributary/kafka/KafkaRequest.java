package org.tributary.kafka;

import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;

/** One decoded request, with the connection's session it arrived on. */
public record KafkaRequest(RequestHeader header, AbstractRequest body, KafkaSession session) {

  public short version() {
    return header.apiVersion();
  }

  /** The request as kafka-clients' own class of its API. */
  public <T extends AbstractRequest> T body(Class<T> type) {
    return type.cast(body);
  }
}
