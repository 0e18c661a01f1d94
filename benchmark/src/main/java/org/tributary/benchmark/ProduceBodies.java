package org.tributary.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

/** REST Proxy v2 binary produce bodies of records with the benchmarks' record size. */
final class ProduceBodies {

  static final int RECORD_BYTES = 100;

  private ProduceBodies() {}

  /** {@code {"records": [{"value": base64}, ...]}} with {@code records} equal 100-byte values. */
  static String records(int records) {
    String[] parts = new String[records];
    Arrays.fill(parts, "{\"value\":\"" + value() + "\"}");
    return "{\"records\":[" + String.join(",", parts) + "]}";
  }

  /** One record per key, each with a 100-byte value. */
  static String keyed(String... keys) {
    String[] parts = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      String key = Base64.getEncoder().encodeToString(keys[i].getBytes(StandardCharsets.UTF_8));
      parts[i] = "{\"key\":\"" + key + "\",\"value\":\"" + value() + "\"}";
    }
    return "{\"records\":[" + String.join(",", parts) + "]}";
  }

  private static String value() {
    byte[] value = new byte[RECORD_BYTES];
    new Random(1).nextBytes(value);
    return Base64.getEncoder().encodeToString(value);
  }
}
