package org.tributary.system.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.V2Consumer;

/** Deleting a group's offsets and the group itself in the console, after a confirmation. */
class GroupDeletionBrowserIT {

  @RegisterExtension
  static final ConsoleBrowser browser = ConsoleBrowser.signedInAs(ConsoleBrowser.ADMIN);

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  @Test
  void offsetsOfAPartitionThenTheGroupAreDeletedAfterConfirmation() {
    Fixtures.GroupAtRest setup = Fixtures.groupAtRest(http, "console-delete");
    openGroup(setup.group());

    browser.tick(By.cssSelector("input[name='delete:partition-choice'][value='1']"));
    browser.click(By.id("delete:delete-offsets"));
    browser.click(By.id("delete:confirm-no"));
    assertEquals(setup.committed(), committedOffsets(setup), "cancelled: nothing deleted");
    browser.click(By.id("delete:delete-offsets"));
    browser.screenshot("delete-offsets-confirm");
    browser.clickAndLoad(By.id("delete:confirm-yes"));

    String message = browser.messages();
    assertTrue(message.contains("deleted for 1 partitions"), message);
    assertEquals(Map.of(0, 2L, 2, 2L), committedOffsets(setup));
    assertEquals("none", browser.text(By.cssSelector("#lags_data tr:nth-child(2) .committed")));

    browser.click(By.id("delete:delete-group"));
    browser.clickAndLoad(By.id("delete:confirm-yes"));

    assertEquals("/console/groups.xhtml", browser.path());
    assertTrue(browser.messages().contains("Group " + setup.group() + " deleted."));
    assertRefusedAsUnknown(setup.group());
    openGroupPage(setup.group());
    assertTrue(browser.isPresent(By.id("no-group")));
  }

  @Test
  void deletingIsRefusedWhileTheGroupHasAMemberSubscribedToTheTopic() {
    Fixtures.GroupAtRest setup = Fixtures.groupAtRest(http, "console-delete-busy");
    try (V2Consumer member = V2Consumer.earliest(http, setup.group(), "active")) {
      member.subscribe(setup.topic());
      member.poll(500);
      openGroup(setup.group());
      assertEquals("1", browser.text(By.id("member-count")));

      browser.click(By.id("delete:delete-group"));
      browser.clickAndLoad(By.id("delete:confirm-yes"));

      String errors = String.join(" ", browser.errors());
      assertTrue(errors.contains("has 1 active member"), errors);
      browser.screenshot("delete-group-refused");
      browser.click(By.id("delete:delete-offsets"));
      browser.clickAndLoad(By.id("delete:confirm-yes"));
      errors = String.join(" ", browser.errors());
      assertTrue(errors.contains("subscribed to topic '" + setup.topic() + "'"), errors);
      assertEquals(setup.committed(), committedOffsets(setup), "nothing deleted");
    }
  }

  @Test
  void aViewerSeesNoDeletion() {
    Fixtures.GroupAtRest setup = Fixtures.groupAtRest(http, "console-delete-viewer");
    try (ConsoleBrowser viewer = new ConsoleBrowser(http.baseUrl())) {
      viewer.signIn(ConsoleBrowser.VIEWER);
      viewer.open("/console/group.xhtml?id=" + setup.group());
      viewer.find(By.id("group-title"));

      assertFalse(viewer.isPresent(By.id("delete:delete-group")));
      assertFalse(viewer.isPresent(By.id("delete:delete-offsets")));
    }
    assertEquals(setup.committed(), committedOffsets(setup));
  }

  private void assertRefusedAsUnknown(String group) {
    Fixtures.assertRefused(404, 40410, http.get(Fixtures.v3(http, "/consumer-groups/" + group)));
  }

  private static void openGroupPage(String group) {
    browser.open("/console/group.xhtml?id=" + group);
  }

  private static void openGroup(String group) {
    openGroupPage(group);
    browser.find(By.id("group-title"));
  }

  private Map<Integer, Long> committedOffsets(Fixtures.GroupAtRest setup) {
    Map<Integer, Long> current = new HashMap<>();
    Fixtures.lags(http, setup.group(), setup.topic())
        .forEach(
            (partition, lag) -> {
              if (lag.get("current_offset") instanceof jakarta.json.JsonNumber offset) {
                current.put(partition, offset.longValue());
              }
            });
    return current;
  }
}
