package org.tributary.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;
import org.tributary.web.error.ErrorBody;

/**
 * The HTTP layer speaks records on the wire and calls the core's boundaries, nothing deeper. The
 * pom rules out the console; these are what it cannot: the core's entities, JPA and kafka-clients
 * all come with the core.
 */
@AnalyzeClasses(
    packages = "org.tributary.web",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
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
  static final ArchRule noKafkaClientsOnTheWire =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.apache.kafka..")
          .because("REST Proxy's shapes are records of our own; the record format is the core's");

  @ArchTest
  static final ArchRule errorBodiesAreWrittenInOnePlace =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.tributary.web.error..")
          .should()
          .dependOnClassesThat()
          .areAssignableTo(ErrorBody.class)
          .because("ErrorResponses maps every refusal to its status and code, in one place");
}
