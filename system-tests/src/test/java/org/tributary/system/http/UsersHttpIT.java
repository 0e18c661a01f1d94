package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.assertRefused;
import static org.tributary.system.Fixtures.createTopic;
import static org.tributary.system.Fixtures.names;
import static org.tributary.system.Fixtures.newUser;
import static org.tributary.system.Fixtures.v3;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;
import static org.tributary.system.TributaryHttp.BINARY;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;

/**
 * The users API (Tributary extension): an admin creates, lists, describes, re-roles, re-passwords
 * and deletes the users who may sign in. No answer ever holds a password or its hash.
 */
class UsersHttpIT {

  private static final String ONE_RECORD = "{\"records\":[{\"value\":\"eA==\"}]}";

  private final TributaryHttp admin = TributaryHttp.fromSystemProperty();

  private String users() {
    return v3(admin, "/users");
  }

  private String user(String name) {
    return users() + "/" + name;
  }

  private Answer create(String name, String password, String... roles) {
    return admin.post(users(), APPLICATION_JSON, newUser(name, password, roles));
  }

  private static List<String> roles(JsonObject user) {
    return user.getJsonArray("roles").getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .toList();
  }

  private static void assertNoSecret(Answer answer, String password) {
    assertFalse(answer.body().contains(password), answer::toString);
    assertFalse(answer.body().contains("PBKDF2"), answer::toString);
    assertFalse(answer.body().contains("hash"), answer::toString);
  }

  @Test
  void anAdminCreatesAUserWhoSignsInAndIsListedDescribedAndDeleted() {
    String name = uniqueTopic("ann");
    String password = "ann-password-" + name;

    Answer created = create(name, password, "producer", "consumer");

    assertEquals(201, created.status(), created::toString);
    JsonObject user = created.object();
    assertEquals("KafkaUser", user.getString("kind"), created::toString);
    assertEquals(name, user.getString("user_name"), created::toString);
    assertEquals(List.of("consumer", "producer"), roles(user));
    assertFalse(user.getBoolean("must_change_password"), created::toString);
    Instant.parse(user.getString("created_at"));
    Instant.parse(user.getString("password_changed_at"));
    String self = user.getJsonObject("metadata").getString("self");
    assertTrue(self.endsWith(user(name)), created::toString);
    assertEquals(self, created.response().headers().firstValue("Location").orElseThrow());
    assertNoSecret(created, password);

    Answer listed = admin.get(users());
    assertEquals(200, listed.status(), listed::toString);
    assertEquals("KafkaUserList", listed.object().getString("kind"), listed::toString);
    assertTrue(names(listed.object(), "user_name").contains(name), listed::toString);
    assertTrue(names(listed.object(), "user_name").contains(TributaryHttp.ADMIN));
    assertNoSecret(listed, password);
    assertNoSecret(listed, TributaryHttp.adminPassword());
    Answer described = admin.get(user(name));
    assertEquals(200, described.status(), described::toString);
    assertEquals(user, described.object());

    TributaryHttp ann = admin.as(name, password);
    assertEquals(200, ann.get("/topics").status());

    assertEquals(204, admin.delete(user(name)).status());
    assertRefused(404, 40413, admin.get(user(name)));
    assertRefused(401, 40101, ann.get("/topics"));
  }

  @Test
  void newRolesHoldFromTheUsersNextRequest() {
    String topic = uniqueTopic("users-roles");
    createTopic(admin, topic, 1);
    String name = uniqueTopic("bea");
    String password = "bea-password-" + name;
    assertEquals(201, create(name, password, "viewer").status());
    TributaryHttp bea = admin.as(name, password);
    assertRefused(403, 40301, bea.post("/topics/" + topic, BINARY, ONE_RECORD));

    Answer changed = admin.patch(user(name), APPLICATION_JSON, "{\"roles\":[\"producer\"]}");

    assertEquals(200, changed.status(), changed::toString);
    assertEquals(List.of("producer"), roles(changed.object()));
    assertEquals(200, bea.post("/topics/" + topic, BINARY, ONE_RECORD).status());
  }

