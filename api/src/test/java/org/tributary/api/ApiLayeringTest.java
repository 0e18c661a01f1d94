package org.tributary.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Apps compile against the API alone: it (listener runtime included) depends on nothing of
 * Tributary's inside, only on the JDK, Jakarta EE and MicroProfile Config.
 */
@AnalyzeClasses(
    packages = "org.tributary.api",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ApiLayeringTest {

  @ArchTest
  static final ArchRule dependsOnlyOnTheJdkAndJakartaEe =
      classes()
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "org.tributary.api..",
              "java..",
              "javax.naming..",
              "jakarta..",
              "org.eclipse.microprofile.config..");
}
