package org.tributary.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllowedRolesTest {

  @RolesAllowed({"producer", "admin"})
  static class Annotated {
    public void byClass() {}

    @RolesAllowed("admin")
    public void byMethod() {}
  }

  static class Unannotated {
    public void forgotten() {}
  }

  private static AllowedRoles of(Class<?> type, String method) throws Exception {
    return AllowedRoles.of(type, type.getMethod(method));
  }

  @Test
  void theMethodsRulePrevailsOverItsClasss() throws Exception {
    assertEquals(List.of("producer", "admin"), of(Annotated.class, "byClass").roles());
    assertEquals(List.of("admin"), of(Annotated.class, "byMethod").roles());
  }

  @Test
  void aMethodWithoutARuleIsForEverySignedInUser() throws Exception {
    assertEquals(
        List.of("admin", "producer", "consumer", "viewer"),
        of(Unannotated.class, "forgotten").roles());
  }

  @Test
  void theRefusalNamesTheUserTheirRolesAndTheRolesNeeded() {
    assertEquals(
        "User 'bob' (roles: viewer) may not do this: it takes the role admin. An admin can grant roles"
            + " (PATCH /v3/clusters/{cluster_id}/users/bob).",
        new AllowedRoles(List.of("admin")).refusal("bob", Set.of("viewer")));
    assertEquals(
        "User 'ann' (no roles) may not do this: it takes one of the roles producer, admin. An"
            + " admin can grant roles (PATCH /v3/clusters/{cluster_id}/users/ann).",
        new AllowedRoles(List.of("producer", "admin")).refusal("ann", Set.of()));
  }
}
