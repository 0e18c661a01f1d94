package org.tributary.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

/**
 * What the pom cannot rule out (it already keeps the HTTP API's classes away): the core's entities,
 * JPA and kafka-clients all come with the core.
 */
class ConsoleLayeringTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages("org.tributary.console");

  @Test
  void pagesNeverSeeJpaEntities() {
    noClasses()
        .that()
        .resideInAPackage("org.tributary.console..")
        .should()
        .dependOnClassesThat()
        .areAnnotatedWith(Entity.class)
        .check(CLASSES);
  }

  @Test
  void pagesNeverQueryTheDatabase() {
    noClasses()
        .that()
        .resideInAPackage("org.tributary.console..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("jakarta.persistence..")
        .because("pages call the core's boundaries, which own the tables")
        .check(CLASSES);
  }

  @Test
  void pagesNeverReadKafkasRecordFormat() {
    noClasses()
        .that()
        .resideInAPackage("org.tributary.console..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.kafka..")
        .because("a page shows records as the core reads them")
        .check(CLASSES);
  }
}
