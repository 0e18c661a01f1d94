package org.tributary.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The HTTP API at the server root, so that a Confluent REST Proxy client configured with {@code
 * http://host:8080} works as it is.
 */
@ApplicationPath("/")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Tributary",
            version = "1.0",
            description =
                "Kafka's model in a Jakarta EE server: Confluent REST Proxy v2 produce and"
                    + " consumers, v3 administration, offset resets. Errors are"
                    + " {\"error_code\", \"message\"}; docs/http-api.md lists the codes."))
public class HttpApi extends Application {}
