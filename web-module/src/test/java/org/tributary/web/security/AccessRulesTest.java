package org.tributary.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Who may call what, for every resource method of the HTTP API: a new method fails this test until
 * its roles are decided here.
 */
class AccessRulesTest {

  private static final String EVERY_ROLE = "admin consumer producer viewer";
  private static final String PRODUCE = "admin producer";
  private static final String CONSUME = "admin consumer";
  private static final String ADMIN = "admin";
  private static final String READ = "admin consumer viewer";

  private static final String V3 = "/v3/clusters/{cluster_id}";
  private static final String INSTANCE = "/consumers/{group}/instances/{instance}";
  private static final String CONFIGS = V3 + "/topics/{topic_name}/configs{alter: (:alter)?}";
  private static final String GROUP = V3 + "/consumer-groups/{group}";
  private static final String BROKER_CONFIGS = V3 + "/brokers/{broker_id}/configs";
  private static final String PARTITION = V3 + "/topics/{topic_name}/partitions/{partition_id}";

  private static final Map<String, String> RULES =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("GET /", EVERY_ROLE),
              // v2: metadata for every client, produce for producers
              Map.entry("GET /topics", EVERY_ROLE),
              Map.entry("GET /topics/{topic}", EVERY_ROLE),
              Map.entry("POST /topics/{topic}", PRODUCE),
              Map.entry("GET /topics/{topic}/partitions", EVERY_ROLE),
              Map.entry("GET /topics/{topic}/partitions/{partition}", EVERY_ROLE),
              Map.entry("GET /topics/{topic}/partitions/{partition}/offsets", EVERY_ROLE),
              Map.entry("POST /topics/{topic}/partitions/{partition}", PRODUCE),
              // v2 consumer instances
              Map.entry("POST /consumers/{group}", CONSUME),
              Map.entry("DELETE " + INSTANCE, CONSUME),
              Map.entry("POST " + INSTANCE + "/subscription", CONSUME),
              Map.entry("GET " + INSTANCE + "/subscription", CONSUME),
              Map.entry("DELETE " + INSTANCE + "/subscription", CONSUME),
              Map.entry("POST " + INSTANCE + "/assignments", CONSUME),
              Map.entry("GET " + INSTANCE + "/assignments", CONSUME),
              Map.entry("POST " + INSTANCE + "/positions", CONSUME),
              Map.entry("POST " + INSTANCE + "/positions/beginning", CONSUME),
              Map.entry("POST " + INSTANCE + "/positions/end", CONSUME),
              Map.entry("POST " + INSTANCE + "/positions/timestamp", CONSUME),
              Map.entry("GET " + INSTANCE + "/records", CONSUME),
              Map.entry("POST " + INSTANCE + "/offsets", CONSUME),
              Map.entry("GET " + INSTANCE + "/offsets", CONSUME),
              // v3
              Map.entry("GET /v3/clusters", EVERY_ROLE),
              Map.entry("GET " + V3, EVERY_ROLE),
              Map.entry("GET " + V3 + "/topics", EVERY_ROLE),
              Map.entry("POST " + V3 + "/topics", ADMIN),
              Map.entry("GET " + V3 + "/topics/{topic_name}", EVERY_ROLE),
              Map.entry("PATCH " + V3 + "/topics/{topic_name}", ADMIN),
              Map.entry("DELETE " + V3 + "/topics/{topic_name}", ADMIN),
              Map.entry("GET " + CONFIGS, EVERY_ROLE),
              Map.entry("GET " + CONFIGS + "/{name}", EVERY_ROLE),
              Map.entry("PUT " + CONFIGS + "/{name}", ADMIN),
              Map.entry("DELETE " + CONFIGS + "/{name}", ADMIN),
              Map.entry("POST " + CONFIGS, ADMIN),
              Map.entry("GET " + V3 + "/topics/{topic_name}/partitions", EVERY_ROLE),
              Map.entry("GET " + V3 + "/topics/{topic_name}/partitions/{partition_id}", EVERY_ROLE),
              Map.entry("POST " + V3 + "/topics/{topic_name}/records", PRODUCE),
              // reads without a consumer instance: whoever may read records
              Map.entry(
                  "GET " + V3 + "/topics/{topic_name}/partitions/{partition_id}/records", READ),
              Map.entry("GET " + V3 + "/topics/{topic_name}/records:stream", READ),
              Map.entry("POST " + V3 + "/topics/{topic_name}/records:delete", ADMIN),
              Map.entry("GET " + V3 + "/consumer-groups", EVERY_ROLE),
              Map.entry("GET " + GROUP, EVERY_ROLE),
              Map.entry("DELETE " + GROUP, ADMIN),
              Map.entry("POST " + GROUP + "/offsets:delete", ADMIN),
              Map.entry("GET " + GROUP + "/consumers", EVERY_ROLE),
              Map.entry("GET " + GROUP + "/consumers/{consumer}", EVERY_ROLE),
              Map.entry("GET " + GROUP + "/consumers/{consumer}/assignments", EVERY_ROLE),
              Map.entry("GET " + GROUP + "/lags", EVERY_ROLE),
              Map.entry("GET " + GROUP + "/lag-summary", EVERY_ROLE),
              Map.entry("GET " + GROUP + "/offset-resets", EVERY_ROLE),
              Map.entry("POST " + GROUP + "/offsets:reset", ADMIN),
              Map.entry("POST " + GROUP + "/offset-resets/{reset}:undo", ADMIN),
              Map.entry("GET " + V3 + "/clients", EVERY_ROLE),
              // v3: the broker, its configs, replicas and reassignments (read-only)
              Map.entry("GET " + V3 + "/acls", EVERY_ROLE),
              Map.entry("GET " + V3 + "/brokers", EVERY_ROLE),
              Map.entry("GET " + V3 + "/brokers/{broker_id}", EVERY_ROLE),
              Map.entry("GET " + BROKER_CONFIGS, EVERY_ROLE),
              Map.entry("GET " + BROKER_CONFIGS + "/{name}", EVERY_ROLE),
              Map.entry("PUT " + BROKER_CONFIGS + "/{name}", ADMIN),
              Map.entry("DELETE " + BROKER_CONFIGS + "/{name}", ADMIN),
              Map.entry("GET " + V3 + "/brokers/{broker_id}/partition-replicas", EVERY_ROLE),
              Map.entry("GET " + V3 + "/broker-configs", EVERY_ROLE),
              Map.entry("GET " + V3 + "/broker-configs/{name}", EVERY_ROLE),
              Map.entry("PUT " + V3 + "/broker-configs/{name}", ADMIN),
              Map.entry("DELETE " + V3 + "/broker-configs/{name}", ADMIN),
              Map.entry("GET " + PARTITION + "/replicas", EVERY_ROLE),
              Map.entry("GET " + PARTITION + "/replicas/{broker_id}", EVERY_ROLE),
              Map.entry("GET " + PARTITION + "/reassignment", EVERY_ROLE),
              Map.entry("GET " + PARTITION + "/offset", EVERY_ROLE),
              Map.entry("GET " + V3 + "/topics/-/configs", EVERY_ROLE),
              Map.entry("POST " + V3 + "/topics/{topic_name}/records:batch", PRODUCE),
              Map.entry(
                  "GET " + GROUP + "/lags/{topic_name}/partitions/{partition_id}", EVERY_ROLE),
              Map.entry(
                  "GET "
                      + GROUP
                      + "/consumers/{consumer}/assignments/{topic_name}/partitions/{partition_id}",
                  EVERY_ROLE),
              Map.entry("GET " + GROUP + "/offset-resets/{reset}", EVERY_ROLE),
              Map.entry("GET " + V3 + "/audit-log", ADMIN),
              Map.entry("GET " + V3 + "/users", ADMIN),
              Map.entry("POST " + V3 + "/users", ADMIN),
              Map.entry("GET " + V3 + "/users/{user_name}", ADMIN),
              Map.entry("PATCH " + V3 + "/users/{user_name}", ADMIN),
              Map.entry("DELETE " + V3 + "/users/{user_name}", ADMIN),
              // everyone changes their own password; only admins set another's (checked inside)
              Map.entry("POST " + V3 + "/users/{user_name}/password", EVERY_ROLE)));

  @Test
  void everyResourceMethodTakesTheRolesDecidedHere() {
    assertEquals(RULES, enforcedRules());
  }

  /** "METHOD path" of every resource method of the web module, and the roles it takes. */
  private static Map<String, String> enforcedRules() {
    Map<String, String> rules = new TreeMap<>();
    for (JavaClass type :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.tributary.web")) {
      if (!type.isAnnotatedWith(Path.class)) {
        continue;
      }
      Class<?> resource = type.reflect();
      for (Method method : resource.getDeclaredMethods()) {
        String httpMethod = httpMethod(method);
        if (httpMethod != null) {
          String path = join(resource.getAnnotation(Path.class), method.getAnnotation(Path.class));
          String roles =
              String.join(
                  " ",
                  Set.copyOf(AllowedRoles.of(resource, method).roles()).stream().sorted().toList());
          rules.put(httpMethod + " " + path, roles);
        }
      }
    }
    return rules;
  }

  private static String httpMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod httpMethod = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (httpMethod != null) {
        return httpMethod.value();
      }
    }
    return null;
  }

  private static String join(Path resource, Path method) {
    String path = resource.value();
    if (method != null) {
      path = path.replaceAll("/$", "") + "/" + method.value().replaceAll("^/", "");
    }
    return path.equals("/") ? path : path.replaceAll("/$", "");
  }
}
