package org.tributary;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinTable;
import jakarta.persistence.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The core's features depend on each other in one direction only: topic ← log ← group ← consumer,
 * with metrics and the facade on top; errors, lease, storage, security, clients and the audit trail
 * depend on no feature. Each rule here is one the module's pom cannot enforce: the core compiles
 * against all of Jakarta EE and kafka-clients, and its packages share one jar.
 */
@AnalyzeClasses(
    packages = "org.tributary",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class LayeringTest {

  private static final String[] FEATURES = {
    "org.tributary.topic..",
    "org.tributary.log..",
    "org.tributary.group..",
    "org.tributary.consumer..",
    "org.tributary.metrics..",
    "org.tributary.facade..",
    "org.tributary.clients..",
    "org.tributary.redrive.."
  };

  /**
   * Kafka's record format (batches built, read and compacted), Kafka's partitioner, and a Kafka
   * producer's batch as it is validated and placed (ProducedBatch with its inner RecordRefusal; a
   * batch's producer fields, ProducerBatch).
   */
  private static final Set<String> KAFKA_STORAGE_CLASSES =
      Set.of(
          "BatchBuilder",
          "EncodedBatch",
          "BatchCompaction",
          "OffsetMap",
          "Partitioner",
          "ProducedBatch",
          "ProducedBatch$RecordRefusal",
          "ProducerBatch");

  @ArchTest
  static final ArchRule errorsDependOnNoFeature =
      noClasses()
          .that()
          .resideInAPackage("org.tributary.errors..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              concat(
                  FEATURES,
                  "org.tributary.lease..",
                  "org.tributary.storage..",
                  "org.tributary.security.."));

  @ArchTest
  static final ArchRule leasesKnowNothingOfWhatTheyGuard =
      noClasses()
          .that()
          .resideInAPackage("org.tributary.lease..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(concat(FEATURES, "org.tributary.security.."));

  @ArchTest
  static final ArchRule theClusterKnowsNoFeature =
      noClasses()
          .that()
          .resideInAPackage("org.tributary.cluster..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(concat(FEATURES, "org.tributary.kafka..", "org.tributary.security.."))
          .because("which servers are alive and which one writes is the same for every feature");

  @ArchTest
  static final ArchRule storageKnowsNoFeature =
      noClasses()
          .that()
          .resideInAPackage("org.tributary.storage..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(concat(FEATURES, "org.tributary.lease..", "org.tributary.security.."))
          .because("the datasource's facts serve every feature and know none");

  @ArchTest
  static final ArchRule securityKnowsNoFeature =
      noClasses()
          .that()
          .resideInAPackage("org.tributary.security..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(concat(FEATURES, "org.tributary.lease..", "org.tributary.storage.."))
          .because("who may sign in is the same question for every feature");

  @ArchTest
  static final ArchRule noFeatureAsksWhoIsSignedIn =
      noClasses()
          .that()
          .resideOutsideOfPackages("org.tributary.security..", "org.tributary.kafka..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.tributary.security..")
          .because(
              "roles are checked at the boundaries (HTTP, console, the Kafka listener), not inside"
                  + " the broker");

  @ArchTest
  static final ArchRule theAuditTrailKnowsNoFeature =
      noClasses()
          .that()
          .resideInAPackage("org.tributary.audit..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              concat(
                  FEATURES,
                  "org.tributary.lease..",
                  "org.tributary.storage..",
                  "org.tributary.security.."))
          .because("every feature records its changes in it, so it sits below them all");

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
              "org.tributary.facade..",
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
              "org.tributary.facade..",
              "org.tributary.clients..");

  @ArchTest
  static final ArchRule groupsKnowNothingOfConsumersOrMetrics =
      noClasses()
          .that()
          .resideInAPackage("org.tributary.group..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.tributary.consumer..",
              "org.tributary.metrics..",
              "org.tributary.facade..",
              "org.tributary.clients..");

  @ArchTest
  static final ArchRule nothingBelowTheGroupReadsItsTables =
      noClasses()
          .that()
          .resideInAnyPackage(
              "org.tributary.errors..",
              "org.tributary.lease..",
              "org.tributary.storage..",
              "org.tributary.topic..",
              "org.tributary.log..",
              "org.tributary.clients..",
              "org.tributary.security..")
          .should(nameInTheirQueries(groupTables()))
          .because("a native query is a dependency the package rules above cannot see");

  @ArchTest
  static final ArchRule consumersDoNotReportClients =
      noClasses()
          .that()
          .resideInAPackage("org.tributary.consumer..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.tributary.clients..", "org.tributary.facade..")
          .because("the consumer is shared by HTTP and the facade, which know who the client is");

  @ArchTest
  static final ArchRule theFacadeIsOnTop =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.tributary.facade..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.tributary.facade..");

  @ArchTest
  static final ArchRule onlyTheFacadeSpeaksTheApplicationApi =
      noClasses()
          .that()
          .resideOutsideOfPackages("org.tributary.facade..", "org.tributary.api..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.tributary.api..")
          .because("the broker's types stay apart from the ones applications compile against");

  @ArchTest
  static final ArchRule clientsDependOnNothingButTheJdkAndJakarta =
      classes()
          .that()
          .resideInAPackage("org.tributary.clients..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "jakarta..", "org.tributary.clients..");

  @ArchTest
  static final ArchRule onlyTheStorageFormatTouchesKafkaClients =
      noClasses()
          .that(haveSimpleNameOutside(KAFKA_STORAGE_CLASSES))
          .and()
          .resideOutsideOfPackage("org.tributary.kafka..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.apache.kafka..")
          .because("kafka-clients' record format is internal API; few classes may follow it");

  @ArchTest
  static final ArchRule theCoreSpeaksNoHttpNorFaces =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta.servlet..",
              "jakarta.ws.rs..",
              "jakarta.faces..",
              "jakarta.security.enterprise.authentication..")
          .because("HTTP, its errors and its sign-in are the WARs' business (web, console)");

  @ArchTest
  static final ArchRule theKafkaProtocolIsOnTop =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.tributary.kafka..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.tributary.kafka..")
          .because("the wire protocol is one more boundary, like HTTP; the broker knows none");

  @ArchTest
  static final ArchRule onlyTheNetworkLayerSpeaksNetty =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.tributary.kafka.network..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.netty..")
          .because("Netty is the Kafka listener's transport; the APIs see decoded requests only");

  @ArchTest
  static final ArchRule theKafkaApisDoNotReachIntoTheNetwork =
      noClasses()
          .that()
          .resideInAPackage("org.tributary.kafka..")
          .and()
          .resideOutsideOfPackage("org.tributary.kafka.network..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.tributary.kafka.network..");

  private static String[] concat(String[] packages, String... more) {
    String[] all = new String[packages.length + more.length];
    System.arraycopy(packages, 0, all, 0, packages.length);
    System.arraycopy(more, 0, all, packages.length, more.length);
    return all;
  }

  private static DescribedPredicate<JavaClass> haveSimpleNameOutside(Set<String> names) {
    return DescribedPredicate.describe(
        "are not one of " + new TreeSet<>(names), type -> !names.contains(topLevelName(type)));
  }

  /** {@code BatchCompaction} for {@code log.BatchCompaction$LatestPerKey}. */
  private static String topLevelName(JavaClass type) {
    return type.getName().substring(type.getPackageName().length() + 1).replaceAll("\\$.*", "");
  }

  /** The tables of the group's entities, collection tables included. */
  private static Set<String> groupTables() {
    Set<String> tables = new TreeSet<>();
    JavaClasses group =
        new com.tngtech.archunit.core.importer.ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.tributary.group");
    for (JavaClass type : group) {
      if (!type.isAnnotatedWith(Entity.class)) {
        continue;
      }
      Class<?> entity = type.reflect();
      Table table = entity.getAnnotation(Table.class);
      tables.add(table == null ? entity.getSimpleName() : table.name());
      for (Field field : entity.getDeclaredFields()) {
        CollectionTable collection = field.getAnnotation(CollectionTable.class);
        if (collection != null) {
          tables.add(collection.name());
        }
        JoinTable join = field.getAnnotation(JoinTable.class);
        if (join != null) {
          tables.add(join.name());
        }
      }
    }
    if (tables.isEmpty()) {
      throw new IllegalStateException("the group has no entities: this rule checks nothing");
    }
    return tables;
  }

  /** A class whose constants (its SQL among them) name one of the tables. */
  private static ArchCondition<JavaClass> nameInTheirQueries(Set<String> tables) {
    return new ArchCondition<>("name the group's tables " + tables + " in a query") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        String constants = classFile(type);
        for (String table : tables) {
          boolean names = constants.contains(table.toLowerCase(Locale.ROOT));
          events.add(
              new SimpleConditionEvent(
                  type, names, type.getName() + (names ? " names " : " does not name ") + table));
        }
      }
    };
  }

  private static String classFile(JavaClass type) {
    try (InputStream in = type.getSource().orElseThrow().getUri().toURL().openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
