package org.tributary.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's table of the Kafka APIs and versions served is what ApiVersions advertises: every
 * {@link KafkaApi} bean of the module, with its versions, and nothing else.
 */
class KafkaApisVersionsTest {

  private static final Pattern ROW_CELL =
      Pattern.compile("\\|\\s*(\\w+)\\s*\\|\\s*(\\d+)(?:–(\\d+))?\\s*");

  @Test
  void theReadmeListsExactlyTheApisAndVersionsServed() throws Exception {
    assertEquals(documented(), served());
  }

  private static Map<String, String> served() throws ReflectiveOperationException {
    Map<String, String> served = new TreeMap<>();
    for (JavaClass type :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.tributary.kafka")) {
      if (type.isAssignableTo(KafkaApi.class)
          && !type.isInterface()
          && !type.getModifiers().contains(JavaModifier.ABSTRACT)) {
        KafkaApi api = (KafkaApi) type.reflect().getDeclaredConstructor().newInstance();
        served.put(api.key().name, api.minVersion() + "–" + api.maxVersion());
      }
    }
    return served;
  }

  private static Map<String, String> documented() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("| API | versions |");
    String table = readme.substring(start, readme.indexOf("\n\n", start));
    Map<String, String> documented = new TreeMap<>();
    for (String line : table.split("\n")) {
      Matcher cell = ROW_CELL.matcher(line);
      while (cell.find()) {
        String min = cell.group(2);
        String max = cell.group(3) == null ? min : cell.group(3);
        documented.put(cell.group(1), min + "–" + max);
      }
    }
    return documented;
  }
}
