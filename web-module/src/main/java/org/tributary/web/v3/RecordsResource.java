package org.tributary.web.v3;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.clients.ClientActivity;
import org.tributary.clients.ClientIdentity;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.PartitionLogs;
import org.tributary.log.RecordMetadata;
import org.tributary.security.Roles;
import org.tributary.topic.TopicCatalog;
import org.tributary.web.HttpClients;
import org.tributary.web.JsonBinding;
import org.tributary.web.error.ErrorResponses;
import org.tributary.web.error.RequestRefusedException;

/**
 * REST Proxy v3 produce: one record per JSON object. A body with several objects is a stream; each
 * gets its delivery report, in order, as soon as it is durable, and a bad one gets an error report
 * while the others go on. The HTTP status is the first record's: if that one is refused, the
 * request fails with its error and nothing after it is read.
 */
@Path("/v3/clusters/{cluster_id}/topics/{topic_name}/records")
@Tag(name = "v3 produce")
@RolesAllowed({Roles.PRODUCER, Roles.ADMIN})
public class RecordsResource {

  private static final byte[] NEWLINE = {'\n'};
  private static final Logger LOG = Logger.getLogger(RecordsResource.class.getName());

  @Inject Cluster cluster;
  @Inject TopicCatalog topics;
  @Inject PartitionLogs logs;
  @Inject ClientActivity clients;
  @Resource ManagedExecutorService executor;

  @Inject
  @ConfigProperty(name = "tributary.http.max-request-bytes", defaultValue = "33554432")
  long maxRecordBytes;

  @PathParam("cluster_id")
  String clusterId;

  @PathParam("topic_name")
  String topicName;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Produce records: one JSON object each, several in one streamed body")
  public CompletionStage<Response> produce(InputStream body, @Context HttpServletRequest request) {
    cluster.require(clusterId);
    ClientIdentity who = HttpClients.producer(request);
    topics.getForProduce(topicName);
    JsonObjectStream records =
        new JsonObjectStream(body, (int) Math.min(maxRecordBytes, Integer.MAX_VALUE - 8));
    String first;
    try {
      first = records.next();
    } catch (UncheckedIOException e) {
      throw bodyStopped(e);
    }
    if (first == null) {
      throw RequestRefusedException.invalidPayload(
          "The request body is empty; send one JSON object per record.");
    }
    // No HTTP thread waits for the first acknowledgement; the response (and the rest of a
    // streamed body) is written on the executor, never on the writer's completion task.
    return produce(first, who)
        .thenApplyAsync(firstReport -> streamedReports(records, firstReport, who), executor);
  }

  private Response streamedReports(
      JsonObjectStream records, byte[] firstReport, ClientIdentity who) {
    StreamingOutput reports =
        output -> {
          try {
            stream(records, firstReport, who, output);
          } catch (IOException | UncheckedIOException e) {
            // The client went away; what it sent was appended, the reports have no reader.
            LOG.fine(() -> "Produce stream to " + topicName + " ended early: " + e);
          }
        };
    return Response.ok(reports, MediaType.APPLICATION_JSON_TYPE).build();
  }

  /**
   * Writes the first report, then produces the rest: each record is appended as soon as it is read
   * and reported in order once durable; reports are flushed whenever the client has sent nothing
   * more, so an interactive client is never kept waiting.
   */
  private void stream(
      JsonObjectStream records, byte[] firstReport, ClientIdentity who, OutputStream output)
      throws IOException {
    write(output, firstReport);
    Deque<CompletableFuture<byte[]>> pending = new ArrayDeque<>();
    while (true) {
      if (!pending.isEmpty() && !records.hasBufferedInput()) {
        drain(pending, output);
      }
      String next;
      try {
        next = records.next();
      } catch (RuntimeException e) {
        // The stream cannot be followed past a framing error or a body that stopped: report it
        // and stop reading.
        RuntimeException refusal =
            e instanceof UncheckedIOException stopped ? bodyStopped(stopped) : e;
        pending.add(CompletableFuture.completedFuture(errorReport(refusal)));
        records.close(); // the response can end without draining the rest of the body
        break;
      }
      if (next == null) {
        break;
      }
      pending.add(produce(next, who).exceptionally(RecordsResource::errorReport));
      while (!pending.isEmpty() && pending.peek().isDone()) {
        write(output, pending.poll().join());
      }
    }
    drain(pending, output);
  }

  private CompletableFuture<byte[]> produce(String text, ClientIdentity who) {
    ProduceRecord record;
    try {
      record = ProduceRecord.parse(text);
      return logs.appender()
          .append(topicName, List.of(record.record()))
          .thenApply(
              appended -> {
                clients.produced(who, topicName, 1, record.record().keyAndValueSize());
                return report(record, appended.get(0));
              })
          .toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * A body that could not be read on: silent longer than the HTTP listener's read timeout (its
   * {@code read-timeout-millis}, 30 s by default), or its client gone. The stream's thread is
   * freed.
   */
  private static TributaryException bodyStopped(UncheckedIOException cause) {
    return new TributaryException(
        ErrorCode.REQUEST_TIMED_OUT,
        "The request body stopped: no bytes arrived within the HTTP listener's read timeout"
            + " (read-timeout-millis, 30 s by default), or the connection failed. Records reported"
            + " before were appended.",
        cause);
  }

  private byte[] report(ProduceRecord record, RecordMetadata appended) {
    return JsonBinding.JSONB
        .toJson(
            new Shapes.Delivered(
                200,
                cluster.id(),
                appended.topic(),
                appended.partition(),
                appended.offset(),
                Instant.ofEpochMilli(appended.timestamp()).toString(),
                record.keySize(),
                record.valueSize()))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] errorReport(Throwable failure) {
    return JsonBinding.JSONB
        .toJson(ErrorResponses.bodyOf(failure))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void drain(Deque<CompletableFuture<byte[]>> pending, OutputStream output)
      throws IOException {
    while (!pending.isEmpty()) {
      write(output, pending.poll().join());
    }
  }

  private static void write(OutputStream output, byte[] report) throws IOException {
    output.write(report);
    output.write(NEWLINE);
    output.flush();
  }
}
