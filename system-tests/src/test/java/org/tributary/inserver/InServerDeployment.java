package org.tributary.inserver;

import java.io.File;
import org.eu.ingwar.tools.arquillian.extension.suite.annotations.ArquillianSuiteDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.GenericArchive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one deployment of all in-server tests: the very WAR that `mvn -Prun` runs, plus every
 * compiled {@code *InServerIT} class, booted once for the whole suite.
 */
@ArquillianSuiteDeployment
public final class InServerDeployment {

  private InServerDeployment() {}

  @Deployment
  public static WebArchive deployment() {
    File war = new File(System.getProperty("micro.target"), "tributary.war");
    GenericArchive tests =
        ShrinkWrap.create(GenericArchive.class)
            .as(ExplodedImporter.class)
            .importDirectory(new File(System.getProperty("test.classes")))
            .as(GenericArchive.class);
    return ShrinkWrap.createFromZipFile(WebArchive.class, war)
        .merge(tests, "/WEB-INF/classes", Filters.include(".*InServerIT(\\$.*)?\\.class$"))
        .addClass(InServerDeployment.class);
  }
}
