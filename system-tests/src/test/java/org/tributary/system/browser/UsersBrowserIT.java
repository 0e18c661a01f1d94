package org.tributary.system.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.browser.ConsoleUsers.PASSWORD;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The user pages: an admin creates users, changes their roles and passwords, deletes them, and
 * reads the core's refusals on the page; viewers, demoted admins and API-only users cannot.
 */
class UsersBrowserIT {

  @RegisterExtension
  static final ConsoleBrowser browser = ConsoleBrowser.signedInAs(ConsoleBrowser.ADMIN);

  private final ConsoleUsers users = new ConsoleUsers(browser);

  @Test
  void anAdminCreatesAUserChangesItsRolesSetsItsPasswordAndDeletesIt() {
    String name = ConsoleUsers.uniqueName("console-user");
    users.create(name, PASSWORD, true, "producer", "consumer");
    assertTrue(browser.messages().contains("User " + name + " created"), browser.messages());
    assertEquals(List.of(name, "consumer, producer", "yes"), users.row(name).subList(0, 3));
    browser.screenshot("users");

    users.setRoles(name, "viewer");
    assertTrue(browser.messages().contains("Roles of " + name + " saved"), browser.messages());
    assertEquals("viewer", browser.text(By.id("roles-now")));

    browser.type(By.id("password-form:new-password"), "second-test-password");
    browser.untick(By.id("password-form:must-change_input"));
    browser.clickAndLoad(By.id("password-form:set-password"));
    assertTrue(browser.messages().contains("Password of " + name + " set"), browser.messages());
    assertEquals("no", browser.text(By.id("must-change-now")));
    browser.screenshot("user");

    users.delete(name);
    assertTrue(browser.messages().contains("User " + name + " deleted"), browser.messages());
    assertEquals(List.of(), users.row(name));
  }

  @Test
  void theCoresRefusalsAreMessagesOnThePage() {
    users.create("admin", PASSWORD, true, "viewer");
    assertTrue(browser.errors().toString().contains("exists already"), browser.errors().toString());

    users.create(ConsoleUsers.uniqueName("short"), "short", true, "viewer");
    assertTrue(browser.errors().toString().contains("at least"), browser.errors().toString());

    users.create("not a name", PASSWORD, true, "viewer");
    assertTrue(browser.errors().toString().contains("user name is"), browser.errors().toString());

    users.setRoles("admin", "viewer");
    assertTrue(
        browser.errors().toString().contains("last admin"), "the test servers have one admin");
    users.delete("admin");
    assertTrue(browser.errors().toString().contains("last admin"), browser.errors().toString());
    assertEquals(List.of("admin", "admin"), users.row("admin").subList(0, 2));
  }

  @Test
  void aViewerHasNoUserPagesAndAnOutsideLinkToThemIsRefused() {
    try (ConsoleBrowser viewer = new ConsoleBrowser()) {
      viewer.signIn(ConsoleBrowser.VIEWER);
      assertFalse(viewer.isPresent(By.id("nav-users")));

      viewer.open("/console/users.xhtml");
      assertEquals("/console/index.xhtml", viewer.path());
      assertTrue(viewer.messages().contains("opens only from the console's own links"));
      assertFalse(viewer.isPresent(By.id("users")));
    }
  }

  @Test
  void anAdminWhoLostTheRoleChangesNoUserFromAPageStillOpen() {
    String demoted = ConsoleUsers.uniqueName("demoted");
    String wouldBe = ConsoleUsers.uniqueName("never");
    users.create(demoted, PASSWORD, false, "admin", "viewer");
    try (ConsoleBrowser other = new ConsoleBrowser()) {
      other.signIn(demoted, PASSWORD);
      new ConsoleUsers(other).openList();
      other.type(By.id("create:name"), wouldBe);
      other.tick(By.cssSelector("input[name='create:roles'][value='admin']"));
      other.type(By.id("create:password"), PASSWORD);

      users.setRoles(demoted, "viewer");
      other.clickAndLoad(By.id("create:create-submit"));
      // Faces does not even read a form the page no longer renders for this user.
      assertTrue(other.isPresent(By.id("admins-only")), "the page is an admin's no longer");
    } finally {
      users.delete(demoted);
    }
    assertEquals(List.of(), users.row(wouldBe));
  }

  @Test
  void aUserWithoutConsoleRolesIsToldSoAtSignIn() {
    String producer = ConsoleUsers.uniqueName("producer");
    users.create(producer, PASSWORD, false, "producer", "consumer");
    try (ConsoleBrowser other = new ConsoleBrowser()) {
      other.signIn(producer, PASSWORD);
      assertTrue(
          other.text(By.id("no-console-access")).contains("This user has no console access"));
      other.open("/console/index.xhtml");
      assertEquals("/console/login.xhtml", other.path(), "not signed in");
    } finally {
      users.delete(producer);
    }
  }
}
