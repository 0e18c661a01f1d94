package org.tributary.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.tributary.security.Roles;

/** The server root sends browsers to the console. */
@Path("/")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class RootResource {

  @GET
  public Response console() {
    return Response.seeOther(URI.create("/console/")).build();
  }
}
