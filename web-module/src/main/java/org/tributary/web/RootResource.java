package org.tributary.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The server root sends browsers to the console. */
@Path("/")
public class RootResource {

  @GET
  public Response console() {
    return Response.seeOther(URI.create("/console/")).build();
  }
}
