package org.tributary.system.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The message browser's page as the browser tests read it: its rows, cells and values. */
record MessagePage(ConsoleBrowser browser) {

  /** Opens the browser of {@code topic} at its latest records. */
  void open(String topic) {
    browser.open("/console/messages.xhtml?topic=" + topic);
    browser.find(By.id("browse:go"));
  }

  void chooseView(String label) {
    browser.clickAndWait(
        By.xpath(
            "//div[@id='browse:view']//div[contains(@class,'ui-button')][normalize-space(.)='"
                + label
                + "']"));
  }

  List<WebElement> rows() {
    return browser.findAll(By.cssSelector("#browse\\:records tbody tr"));
  }

  static String cell(WebElement row, String css) {
    return row.findElement(By.cssSelector(css)).getText();
  }

  /** The value of a row as text, whitespace and line breaks included. */
  String value(int row) {
    return valueOf(rows().get(row));
  }

  List<String> values() {
    return rows().stream().map(this::valueOf).toList();
  }

  private String valueOf(WebElement row) {
    return (String)
        browser.script(
            "return arguments[0].textContent;", row.findElement(By.cssSelector(".value-cell")));
  }
}
