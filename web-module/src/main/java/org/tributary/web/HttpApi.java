package org.tributary.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The HTTP API at the server root, so that a Confluent REST Proxy client configured with {@code
 * http://host:8080} works as it is. Every call takes HTTP Basic (the web.xml); which roles a call
 * takes is its resource method's {@code @RolesAllowed}, which Payara enforces on JAX-RS resources.
 */
@ApplicationPath("/")
@SecurityScheme(
    securitySchemeName = "basic",
    type = SecuritySchemeType.HTTP,
    scheme = "basic",
    description = "A Tributary user; roles admin, producer, consumer, viewer")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Tributary",
            version = "1.0",
            description =
                "Kafka's model in a Jakarta EE server: Confluent REST Proxy v2 produce and"
                    + " consumers, v3 administration, offset resets. Errors are"
                    + " {\"error_code\", \"message\"}; docs/http-api.md lists the codes."),
    security = @SecurityRequirement(name = "basic"))
public class HttpApi extends Application {}
