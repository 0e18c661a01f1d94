package org.tributary.kafka.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaApis;
import org.tributary.kafka.KafkaRequest;

class KafkaChannelTest {

  private static final int MAX_IN_FLIGHT = 3;

  /** ApiVersions answered by stages the test completes, in any order. */
  private final ConcurrentLinkedQueue<CompletableFuture<AbstractResponse>> stages =
      new ConcurrentLinkedQueue<>();

  private final List<CompletableFuture<AbstractResponse>> handed = new ArrayList<>();
  private final ListenerMetrics metrics = new ListenerMetrics(null);

  private final KafkaApi apiVersions =
      new KafkaApi() {
        @Override
        public ApiKeys key() {
          return ApiKeys.API_VERSIONS;
        }

        @Override
        public short minVersion() {
          return 0;
        }

        @Override
        public short maxVersion() {
          return 4;
        }

        @Override
        public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
          CompletableFuture<AbstractResponse> stage = new CompletableFuture<>();
          stages.add(stage);
          synchronized (handed) {
            handed.add(stage);
          }
          return stage;
        }
      };

  @Test
  void pipelinedRequestsBeyondTheInFlightBoundWaitAndTheConnectionIsNotRead() {
    EmbeddedChannel channel = channel(Runnable::run, 10);
    ByteBuf frames = Unpooled.buffer();
    for (int i = 0; i < 10; i++) {
      frames.writeBytes(frame(i));
    }
    channel.writeInbound(frames);
    assertEquals(MAX_IN_FLIGHT, handed.size(), "only the in-flight bound is handed out");
    assertFalse(channel.config().isAutoRead(), "the connection is not read meanwhile");

    answer(0);
    channel.runPendingTasks();
    assertEquals(0, correlationOf(channel.readOutbound()));
    assertEquals(MAX_IN_FLIGHT + 1, handed.size(), "one answered, one more handed out");
    assertFalse(channel.config().isAutoRead());
  }

  @Test
  void responsesAreWrittenInRequestOrderWhateverOrderTheyComplete() {
    EmbeddedChannel channel = channel(Runnable::run, 10);
    channel.writeInbound(Unpooled.wrappedBuffer(frame(0), frame(1), frame(2)));
    answer(2);
    answer(1);
    channel.runPendingTasks();
    assertNull(channel.readOutbound(), "nothing before the first is answered");
    answer(0);
    channel.runPendingTasks();
    assertEquals(0, correlationOf(channel.readOutbound()));
    assertEquals(1, correlationOf(channel.readOutbound()));
    assertEquals(2, correlationOf(channel.readOutbound()));
    assertTrue(channel.config().isAutoRead(), "read again once all are answered");
  }

  @Test
  void aFrameThatIsNotAKafkaRequestClosesTheConnection() {
    EmbeddedChannel channel = channel(Runnable::run, 10);
    ByteBuf unknownKey = Unpooled.buffer().writeInt(10).writeShort(999).writeShort(0);
    unknownKey.writeInt(1).writeShort(-1);
    List<String> logged = logged(() -> channel.writeInbound(unknownKey));
    assertEquals(1, logged.size(), logged::toString);
    assertFalse(channel.isOpen());
    assertTrue(handed.isEmpty());
  }

  @Test
  void aFrameLargerThanTheLimitBeforeAuthenticationClosesTheConnectionUnread() {
    EmbeddedChannel channel = channel(Runnable::run, 10);
    channel.writeInbound(Unpooled.buffer().writeInt(1_000).writeBytes(new byte[10]));
    assertFalse(channel.isOpen());
  }

  @Test
  void aConnectionEndingInsideAFrameIsClosedAndReported() {
    EmbeddedChannel channel = channel(Runnable::run, 10);
    channel.writeInbound(Unpooled.buffer().writeInt(50).writeBytes(new byte[10]));
    assertTrue(channel.isOpen(), "waits for the rest");
    List<String> logged = logged(channel::close);
    assertEquals(1, logged.size(), logged::toString);
    assertTrue(logged.get(0).contains("in the middle of a frame (14 bytes"), logged::toString);
  }

  @Test
  void aNegativeSizeClosesTheConnection() {
    EmbeddedChannel channel = channel(Runnable::run, 10);
    channel.writeInbound(Unpooled.buffer().writeInt(-5).writeBytes(new byte[10]));
    assertFalse(channel.isOpen());
  }

  @Test
  void connectionsBeyondMaxConnectionsAreClosedAndFreeTheirPlace() {
    EmbeddedChannel first = channel(Runnable::run, 1);
    EmbeddedChannel second = channel(Runnable::run, 1);
    assertTrue(first.isOpen());
    assertFalse(second.isOpen());
    assertEquals(1, metrics.open());
    first.close();
    assertEquals(0, metrics.open());
    assertTrue(channel(Runnable::run, 1).isOpen());
  }

  @Test
  void anIdleConnectionIsClosedEvenWithRequestsThatNeverComplete() {
    EmbeddedChannel channel = channel(Runnable::run, 10);
    channel.writeInbound(Unpooled.wrappedBuffer(frame(0)));
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
    assertFalse(channel.isOpen());
    answer(0);
    channel.runPendingTasks();
    assertNull(channel.readOutbound(), "a late answer goes nowhere");
  }

  @Test
  void aFailedTlsHandshakeClosesTheConnectionWithOneLineAndNoStackTrace() {
    EmbeddedChannel channel = channel(Runnable::run, 10);
    SSLHandshakeException timedOut = new SSLHandshakeException("handshake timed out after 10000ms");
    List<String> logged =
        logged(
            () -> {
              channel.pipeline().fireExceptionCaught(timedOut);
              channel.pipeline().fireUserEventTriggered(new SslHandshakeCompletionEvent(timedOut));
            });
    assertFalse(channel.isOpen());
    assertEquals(1, logged.size(), logged::toString);
    assertTrue(logged.get(0).contains("handshake timed out"), logged::toString);
  }

  @Test
  void aRefusingRequestPoolClosesTheConnection() {
    Executor refusing =
        task -> {
          throw new RejectedExecutionException("shut down");
        };
    EmbeddedChannel channel = channel(refusing, 10);
    channel.writeInbound(Unpooled.wrappedBuffer(frame(0)));
    assertFalse(channel.isOpen());
  }

  /** What KafkaChannel logs while {@code action} runs. */
  private static List<String> logged(Runnable action) {
    Logger logger = Logger.getLogger(KafkaChannel.class.getName());
    List<String> lines = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            lines.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(capture);
    try {
      action.run();
    } finally {
      logger.removeHandler(capture);
    }
    return lines;
  }

  private EmbeddedChannel channel(Executor handlers, int maxConnections) {
    KafkaChannel connection =
        new KafkaChannel(
            "kafka-test",
            new KafkaApis(List.of(apiVersions)),
            handlers,
            MAX_IN_FLIGHT,
            maxConnections,
            metrics,
            SecurityProtocol.SASL_PLAINTEXT);
    EmbeddedChannel channel =
        new EmbeddedChannel() {
          @Override
          protected SocketAddress remoteAddress0() {
            return new InetSocketAddress("127.0.0.1", 40000);
          }
        };
    channel.pipeline().addLast(new KafkaFrames(1 << 20, 100, connection::authenticated));
    channel.pipeline().addLast(connection);
    channel.pipeline().fireChannelActive();
    return channel;
  }

  private void answer(int correlation) {
    handed.get(correlation).complete(new ApiVersionsResponse(new ApiVersionsResponseData()));
  }

  private static byte[] frame(int correlationId) {
    ApiVersionsRequest request = new ApiVersionsRequest.Builder().build((short) 3);
    ByteBuffer body =
        request.serializeWithHeader(
            new RequestHeader(ApiKeys.API_VERSIONS, (short) 3, "test", correlationId));
    byte[] framed = new byte[4 + body.remaining()];
    ByteBuffer.wrap(framed).putInt(body.remaining()).put(body);
    return framed;
  }

  /** A written response's correlation id (ApiVersions responses have header v0). */
  private static int correlationOf(ByteBuf written) {
    try {
      ByteBuffer buffer = written.nioBuffer();
      buffer.getInt();
      return ResponseHeader.parse(buffer, (short) 0).correlationId();
    } finally {
      written.release();
    }
  }
}
