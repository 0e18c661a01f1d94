package org.tributary.example.orders;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /orders} {"item", "quantity", "fail"} and {@code GET /orders/{id}}. */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {

  /** The body of a new order; {@code fail} makes it roll back after publishing. */
  public record NewOrder(String item, int quantity, boolean fail) {}

  @Inject Orders orders;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(NewOrder order) {
    try {
      return Response.status(201)
          .entity(orders.create(order.item(), order.quantity(), order.fail()))
          .build();
    } catch (OrderRefused e) {
      return Response.status(409).entity(new Refusal(e.getMessage())).build();
    }
  }

  @GET
  @Path("/{id}")
  public Response find(@PathParam("id") String id) {
    return orders
        .find(id)
        .map(order -> Response.ok(order).build())
        .orElse(Response.status(404).entity(new Refusal("No order " + id + ".")).build());
  }

  public record Refusal(String message) {}
}
