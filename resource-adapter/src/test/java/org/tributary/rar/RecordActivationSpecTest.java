package org.tributary.rar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.InvalidPropertyException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.api.ConsumerSettings.OffsetReset;
import org.tributary.api.listener.ListenerSettings;

class RecordActivationSpecTest {

  private static RecordActivationSpec spec(String topics, String group) {
    RecordActivationSpec spec = new RecordActivationSpec();
    spec.setTopics(topics);
    spec.setGroup(group);
    return spec;
  }

  @Test
  void defaultsMirrorOnRecord() throws Exception {
    RecordActivationSpec spec = spec("payments", "ledger");
    spec.validate();

    ListenerSettings settings = spec.settings(true);

    assertEquals(
        new ListenerSettings(
            List.of("payments"),
            "ledger",
            1,
            3,
            Duration.ofMillis(200),
            "",
            OffsetReset.EARLIEST,
            true),
        settings);
  }

  @Test
  void everyPropertyIsReadAndTopicsAreSplitOnCommas() throws Exception {
    RecordActivationSpec spec = spec(" payments , refunds ", " ledger ");
    spec.setConcurrency("4");
    spec.setStartAt("LATEST");
    spec.setMaxAttempts("5");
    spec.setBackoffMillis("0");
    spec.setDeadLetterTopic("ledger-dead");
    spec.validate();

    assertEquals(
        new ListenerSettings(
            List.of("payments", "refunds"),
            "ledger",
            4,
            5,
            Duration.ZERO,
            "ledger-dead",
            OffsetReset.LATEST,
            false),
        spec.settings(false));
  }

  @Test
  void anActivationWithoutTopicsOrGroupIsRefusedNamingBoth() {
    InvalidPropertyException refused =
        assertThrows(InvalidPropertyException.class, () -> spec(" , ", null).validate());

    assertTrue(refused.getMessage().contains("'topics' is required"), refused.getMessage());
    assertTrue(refused.getMessage().contains("'group' is required"), refused.getMessage());
  }

  @Test
  void aGroupLongerThanTributaryAcceptsIsRefusedAtActivation() throws Exception {
    spec("payments", " " + "g".repeat(255) + " ").validate();

    InvalidPropertyException refused =
        assertThrows(
            InvalidPropertyException.class, () -> spec("payments", "g".repeat(256)).validate());

    assertTrue(
        refused.getMessage().contains("'group' must be at most 255 characters")
            && refused.getMessage().contains("was 256"),
        refused.getMessage());
  }

  @Test
  void numbersOutOfRangeOrNotNumbersAreRefusedWithTheValueGiven() {
    RecordActivationSpec spec = spec("payments", "ledger");
    spec.setConcurrency("lots");
    spec.setMaxAttempts("0");
    spec.setBackoffMillis("-1");

    String message = assertThrows(InvalidPropertyException.class, spec::validate).getMessage();

    assertTrue(
        message.contains("'concurrency' must be a whole number from 1 to 64, was 'lots'"), message);
    assertTrue(message.contains("'maxAttempts' must be a whole number from 1 to 100"), message);
    assertTrue(message.contains("'backoffMillis' must be a whole number from 0 to"), message);
  }

  @Test
  void aStartingPositionOtherThanEarliestOrLatestIsRefused() {
    RecordActivationSpec spec = spec("payments", "ledger");
    spec.setStartAt("none");

    String message = assertThrows(InvalidPropertyException.class, spec::validate).getMessage();

    assertTrue(message.contains("'startAt' must be 'earliest' or 'latest', was 'none'"), message);
  }

  @Test
  void illegalTopicNamesAndADeadLetterTopicAmongTheTopicsAreRefused() {
    RecordActivationSpec badName = spec("pay ments", "ledger");
    assertTrue(
        assertThrows(InvalidPropertyException.class, badName::validate)
            .getMessage()
            .contains("'pay ments', which is not a topic name"));

    RecordActivationSpec loop = spec("payments", "ledger");
    loop.setDeadLetterTopic("payments");
    assertTrue(
        assertThrows(InvalidPropertyException.class, loop::validate)
            .getMessage()
            .contains("'deadLetterTopic' must not be one of the 'topics'"));
  }
}
