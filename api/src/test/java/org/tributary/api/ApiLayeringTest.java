package org.tributary.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.tributary.api.listener.Delivery;
import org.tributary.api.listener.ListenerExtension;
import org.tributary.api.listener.ListenerLoop;
import org.tributary.api.listener.ListenerSettings;

/**
 * Apps compile against the API alone. Its pom keeps Tributary's inside out; these rules keep what
 * apps see small: the types they use know nothing of the listener runtime, whose handles stay
 * package-private, and nothing but the platform apps run on is needed.
 */
@AnalyzeClasses(
    packages = "org.tributary.api",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ApiLayeringTest {

  @ArchTest
  static final ArchRule dependsOnlyOnThePlatform =
      classes()
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "org.tributary.api..",
              "java..",
              "javax.naming..",
              "jakarta..",
              "org.eclipse.microprofile.config..");

  @ArchTest
  static final ArchRule applicationTypesKnowNothingOfTheListenerRuntime =
      noClasses()
          .that()
          .resideInAPackage("org.tributary.api")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.tributary.api.listener..");

  @ArchTest
  static final ArchRule theListenerRuntimeShowsOnlyItsExtension =
      classes()
          .that()
          .resideInAPackage("org.tributary.api.listener..")
          .and()
          .doNotBelongToAnyOf(
              ListenerExtension.class,
              ListenerLoop.class,
              ListenerSettings.class,
              Delivery.class,
              Delivery.Unavailable.class)
          .should()
          .notBePublic()
          .because(
              "CDI loads the extension and the resource adapter drives the same loop; the rest"
                  + " are handles of the runtime");
}