  @Test
  void aPasswordSetByAnAdminReplacesTheOldOneAndMayHaveToBeChangedFirst() {
    String name = uniqueTopic("cid");
    String first = "cid-first-password";
    String second = "cid-second-password";
    assertEquals(201, create(name, first, "viewer").status());

    Answer set =
        admin.post(user(name) + "/password", APPLICATION_JSON, "{\"password\":\"" + second + "\"}");

    assertEquals(204, set.status(), set::toString);
    assertRefused(401, 40101, admin.as(name, first).get("/topics"));
    assertEquals(200, admin.as(name, second).get("/topics").status());

    String third = "cid-third-password";
    Answer mustChange =
        admin.post(
            user(name) + "/password",
            APPLICATION_JSON,
            "{\"password\":\"" + third + "\",\"must_change_password\":true}");
    assertEquals(204, mustChange.status(), mustChange::toString);
    assertTrue(admin.get(user(name)).object().getBoolean("must_change_password"));
    Answer refused = admin.as(name, third).get("/topics");
    assertRefused(403, 40302, refused);
    assertTrue(refused.object().getString("message").contains("/console/"), refused::toString);
  }

  @Test
  void badNamesRolesAndPasswordsAreRefusedWith422AndCreateNobody() {
    String name = uniqueTopic("dan");
    List<Answer> refusals =
        List.of(
            create("no spaces allowed", "long-enough-password", "viewer"),
            create(name, "short", "viewer"),
            create(name, name, "viewer"),
            create(name, "long-enough-password", "superuser"),
            create(name, "long-enough-password"),
            admin.post(users(), APPLICATION_JSON, "{\"user_name\":\"" + name + "\"}"),
            admin.post(users(), APPLICATION_JSON, "{\"user_name\":"));
    for (Answer refusal : refusals) {
      assertTrue(refusal.status() == 422 || refusal.status() == 400, refusal::toString);
      assertRefused(refusal.status(), refusal.status() == 400 ? 400 : 42200, refusal);
    }
    assertTrue(
        refusals.get(1).object().getString("message").contains("at least 12"),
        refusals.get(1)::toString);
    assertRefused(404, 40413, admin.get(user(name)));

    assertEquals(201, create(name, "long-enough-password", "viewer").status());
    assertRefused(
        422, 42200, admin.patch(user(name), APPLICATION_JSON, "{\"roles\":[\"viewer\",\"root\"]}"));
    assertRefused(
        422, 42200, admin.post(user(name) + "/password", APPLICATION_JSON, "{\"password\":\"x\"}"));
    assertEquals(List.of("viewer"), roles(admin.get(user(name)).object()), "roles unchanged");
    assertEquals(200, admin.as(name, "long-enough-password").get("/topics").status());
  }

  @Test
  void aTakenNameIs409AndAnUnknownOne404() {
    String name = uniqueTopic("eve");
    assertEquals(201, create(name, "eve-password-1", "viewer").status());

    assertRefused(409, 40906, create(name, "eve-password-2", "admin"));
    assertEquals(200, admin.as(name, "eve-password-1").get("/topics").status());

    String nobody = uniqueTopic("nobody");
    assertRefused(404, 40413, admin.get(user(nobody)));
    assertRefused(
        404, 40413, admin.patch(user(nobody), APPLICATION_JSON, "{\"roles\":[\"viewer\"]}"));
    assertRefused(404, 40413, admin.delete(user(nobody)));
    assertRefused(
        404,
        40413,
        admin.post(
            user(nobody) + "/password", APPLICATION_JSON, "{\"password\":\"long-enough-pw\"}"));
  }

  @Test
  void anotherClusterIdIs404() {
    assertRefused(404, 40404, admin.get("/v3/clusters/elsewhere/users"));
  }
}
