package org.tributary.kafka;

/** A listener's {@code host:port} ({@code [::1]:9092} for IPv6). */
public record ListenerAddress(String host, int port) {

  public static ListenerAddress parse(String setting, String value) {
    String text = value.trim();
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw invalid(setting, value);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port < 0 || port > 65535 || host.isEmpty()) {
        throw invalid(setting, value);
      }
      return new ListenerAddress(host, port);
    } catch (NumberFormatException e) {
      throw invalid(setting, value);
    }
  }

  private static IllegalArgumentException invalid(String setting, String value) {
    return new IllegalArgumentException(
        setting + "='" + value + "' is not host:port (say 127.0.0.1:9092 or 0.0.0.0:9092)");
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
