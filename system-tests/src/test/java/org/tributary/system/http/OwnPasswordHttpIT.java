package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.assertRefused;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;

import jakarta.json.Json;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;

/**
 * Users changing their own password over the API ({@code POST .../users/{name}/password} with the
 * current password), also while they must change it first, when everything else answers 40302.
 */
class OwnPasswordHttpIT {

  private final TributaryHttp admin = TributaryHttp.fromSystemProperty();

  private static String change(String current, String replacement) {
    return Json.createObjectBuilder()
        .add("current_password", current)
        .add("new_password", replacement)
        .build()
        .toString();
  }

  private Answer post(TributaryHttp as, String name, String body) {
    return as.post(Fixtures.v3(admin, "/users/" + name + "/password"), APPLICATION_JSON, body);
  }

  @Test
  void aUserWhoMustChangeThePasswordCanDoOnlyThatAndThenEverything() {
    String name = TributaryHttp.uniqueTopic("mustchange");
    String first = "first-" + UUID.randomUUID();
    String chosen = "chosen-" + UUID.randomUUID();
    Answer created =
        admin.post(
            Fixtures.v3(admin, "/users"),
            APPLICATION_JSON,
            "{\"user_name\":\""
                + name
                + "\",\"password\":\""
                + first
                + "\",\"roles\":[\"viewer\"],\"must_change_password\":true}");
    assertEquals(201, created.status(), created::toString);
    TributaryHttp user = admin.as(name, first);

    Answer refused = user.get("/topics");
    assertRefused(403, 40302, refused);
    String message = refused.object().getString("message");
    assertTrue(
        message.contains(
            "to /v3/clusters/" + Fixtures.clusterId(admin) + "/users/" + name + "/password"),
        message);
    assertRefused(403, 40302, post(user, "admin", change(first, chosen)));
    assertRefused(403, 40302, post(user, name, "{\"password\":\"" + chosen + "\"}"));
    Answer wrong = post(user, name, change("not-the-password", chosen));
    assertRefused(422, 42200, wrong);
    assertTrue(wrong.body().contains("current password is not right"), wrong::toString);
    Answer tooShort = post(user, name, change(first, "short"));
    assertRefused(422, 42200, tooShort);
    assertTrue(tooShort.body().contains("at least 12 characters"), tooShort::toString);
    assertRefused(422, 42200, post(user, name, "{\"current_password\":\"" + first + "\"}"));

    Answer changed = post(user, name, change(first, chosen));

    assertEquals(204, changed.status(), changed::toString);
    assertRefused(401, 40101, user.get("/topics"));
    assertEquals(200, admin.as(name, chosen).get("/topics").status());
    Answer described = admin.get(Fixtures.v3(admin, "/users/" + name));
    assertEquals(false, described.object().getBoolean("must_change_password"), described::toString);
  }

  @Test
  void aUserWhoMustChangeThePasswordChangesItUnderTheEmbeddedRestPrefixToo() {
    String name = TributaryHttp.uniqueTopic("mustchange");
    String first = "first-" + UUID.randomUUID();
    String chosen = "chosen-" + UUID.randomUUID();
    Answer created =
        admin.post(
            Fixtures.v3(admin, "/users"),
            APPLICATION_JSON,
            "{\"user_name\":\""
                + name
                + "\",\"password\":\""
                + first
                + "\",\"roles\":[\"viewer\"],\"must_change_password\":true}");
    assertEquals(201, created.status(), created::toString);
    TributaryHttp user = admin.as(name, first);
    String password = "/kafka" + Fixtures.v3(admin, "/users/" + name + "/password");
    assertRefused(403, 40302, user.get("/kafka" + Fixtures.v3(admin, "/topics")));
    assertRefused(
        403,
        40302,
        user.post(
            "/kafka" + Fixtures.v3(admin, "/users/admin/password"),
            APPLICATION_JSON,
            change(first, chosen)));

    Answer changed = user.post(password, APPLICATION_JSON, change(first, chosen));

    assertEquals(204, changed.status(), changed::toString);
    assertEquals(
        200, admin.as(name, chosen).get("/kafka" + Fixtures.v3(admin, "/topics")).status());
  }

  @Test
  void anyRoleChangesItsOwnPasswordButSetsNobodyElses() {
    String chosen = "chosen-" + UUID.randomUUID();
    String name = TributaryHttp.uniqueTopic("ownviewer");
    String current = "pw-" + UUID.randomUUID();
    Answer created =
        admin.post(
            Fixtures.v3(admin, "/users"),
            APPLICATION_JSON,
            Fixtures.newUser(name, current, "viewer"));
    assertEquals(201, created.status(), created::toString);
    TributaryHttp viewer = admin.as(name, current);
    TributaryHttp other = Fixtures.createUser(admin, "otherviewer", "viewer");

    assertRefused(403, 40301, post(viewer, other.user(), change("whatever-it-is", chosen)));
    assertRefused(403, 40301, post(viewer, other.user(), "{\"password\":\"" + chosen + "\"}"));
    assertRefused(403, 40301, post(viewer, name, "{\"password\":\"" + chosen + "\"}"));
    assertEquals(200, other.get("/topics").status(), "the other's password is unchanged");

    Answer changed = post(viewer, name, change(current, chosen));

    assertEquals(204, changed.status(), changed::toString);
    assertEquals(200, admin.as(name, chosen).get("/topics").status());
    // An admin still sets anyone's password, as before.
    Answer reset = post(admin, name, "{\"password\":\"reset-" + UUID.randomUUID() + "\"}");
    assertEquals(204, reset.status(), reset::toString);
    assertRefused(401, 40101, admin.as(name, chosen).get("/topics"));
  }
}
