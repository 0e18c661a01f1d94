package org.tributary.web.v3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.web.error.RequestRefusedException;

class ProduceBatchBodyTest {

  private static RequestRefusedException refused(String body) {
    return assertThrows(RequestRefusedException.class, () -> ProduceBatchBody.parse(body, 3));
  }

  private static void assertBatchRefused(String body, String because) {
    RequestRefusedException e = refused(body);
    assertEquals(422, e.status(), e::getMessage);
    assertEquals(42208, e.errorCode(), e::getMessage);
    assertTrue(e.getMessage().contains(because), e::getMessage);
  }

  @Test
  void entriesKeepTheirIdsAndOrderAndRecordsAreLeftForLater() {
    ProduceBatchBody batch =
        ProduceBatchBody.parse(
            "{\"entries\":[{\"id\":\"b\",\"value\":{\"type\":\"NOPE\"}},{\"id\":\"a-1_x\"}]}", 3);

    assertEquals(List.of("b", "a-1_x"), batch.entries().stream().map(e -> e.id()).toList());
    assertTrue(batch.entries().get(0).record().contains("NOPE"));
  }

  @Test
  void anEmptyBodyOrBatchIsRefused() {
    assertBatchRefused("", "empty");
    assertBatchRefused("{}", "no 'entries'");
    assertBatchRefused("{\"entries\":[]}", "Empty batch");
  }

  @Test
  void moreEntriesThanAllowedAreRefused() {
    assertBatchRefused(
        "{\"entries\":[{\"id\":\"1\"},{\"id\":\"2\"},{\"id\":\"3\"},{\"id\":\"4\"}]}",
        "Too many entries");
  }

  @Test
  void duplicateIdsAreRefused() {
    assertBatchRefused("{\"entries\":[{\"id\":\"1\"},{\"id\":\"1\"}]}", "not distinct");
  }

  @Test
  void missingOrInvalidIdsAreRefused() {
    assertBatchRefused("{\"entries\":[{\"value\":{\"data\":1}}]}", "identifier");
    assertBatchRefused("{\"entries\":[{\"id\":1}]}", "identifier");
    assertBatchRefused("{\"entries\":[{\"id\":\"\"}]}", "identifier");
    assertBatchRefused("{\"entries\":[{\"id\":\"a b\"}]}", "identifier");
    assertBatchRefused("{\"entries\":[{\"id\":\"" + "x".repeat(81) + "\"}]}", "identifier");
  }

  @Test
  void entriesThatAreNotObjectsRefuseTheBatch() {
    RequestRefusedException e = refused("{\"entries\":[{\"id\":\"1\"},42]}");
    assertEquals(422, e.status());
  }

  @Test
  void aBodyThatIsNotJsonIs400() {
    assertEquals(400, refused("{\"entries\":").status());
  }
}
