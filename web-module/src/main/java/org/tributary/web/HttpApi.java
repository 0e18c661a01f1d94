package org.tributary.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The HTTP API at the server root, so that a Confluent REST Proxy client configured with {@code
 * http://host:8080} works as it is.
 */
@ApplicationPath("/")
public class HttpApi extends Application {}
