package org.tributary.inserver;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The deployment of the in-server tests: the very WAR that `mvn -Prun` runs, plus the test classes,
 * so the tests exercise the packaged core and nothing hand-assembled.
 */
final class InServerDeployment {

  private InServerDeployment() {}

  static WebArchive tributaryWith(Class<?>... testClasses) {
    File war = new File(System.getProperty("micro.target"), "tributary.war");
    return ShrinkWrap.createFromZipFile(WebArchive.class, war)
        .addClasses(testClasses)
        .addClass(InServerDeployment.class);
  }
}
