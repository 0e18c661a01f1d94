package org.tributary.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

class ConsoleLayeringTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.tributary.console");

  @Test
  void theConsoleNeverUsesTheHttpApi() {
    noClasses()
        .that()
        .resideInAPackage("org.tributary.console..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.tributary.web..")
        .check(CLASSES);
  }

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
}
