package org.tributary.web;

/** The media types of Confluent REST Proxy v2. */
public final class MediaTypes {

  public static final String V2_JSON = "application/vnd.kafka.v2+json";
  public static final String BINARY_V2_JSON = "application/vnd.kafka.binary.v2+json";
  public static final String JSON_V2_JSON = "application/vnd.kafka.json.v2+json";

  private MediaTypes() {}
}
