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
import jakarta.ws.rs.core.SecurityContext;
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
import org.tributary.web.error.RequestRefusedException;
import org.tributary.web.json.JsonBody;
import org.tributary.web.v3.Shapes.ResourceList;

/**
 * Tributary extension: the users who may sign in, and their roles, for automation (the console
 * manages the same users). Admins only, but for users changing their own password; a password or
 * its hash is never answered.
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

  /**
   * Open to every role, and to a user who must change the password first ({@code ApiAuthentication}
   * lets only this call through): the body says which of the two it is, and each is checked here.
   */
  @POST
  @Path("/{user_name}/password")
  @RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
  @Operation(
      summary = "Change your own password, or (admins) set a user's password",
      description =
          "Body {\"current_password\", \"new_password\"}: callers change their own password"
              + " (also while they must change it first, when every other call answers 40302)."
              + " Body {\"password\", \"must_change_password\"}: an admin sets anyone's"
              + " password.")
  public Response setPassword(
      @PathParam("user_name") String name, String body, @Context SecurityContext caller) {
    cluster.require(clusterId);
    JsonBody json = JsonBody.parse(body);
    String callerName = caller.getUserPrincipal().getName();
    if (UserBodies.isOwnPassword(json)) {
      UserBodies.OwnPassword change = UserBodies.ownPassword(json);
      if (!callerName.equals(name)) {
        throw RequestRefusedException.forbidden(
            "User '"
                + callerName
                + "' may not do this: current_password changes only your own password; an admin"
                + " sets user '"
                + name
                + "''s password with {\"password\": ...}.");
      }
      users.changeOwnPassword(name, change.current(), change.replacement());
      return Response.noContent().build();
    }
    if (users.mustChangePassword(callerName)) {
      throw RequestRefusedException.passwordChangeRequired(
          "User '"
              + callerName
              + "' must change the password first: send {\"current_password\": ...,"
              + " \"new_password\": ...}.");
    }
    if (!caller.isUserInRole(Roles.ADMIN)) {
      throw RequestRefusedException.forbidden(
          "User '"
              + callerName
              + "' may not do this: only an admin sets a password with {\"password\": ...}; to"
              + " change your own, send {\"current_password\": ..., \"new_password\": ...}.");
    }
    UserBodies.NewPassword password = UserBodies.newPassword(json);
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
