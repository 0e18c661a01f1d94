package org.tributary.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RequestOriginTest {

  @Test
  void httpIsTheAddressAloneAndKafkaNamesTheUserAndTheApi() {
    RequestOrigin http = new RequestOrigin();
    http.from("10.0.0.7");
    assertEquals("10.0.0.7", http.where());
    assertNull(http.user(), "over HTTP the container's caller principal says who");

    RequestOrigin kafka = new RequestOrigin();
    kafka.kafka("alice", "10.0.0.8", "CreateTopics");
    assertEquals("10.0.0.8 (Kafka CreateTopics)", kafka.where());
    assertEquals("alice", kafka.user());

    assertNull(new RequestOrigin().where(), "no request: the server itself");
  }
}
