package org.tributary.inserver;

import java.io.File;
import org.eu.ingwar.tools.arquillian.extension.suite.annotations.ArquillianSuiteDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.GenericArchive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one deployment of all in-server tests: the very WAR that `mvn -Prun` runs, plus every
 * compiled {@code *InServerIT} class, booted once for the whole suite. Arquillian calls its test
 * runner servlet without credentials, so a web fragment opens that one path, which the WAR's
 * web.xml closes like every other (security constraints of web.xml and fragments add up, and the
 * exact path is the most specific).
 */
@ArquillianSuiteDeployment
public final class InServerDeployment {

  private static final String OPEN_TEST_RUNNER =
      """
      <web-fragment xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
        <name>open-test-runner</name>
        <security-constraint>
          <web-resource-collection>
            <web-resource-name>Arquillian's test runner</web-resource-name>
            <url-pattern>/ArquillianServletRunnerEE9</url-pattern>
          </web-resource-collection>
        </security-constraint>
      </web-fragment>
      """;

  private InServerDeployment() {}

  @Deployment
  public static WebArchive deployment() {
    File war = new File(System.getProperty("micro.target"), "tributary.war");
    GenericArchive tests =
        ShrinkWrap.create(GenericArchive.class)
            .as(ExplodedImporter.class)
            .importDirectory(new File(System.getProperty("test.classes")))
            .as(GenericArchive.class);
    JavaArchive openTestRunner =
        ShrinkWrap.create(JavaArchive.class, "open-test-runner.jar")
            .addAsManifestResource(new StringAsset(OPEN_TEST_RUNNER), "web-fragment.xml");
    return ShrinkWrap.createFromZipFile(WebArchive.class, war)
        .merge(tests, "/WEB-INF/classes", Filters.include(".*InServerIT(\\$.*)?\\.class$"))
        .addClass(InServerDeployment.class)
        .addAsLibrary(openTestRunner);
  }
}
