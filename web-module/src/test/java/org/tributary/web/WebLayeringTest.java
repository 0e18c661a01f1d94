package org.tributary.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;

/** The HTTP layer speaks records on the wire and calls the core's boundaries, nothing deeper. */
@AnalyzeClasses(
    packages = "org.tributary.web",
    importOptions = ImportOption.DoNotIncludeTests.class)
class WebLayeringTest {

  @ArchTest
  static final ArchRule noEntityCrossesTheWire =
      noClasses()
          .should()
          .dependOnClassesThat()
          .areAnnotatedWith(Entity.class)
          .because("REST never exposes JPA entities");

  @ArchTest
  static final ArchRule noPersistenceInResources =
      noClasses().should().dependOnClassesThat().resideInAPackage("jakarta.persistence..");

  @ArchTest
  static final ArchRule webDoesNotReachIntoTheConsole =
      noClasses().should().dependOnClassesThat().resideInAPackage("org.tributary.console..");
}
