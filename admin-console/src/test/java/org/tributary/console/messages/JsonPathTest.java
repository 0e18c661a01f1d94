package org.tributary.console.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tributary.errors.TributaryException;

class JsonPathTest {

  private static final String ORDER =
      "{\"customer\":{\"id\":42,\"name\":\"Ada\"},\"items\":[{\"sku\":\"A-1\"},{\"sku\":\"B-2\"}],"
          + "\"paid\":true,\"note\":null}";

  private static Optional<String> select(String path, String json) {
    return JsonPath.parse(path).select(json);
  }

  @Test
  void dotNamesAndIndexesSelectOneValue() {
    assertEquals(Optional.of("42"), select("$.customer.id", ORDER));
    assertEquals(Optional.of("Ada"), select("$.customer.name", ORDER), "a string's content");
    assertEquals(Optional.of("B-2"), select("$.items[1].sku", ORDER));
    assertEquals(Optional.of("true"), select("$.paid", ORDER));
    assertEquals(Optional.of("null"), select("$.note", ORDER));
    assertEquals(Optional.of("{\"sku\":\"A-1\"}"), select(" $.items[0] ", ORDER));
    assertEquals(Optional.of("7"), select("$", "7"));
    assertEquals(Optional.of("x"), select("$[2]", "[\"a\",\"b\",\"x\"]"));
  }

  @Test
  void aMissingStepOrADocumentThatIsNotJsonSelectsNothing() {
    assertEquals(Optional.empty(), select("$.customer.email", ORDER));
    assertEquals(Optional.empty(), select("$.items[2].sku", ORDER));
    assertEquals(Optional.empty(), select("$.customer[0]", ORDER));
    assertEquals(Optional.empty(), select("$.items.sku", ORDER));
    assertEquals(Optional.empty(), select("$.a", "{\"a\": "));
    assertEquals(Optional.empty(), select("$.a", "plain text"));
  }

  @Test
  void pathsOutsideTheSubsetAreRefusedWithAnExample() {
    for (String bad :
        new String[] {"customer.id", "$..id", "$.items[*]", "$[?(@.a)]", "$.a.", ""}) {
      TributaryException refused =
          assertThrows(TributaryException.class, () -> JsonPath.parse(bad), bad);
      assertTrue(refused.getMessage().contains("$.customer.id"), refused.getMessage());
    }
  }
}
