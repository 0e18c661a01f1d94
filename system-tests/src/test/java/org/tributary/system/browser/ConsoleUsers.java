package org.tributary.system.browser;

import java.util.List;
import java.util.UUID;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Steps on the console's user pages, taken by an admin signed in to a browser. */
final class ConsoleUsers {

  /** A password the core accepts, for users the tests create. */
  static final String PASSWORD = "first-test-password";

  private final ConsoleBrowser admin;

  ConsoleUsers(ConsoleBrowser admin) {
    this.admin = admin;
  }

  /** A user name no other test uses: tests share one server. */
  static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Opens the user list as a person does, through the bar: the page opens only from there. */
  void openList() {
    admin.open("/console/index.xhtml");
    admin.clickAndLoad(By.id("nav-users"));
  }

  /** Opens a user's page from the list. */
  void open(String name) {
    openList();
    admin.clickAndLoad(By.linkText(name));
  }

  void create(String name, String password, boolean mustChangePassword, String... roles) {
    openList();
    admin.type(By.id("create:name"), name);
    for (String role : roles) {
      admin.tick(roleBox("create", role));
    }
    admin.type(By.id("create:password"), password);
    if (mustChangePassword) {
      admin.tick(By.id("create:must-change_input"));
    } else {
      admin.untick(By.id("create:must-change_input"));
    }
    admin.clickAndLoad(By.id("create:create-submit"));
  }

  /** Gives the user exactly these roles on the user's page. */
  void setRoles(String name, String... roles) {
    open(name);
    for (WebElement box : admin.findAll(By.cssSelector("input[name='roles-form:roles']"))) {
      String role = box.getAttribute("value");
      if (List.of(roles).contains(role)) {
        admin.tick(roleBox("roles-form", role));
      } else {
        admin.untick(roleBox("roles-form", role));
      }
    }
    admin.clickAndLoad(By.id("roles-form:save-roles"));
  }

  void delete(String name) {
    open(name);
    admin.click(By.id("delete-form:delete"));
    admin.clickAndLoad(By.id("delete-form:confirm-yes"));
  }

  /** The cells of the user's row in the list (name, roles, must change, …); empty if none. */
  List<String> row(String name) {
    openList();
    return admin.findAll(By.cssSelector("#users tbody tr")).stream()
        .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
        .filter(cells -> cells.get(0).equals(name))
        .findFirst()
        .orElse(List.of());
  }

  private static By roleBox(String form, String role) {
    return By.cssSelector("input[name='" + form + ":roles'][value='" + role + "']");
  }
}
