package org.tributary;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The core's features depend on each other in one direction only: topic ← log ← group ← consumer,
 * with metrics on top. {@code clients} sits below them all: the boundaries that see clients (the
 * HTTP resources, the facade) report to it.
 */
@AnalyzeClasses(packages = "org.tributary", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

  @ArchTest
  static final ArchRule errorsDependOnNoFeature =
      noClasses()
          .that()
          .resideInAPackage("org.tributary.errors..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.tributary.topic..",
              "org.tributary.log..",
              "org.tributary.group..",
              "org.tributary.consumer..",
              "org.tributary.metrics..",
              "org.tributary.storage..",
              "org.tributary.clients..");

  @ArchTest
  static final ArchRule leasesKnowNothingOfWhatTheyGuard =
      noClasses()
          .that()
          .resideInAPackage("org.tributary.lease..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.tributary.topic..",
              "org.tributary.log..",
              "org.tributary.group..",
              "org.tributary.consumer..",
              "org.tributary.metrics..",
              "org.tributary.clients..");

  @ArchTest
  static final ArchRule topicsKnowNothingOfLogsOrGroups =
      noClasses()
          .that()
          .resideInAPackage("org.tributary.topic..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.tributary.log..",
              "org.tributary.group..",
              "org.tributary.consumer..",
              "org.tributary.metrics..",
              "org.tributary.clients..");

  @ArchTest
  static final ArchRule logsKnowNothingOfGroups =
      noClasses()
          .that()
          .resideInAPackage("org.tributary.log..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.tributary.group..",
              "org.tributary.consumer..",
              "org.tributary.metrics..",
              "org.tributary.clients..");

  @ArchTest
  static final ArchRule groupsKnowNothingOfConsumersOrMetrics =
      noClasses()
          .that()
          .resideInAPackage("org.tributary.group..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.tributary.consumer..", "org.tributary.metrics..", "org.tributary.clients..");

  @ArchTest
  static final ArchRule consumersDoNotReportClients =
      noClasses()
          .that()
          .resideInAPackage("org.tributary.consumer..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.tributary.clients..")
          .because("the consumer is shared by HTTP and the facade, which know who the client is");

  @ArchTest
  static final ArchRule clientsDependOnNothingButTheJdkAndJakarta =
      classes()
          .that()
          .resideInAPackage("org.tributary.clients..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "jakarta..", "org.tributary.clients..");

  @ArchTest
  static final ArchRule coreNeverDependsOnWebOrConsole =
      noClasses()
          .that()
          .resideInAPackage("org.tributary..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.tributary.web..",
              "org.tributary.console..",
              "jakarta.ws.rs..",
              "jakarta.faces..");
}
