package org.tributary.web.v3;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.security.Roles;
import org.tributary.security.UserView;
import org.tributary.security.Users;
import org.tributary.web.v3.Shapes.ResourceList;

/**
 * Tributary extension: the users who may sign in, and their roles, for automation (the console
 * manages the same users). Admins only; a password or its hash is never answered.
 */
@Path("/v3/clusters/{cluster_id}/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "v3 users")
@RolesAllowed(Roles.ADMIN)
public class UsersResource {

  @Inject Cluster cluster;
  @Inject Users users;
  @Context UriInfo uri;

  @PathParam("cluster_id")
  String clusterId;

  @GET
  @Operation(summary = "List users and their roles")
  public ResourceList<Shapes.User> list() {
    cluster.require(clusterId);
    return cluster.list(
        uri, "KafkaUserList", "/users", users.list().stream().map(this::shape).toList());
  }

  @POST
  @Operation(
      summary = "Create a user with user_name, password, roles and optionally must_change_password")
  public Response create(String body) {
    cluster.require(clusterId);
    UserBodies.NewUser user = UserBodies.newUser(body);
    Shapes.User created =
        shape(users.create(user.name(), user.password(), user.roles(), user.mustChangePassword()));
    return Response.created(URI.create(created.metadata().self())).entity(created).build();
  }

  @GET
  @Path("/{user_name}")
  @Operation(summary = "Describe a user")
  public Shapes.User get(@PathParam("user_name") String name) {
    cluster.require(clusterId);
    return shape(
        users
            .find(name)
            .orElseThrow(
                () ->
                    new TributaryException(
                        ErrorCode.USER_NOT_FOUND, "No user named '" + name + "'.")));
  }

  @PATCH
  @Path("/{user_name}")
  @Operation(summary = "Give the user these roles (the last admin keeps admin)")
  public Shapes.User setRoles(@PathParam("user_name") String name, String body) {
    cluster.require(clusterId);
    return shape(users.setRoles(name, UserBodies.roles(body)));
  }

  @DELETE
  @Path("/{user_name}")
  @Operation(summary = "Delete a user (not the last admin)")
  public Response delete(@PathParam("user_name") String name) {
    cluster.require(clusterId);
    users.delete(name);
    return Response.noContent().build();
  }

  @POST
  @Path("/{user_name}/password")
  @Operation(
      summary = "Set the user's password, optionally to be changed at the next console sign-in")
  public Response setPassword(@PathParam("user_name") String name, String body) {
    cluster.require(clusterId);
    UserBodies.NewPassword password = UserBodies.newPassword(body);
    users.setPassword(name, password.password(), password.mustChangePassword());
    return Response.noContent().build();
  }

  private Shapes.User shape(UserView user) {
    return new Shapes.User(
        "KafkaUser",
        cluster.metadata(uri, "/users/" + user.name(), "user=" + user.name()),
        cluster.id(),
        user.name(),
        List.copyOf(user.roles()),
        user.mustChangePassword(),
        user.createdAt().toString(),
        user.passwordChangedAt().toString());
  }
}
