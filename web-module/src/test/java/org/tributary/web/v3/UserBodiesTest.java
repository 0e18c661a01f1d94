package org.tributary.web.v3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tributary.web.error.RequestRefusedException;
import org.tributary.web.json.JsonBody;

class UserBodiesTest {

  private static String refusal(Runnable parse) {
    return assertThrows(RequestRefusedException.class, parse::run).getMessage();
  }

  @Test
  void aNewUserHasANamePasswordRolesAndByDefaultNeedNotChangeThePassword() {
    UserBodies.NewUser user =
        UserBodies.newUser(
            "{\"user_name\":\"ann\",\"password\":\"long-enough-pw\","
                + "\"roles\":[\"producer\",\"consumer\"]}");

    assertEquals("ann", user.name());
    assertEquals("long-enough-pw", user.password());
    assertEquals(List.of("producer", "consumer"), List.copyOf(user.roles()));
    assertFalse(user.mustChangePassword());
  }

  @Test
  void mustChangePasswordIsTakenWhenGiven() {
    assertTrue(
        UserBodies.newUser(
                "{\"user_name\":\"ann\",\"password\":\"p\",\"roles\":[\"viewer\"],"
                    + "\"must_change_password\":true}")
            .mustChangePassword());
    assertTrue(
        UserBodies.newPassword(JsonBody.parse("{\"password\":\"p\",\"must_change_password\":true}"))
            .mustChangePassword());
    assertFalse(
        UserBodies.newPassword(JsonBody.parse("{\"password\":\"p\"}")).mustChangePassword());
  }

  @Test
  void rolesNamedTwiceCountOnce() {
    assertEquals(Set.of("admin"), UserBodies.roles("{\"roles\":[\"admin\",\"admin\"]}"));
  }

  @Test
  void eachFieldIsRequiredAndTypedByName() {
    assertEquals(
        "'user_name' is required.",
        refusal(() -> UserBodies.newUser("{\"password\":\"p\",\"roles\":[]}")));
    assertEquals(
        "'password' is required.",
        refusal(() -> UserBodies.newUser("{\"user_name\":\"ann\",\"roles\":[]}")));
    assertEquals(
        "'roles' must be an array.", refusal(() -> UserBodies.roles("{\"roles\":\"admin\"}")));
    assertEquals("roles[0] must be a string.", refusal(() -> UserBodies.roles("{\"roles\":[1]}")));
    assertEquals(
        "'must_change_password' must be true or false.",
        refusal(
            () ->
                UserBodies.newPassword(
                    JsonBody.parse("{\"password\":\"p\",\"must_change_password\":\"yes\"}"))));
  }

  @Test
  void aBodyWithTheCurrentPasswordIsAUsersOwnChange() {
    JsonBody own = JsonBody.parse("{\"current_password\":\"old\",\"new_password\":\"new\"}");
    assertTrue(UserBodies.isOwnPassword(own));
    assertEquals(new UserBodies.OwnPassword("old", "new"), UserBodies.ownPassword(own));
    assertFalse(UserBodies.isOwnPassword(JsonBody.parse("{\"password\":\"p\"}")));
    assertEquals(
        "'new_password' is required.",
        refusal(() -> UserBodies.ownPassword(JsonBody.parse("{\"current_password\":\"old\"}"))));
    assertTrue(
        refusal(
                () ->
                    UserBodies.ownPassword(
                        JsonBody.parse(
                            "{\"current_password\":\"o\",\"new_password\":\"n\",\"password\":\"p\"}")))
            .contains("goes with new_password only"));
  }
}
