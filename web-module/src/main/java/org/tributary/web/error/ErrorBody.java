package org.tributary.web.error;

/** Confluent REST Proxy's error body: {@code {"error_code": 40401, "message": "..."}}. */
public record ErrorBody(int errorCode, String message) {}
