package org.tributary.benchmark;

import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

/** REST Proxy v2 binary produce bodies of key-less records with the benchmarks' record size. */
final class ProduceBodies {

  static final int RECORD_BYTES = 100;

  private ProduceBodies() {}

  /** {@code {"records": [{"value": base64}, ...]}} with {@code records} equal 100-byte values. */
  static String records(int records) {
    byte[] value = new byte[RECORD_BYTES];
    new Random(1).nextBytes(value);
    String encoded = Base64.getEncoder().encodeToString(value);
    String[] parts = new String[records];
    Arrays.fill(parts, "{\"value\":\"" + encoded + "\"}");
    return "{\"records\":[" + String.join(",", parts) + "]}";
  }
}
