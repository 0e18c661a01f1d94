package org.tributary.kafka.produce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.InitProducerIdResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Test;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;

/**
 * InitProducerId: fresh ids from database blocks for idempotent producers, none for transactions.
 */
class InitProducerIdApiTest {

  /** Blocks as the database hands them out: each claim continues after the last. */
  private static final class CountingBlocks extends ProducerIdBlocks {
    long next;
    int claims;

    @Override
    public long claim(int size) {
      claims++;
      long first = next;
      next += size;
      return first;
    }
  }

  private final CountingBlocks blocks = new CountingBlocks();
  private final InitProducerIdApi api = new InitProducerIdApi();

  InitProducerIdApiTest() {
    api.producerIds = new ProducerIds();
    api.producerIds.blocks = blocks;
  }

  private InitProducerIdResponse ask(String transactionalId) throws Exception {
    InitProducerIdRequest request =
        new InitProducerIdRequest.Builder(
                new InitProducerIdRequestData()
                    .setTransactionalId(transactionalId)
                    .setTransactionTimeoutMs(60_000))
            .build((short) 5);
    return (InitProducerIdResponse)
        api.handle(
                new KafkaRequest(
                    new RequestHeader(ApiKeys.INIT_PRODUCER_ID, (short) 5, "client", 1),
                    request,
                    new KafkaSession("kafka-1", new InetSocketAddress("127.0.0.1", 50000))))
            .toCompletableFuture()
            .get();
  }

  @Test
  void everyIdempotentProducerGetsANewIdAtEpochZero() throws Exception {
    InitProducerIdResponse first = ask(null);
    InitProducerIdResponse second = ask(null);
    assertEquals(Errors.NONE, first.error());
    assertEquals(0, first.data().producerEpoch());
    assertEquals(first.data().producerId() + 1, second.data().producerId());
    assertEquals(1, blocks.claims, "one block serves a thousand producers");
  }

  @Test
  void aUsedUpBlockIsFollowedByTheNextClaimed() throws Exception {
    blocks.next = 5_000;
    long last = -1;
    for (int i = 0; i <= ProducerIds.BLOCK_SIZE; i++) {
      last = ask(null).data().producerId();
    }
    assertEquals(5_000 + ProducerIds.BLOCK_SIZE, last);
    assertEquals(2, blocks.claims);
  }

  @Test
  void aTransactionalProducerIsRefused() throws Exception {
    InitProducerIdResponse refused = ask("orders-tx");
    assertEquals(Errors.UNSUPPORTED_VERSION, refused.error());
    assertEquals(-1, refused.data().producerId());
    assertEquals(0, blocks.claims, "no producer id spent on it");
  }
}
