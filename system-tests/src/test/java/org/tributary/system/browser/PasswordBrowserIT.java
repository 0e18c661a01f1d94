package org.tributary.system.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.browser.ConsoleUsers.PASSWORD;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** Changing one's own password, and the change a password set by someone else requires first. */
class PasswordBrowserIT {

  private static final String CHOSEN = "a-password-of-my-own";

  @RegisterExtension
  static final ConsoleBrowser browser = ConsoleBrowser.signedInAs(ConsoleBrowser.ADMIN);

  private final ConsoleUsers users = new ConsoleUsers(browser);

  @Test
  void aUserChangesTheirOwnPasswordAndOnlyTheNewOneWorksAfterwards() {
    String name = ConsoleUsers.uniqueName("changer");
    users.create(name, PASSWORD, false, "viewer");
    try (ConsoleBrowser user = new ConsoleBrowser();
        ConsoleBrowser elsewhere = new ConsoleBrowser()) {
      elsewhere.signIn(name, PASSWORD);
      assertEquals(name, elsewhere.text(By.id("user-name")));
      user.signIn(name, PASSWORD);
      user.clickAndLoad(By.id("user:password"));
      change(user, "not-the-current-one", CHOSEN, CHOSEN);
      assertTrue(user.errors().toString().contains("current password is not right"));
      change(user, PASSWORD, CHOSEN, CHOSEN + "-typo");
      assertTrue(user.errors().toString().contains("differ"), user.errors().toString());
      change(user, PASSWORD, CHOSEN, CHOSEN);
      assertTrue(user.messages().contains("Your password is changed"), user.messages());
      assertEquals("/console/index.xhtml", user.path(), "this session goes on");
      user.open("/console/topics.xhtml");
      assertEquals("/console/topics.xhtml", user.path());
      elsewhere.open("/console/topics.xhtml");
      assertEquals("/console/login.xhtml", elsewhere.path(), "the other session has ended");

      user.signOut();
      user.signIn(name, PASSWORD);
      assertTrue(user.isPresent(By.id("failed")), "the old password no longer works");
      user.signIn(name, CHOSEN);
      assertEquals(name, user.text(By.id("user-name")));
    } finally {
      users.delete(name);
    }
  }

  @Test
  void aPasswordSetByAnAdminIsChangedBeforeAnythingElse() {
    String name = ConsoleUsers.uniqueName("newcomer");
    users.create(name, PASSWORD, true, "viewer");
    try (ConsoleBrowser user = new ConsoleBrowser()) {
      user.signIn(name, PASSWORD);
      assertEquals("/console/password.xhtml", user.path());
      assertTrue(user.isPresent(By.id("change-required")));
      user.screenshot("password-change-required");
      user.open("/console/topics.xhtml");
      assertEquals("/console/password.xhtml", user.path(), "every page leads there");

      change(user, PASSWORD, CHOSEN, CHOSEN);
      assertEquals("/console/index.xhtml", user.path());
      user.open("/console/topics.xhtml");
      assertEquals("/console/topics.xhtml", user.path(), "and then the user goes on");

      users.open(name);
      browser.type(By.id("password-form:new-password"), "reset-by-an-admin");
      browser.tick(By.id("password-form:must-change_input"));
      browser.clickAndLoad(By.id("password-form:set-password"));
      user.open("/console/topics.xhtml");
      assertEquals("/console/login.xhtml", user.path(), "a password reset ends the session");
      user.signIn(name, "reset-by-an-admin");
      assertEquals("/console/password.xhtml", user.path(), "and the new one is to be changed");
    } finally {
      users.delete(name);
    }
  }

  private static void change(ConsoleBrowser user, String current, String chosen, String repeated) {
    user.type(By.id("change:current"), current);
    user.type(By.id("change:replacement"), chosen);
    user.type(By.id("change:repeated"), repeated);
    user.clickAndLoad(By.id("change:submit"));
  }
}
