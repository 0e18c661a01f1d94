package org.tributary.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SerializersTest {

  public static class Order {
    public String id;
    public int total;
  }

  @Test
  void stringsAreUtf8AndBytesStayAsTheyAre() {
    assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), Serializers.serialize("é"));
    assertArrayEquals(new byte[] {1, 2}, Serializers.serialize(new byte[] {1, 2}));
    assertEquals("é", Serializers.deserialize("é".getBytes(StandardCharsets.UTF_8), String.class));
  }

  @Test
  void anyOtherObjectIsJsonBothWays() {
    Order order = new Order();
    order.id = "o-1";
    order.total = 42;

    byte[] json = Serializers.serialize(order);

    assertEquals("{\"id\":\"o-1\",\"total\":42}", new String(json, StandardCharsets.UTF_8));
    Order back = Serializers.deserialize(json, Order.class);
    assertEquals("o-1", back.id);
    assertEquals(42, back.total);
  }

  @Test
  void nullStaysNullForTombstones() {
    assertNull(Serializers.serialize(null));
    assertNull(Serializers.deserialize(null, Order.class));
  }

  @Test
  void aReceivedRecordReadsItsValueAndItsLastHeaderOfAName() {
    ReceivedRecord record =
        new ReceivedRecord(
            "t",
            0,
            7,
            1L,
            null,
            "hello".getBytes(StandardCharsets.UTF_8),
            List.of(Header.of("h", "1"), Header.of("h", "2")));

    assertEquals("hello", record.value(String.class));
    assertEquals("2", record.header("h").orElseThrow().valueAsString());
    assertEquals(new TopicPartition("t", 0), record.topicPartition());
  }
}
