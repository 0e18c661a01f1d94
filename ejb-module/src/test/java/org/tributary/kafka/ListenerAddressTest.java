package org.tributary.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ListenerAddressTest {

  @Test
  void readsHostAndPort() {
    assertEquals(
        new ListenerAddress("127.0.0.1", 9092), ListenerAddress.parse("s", "127.0.0.1:9092"));
    assertEquals(new ListenerAddress("::1", 9092), ListenerAddress.parse("s", " [::1]:9092 "));
    assertEquals("[::1]:9092", new ListenerAddress("::1", 9092).toString());
  }

  @Test
  void refusesWhatIsNotHostAndPortNamingTheSetting() {
    for (String bad : new String[] {"9092", "host:", ":9092", "host:port", "host:70000"}) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> ListenerAddress.parse("x.y", bad));
      assertTrue(refused.getMessage().startsWith("x.y='" + bad + "'"), refused::getMessage);
    }
  }
}
