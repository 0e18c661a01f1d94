package org.tributary.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
