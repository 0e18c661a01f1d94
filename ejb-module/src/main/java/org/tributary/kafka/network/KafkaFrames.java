package org.tributary.kafka.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Splits a connection's bytes into Kafka frames: a 4-byte size, then the request. A size beyond
 * {@code socket.request.max.bytes}, or beyond {@code sasl.server.max.receive.size} before the
 * connection has authenticated (as Kafka bounds what an unknown client can make it buffer), fails
 * at once, before any of the frame is buffered. A connection that ends inside a frame is reported
 * to the channel as a {@link TruncatedFrame}.
 */
final class KafkaFrames extends LengthFieldBasedFrameDecoder {

  private final int maxFrameBytes;
  private final int maxUnauthenticatedBytes;
  private final BooleanSupplier authenticated;

  KafkaFrames(int maxFrameBytes, int maxUnauthenticatedBytes, BooleanSupplier authenticated) {
    super(maxFrameBytes, 0, 4, 0, 4, true);
    this.maxFrameBytes = maxFrameBytes;
    this.maxUnauthenticatedBytes = maxUnauthenticatedBytes;
    this.authenticated = authenticated;
  }

  /** The client closed with part of a frame sent: the channel logs it. */
  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out)
      throws Exception {
    super.decodeLast(ctx, in, out);
    if (in.isReadable()) {
      ctx.fireUserEventTriggered(new TruncatedFrame(in.readableBytes()));
    }
  }

  /** The connection ended {@code bytes} bytes into a frame. */
  record TruncatedFrame(int bytes) {}

  @Override
  protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
    long size = super.getUnadjustedFrameLength(buf, offset, length, order);
    if (size < 0) {
      throw new TooLongFrameException("a frame with the negative size " + size);
    }
    if (size > maxUnauthenticatedBytes && !authenticated.getAsBoolean()) {
      throw new TooLongFrameException(
          "a frame of "
              + size
              + " bytes before authentication, larger than sasl.server.max.receive.size="
              + maxUnauthenticatedBytes);
    }
    if (size > maxFrameBytes) {
      throw new TooLongFrameException(
          "a frame of " + size + " bytes, larger than socket.request.max.bytes=" + maxFrameBytes);
    }
    return size;
  }
}
