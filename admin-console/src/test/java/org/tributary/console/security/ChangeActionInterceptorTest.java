package org.tributary.console.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.faces.application.FacesMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

class ChangeActionInterceptorTest {

  private final List<FacesMessage> reported = new ArrayList<>();
  private final AtomicBoolean ran = new AtomicBoolean();

  @Test
  void aCallerWithoutTheAdminRoleChangesNothingAndIsTold() throws Exception {
    Object outcome =
        ChangeActionInterceptor.guard(
            false,
            () -> {
              ran.set(true);
              return "/topics";
            },
            reported::add);
    assertNull(outcome, "stays on the page");
    assertTrue(!ran.get(), "the action never ran");
    assertEquals("Not allowed: your role is read-only.", reported.get(0).getSummary());
  }

  @Test
  void anAdminsActionRunsAndABrokerRefusalBecomesAMessageWithItsCode() throws Exception {
    assertEquals("/topics", ChangeActionInterceptor.guard(true, () -> "/topics", reported::add));
    assertTrue(reported.isEmpty());

    Object refused =
        ChangeActionInterceptor.guard(
            true,
            () -> {
              throw new TributaryException(ErrorCode.TOPIC_ALREADY_EXISTS, "Topic 'x' exists.");
            },
            reported::add);
    assertNull(refused);
    assertEquals("Topic 'x' exists.", reported.get(0).getSummary());
    assertEquals("TOPIC_ALREADY_EXISTS", reported.get(0).getDetail());
  }

  @Test
  void otherFailuresAreNotHidden() {
    assertThrows(
        IllegalStateException.class,
        () ->
            ChangeActionInterceptor.guard(
                true,
                () -> {
                  throw new IllegalStateException("bug");
                },
                reported::add));
  }
}
