package org.tributary.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The Tributary user the benchmark signs in as, with HTTP Basic: {@code -Dbenchmark.user} (default
 * {@code admin}, who may also create topics and set their configs) and {@code -Dbenchmark.password}
 * (default: the environment's {@code TRIBUTARY_ADMIN_PASSWORD}, the one the server was started
 * with).
 */
record Credentials(String user, String password) {

  static Credentials fromSystemProperties() {
    String password =
        System.getProperty("benchmark.password", System.getenv("TRIBUTARY_ADMIN_PASSWORD"));
    if (password == null || password.isEmpty()) {
      throw new IllegalStateException(
          "No password to sign in with: set TRIBUTARY_ADMIN_PASSWORD to the server's admin"
              + " password, or -Dbenchmark.user and -Dbenchmark.password.");
    }
    return new Credentials(System.getProperty("benchmark.user", "admin"), password);
  }

  /** The value of the {@code Authorization} header. */
  String authorization() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
