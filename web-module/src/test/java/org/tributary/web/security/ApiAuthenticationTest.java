package org.tributary.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ApiAuthenticationTest {

  private static String basic(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void basicCredentialsSplitAtTheFirstColonSoPasswordsMayHoldColons() {
    UsernamePasswordCredential login = ApiAuthentication.basicCredential(basic("anna:s3:cr:et"));
    assertEquals("anna", login.getCaller());
    assertEquals("s3:cr:et", login.getPasswordAsString());
  }

  @Test
  void namesAndPasswordsAreUtf8() {
    UsernamePasswordCredential login = ApiAuthentication.basicCredential(basic("jörg:pässwort"));
    assertEquals("jörg", login.getCaller());
    assertEquals("pässwort", login.getPasswordAsString());
  }

  @Test
  void aHeaderWithoutANameOrColonOrBase64IsNoCredential() {
    assertNull(ApiAuthentication.basicCredential(basic(":password")));
    assertNull(ApiAuthentication.basicCredential(basic("no-colon")));
    assertNull(ApiAuthentication.basicCredential("not base64!"));
  }

  @Test
  void aUserWhoMustChangeThePasswordMayPostTheirOwnUnderV3OrKafkaV3() {
    assertTrue(changes("POST", "/v3/clusters/c1/users/anna/password", "anna"));
    assertTrue(changes("POST", "/kafka/v3/clusters/c1/users/anna/password", "anna"));
    assertTrue(changes("POST", "/kafka/v3/clusters/c1/users/j%C3%B6rg/password", "jörg"));
  }

  @Test
  void nothingElseCountsAsChangingTheirOwnPassword() {
    assertFalse(changes("GET", "/kafka/v3/clusters/c1/users/anna/password", "anna"));
    assertFalse(changes("POST", "/kafka/v3/clusters/c1/users/bob/password", "anna"));
    assertFalse(changes("POST", "/kafka/v3/clusters/c2/users/anna/password", "anna"));
    assertFalse(changes("POST", "/kafkav3/clusters/c1/users/anna/password", "anna"));
    assertFalse(changes("POST", "/other/v3/clusters/c1/users/anna/password", "anna"));
    assertFalse(changes("POST", "/kafka/kafka/v3/clusters/c1/users/anna/password", "anna"));
    assertFalse(changes("POST", "/kafka/v3/clusters/c1/users/anna", "anna"));
    assertFalse(changes("POST", "/kafka/v3/clusters/c1/topics", "anna"));
  }

  private static boolean changes(String method, String path, String name) {
    return ApiAuthentication.changesOwnPassword(method, path, "c1", name);
  }
}
