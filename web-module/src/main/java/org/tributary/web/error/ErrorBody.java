package org.tributary.web.error;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** Confluent REST Proxy's error body: {@code {"error_code": 40401, "message": "..."}}. */
@JsonbPropertyOrder({"errorCode", "message"})
public record ErrorBody(int errorCode, String message) {}
