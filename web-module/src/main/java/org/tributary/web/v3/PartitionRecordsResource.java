package org.tributary.web.v3;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.log.FetchResult;
import org.tributary.log.PartitionLogs;
import org.tributary.log.Record;
import org.tributary.security.Roles;
import org.tributary.web.QueryParameters;

/**
 * Reads a partition without a consumer instance (REST Proxy users' long-standing request): records
 * from an offset, up to {@code max_bytes}, waiting up to {@code timeout} ms at the high watermark
 * for the first ones without holding a thread (the core's fetch and its delayed-fetch long poll).
 * Nothing is committed and no group is involved: the caller keeps the position ({@code
 * next_offset}).
 */
@Path("/v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/records")
@Tag(name = "v3 partitions")
@RolesAllowed({Roles.ADMIN, Roles.CONSUMER, Roles.VIEWER})
public class PartitionRecordsResource {

  /** The longest a read waits at the high watermark, as a v2 consumer's records request. */
  static final long MAX_TIMEOUT_MS = Duration.ofMinutes(5).toMillis();

  /** Kafka's {@code max.partition.fetch.bytes} default. */
  private static final long DEFAULT_MAX_BYTES = 1_048_576;

  @Inject Cluster cluster;
  @Inject PartitionLogs logs;
  @Context UriInfo uri;

  @Inject
  @ConfigProperty(name = "consumer.request.max.bytes", defaultValue = "67108864")
  int maxResponseBytes;

  @Inject
  @ConfigProperty(name = "consumer.request.timeout.ms", defaultValue = "1000")
  long defaultTimeoutMs;

  @PathParam("cluster_id")
  String clusterId;

  @PathParam("topic_name")
  String topicName;

  @PathParam("partition_id")
  String partitionId;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Read records of a partition from an offset, without a consumer instance",
      description =
          "offset: a number, earliest (the default: the log start offset) or latest (the high"
              + " watermark); max_bytes (default 1 MiB, at most consumer.request.max.bytes; at"
              + " least one record is returned); timeout: ms to wait at the high watermark"
              + " (default consumer.request.timeout.ms, at most 300000); format: binary (default),"
              + " json or string. Answers the records, the partition's log_start_offset and"
              + " high_watermark, and next_offset, where the next read starts.")
  public CompletionStage<Response> read(
      @QueryParam("offset") String offset,
      @QueryParam("max_bytes") String maxBytes,
      @QueryParam("timeout") String timeout,
      @QueryParam("format") String format) {
    cluster.require(clusterId);
    int partition = PartitionIds.parse(topicName, partitionId);
    RecordJson shown = RecordJson.named(format);
    int budget =
        (int) QueryParameters.number("max_bytes", maxBytes, DEFAULT_MAX_BYTES, 1, maxResponseBytes);
    long wait =
        QueryParameters.number(
            "timeout", timeout, Math.min(defaultTimeoutMs, MAX_TIMEOUT_MS), 0, MAX_TIMEOUT_MS);
    long from = startOffset(partition, offset);
    // The URL now: the request's context is gone when the fetch completes.
    String self =
        cluster.url(uri, "/topics/" + topicName + "/partitions/" + partition + "/records");
    Envelope envelope = new Envelope(cluster.id(), topicName, self, shown);
    // Resumed on the completion executor: never on the deadline timer's thread, which writing a
    // response to a slow client would hold.
    return logs.fetch(topicName, partition, from, budget, Duration.ofMillis(wait))
        .thenApplyAsync(
            result -> Response.ok(output(result, envelope), MediaType.APPLICATION_JSON).build(),
            logs.completions());
  }

  private long startOffset(int partition, String offset) {
    if (offset == null || offset.isBlank() || offset.equals("earliest")) {
      return logs.offsets(topicName, partition).logStartOffset();
    }
    if (offset.equals("latest")) {
      return logs.offsets(topicName, partition).lastStableOffset();
    }
    // Any long: one below the log start or past the high watermark is OFFSET_OUT_OF_RANGE, with
    // the valid range, from the log itself.
    return QueryParameters.number("offset", offset, 0, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** What the response says beside the records, taken while the request is being handled. */
  private record Envelope(String clusterId, String topicName, String self, RecordJson shown) {}

  private static StreamingOutput output(FetchResult result, Envelope envelope) {
    RecordJson shown = envelope.shown();
    return output -> {
      try (JsonGenerator json =
          RecordJson.GENERATORS.createGenerator(output, StandardCharsets.UTF_8)) {
        json.writeStartObject();
        json.write("kind", "KafkaPartitionRecords");
        json.writeStartObject("metadata").write("self", envelope.self()).writeEnd();
        json.write("cluster_id", envelope.clusterId());
        json.write("topic_name", envelope.topicName());
        json.write("partition_id", result.partition().partition());
        json.write("log_start_offset", result.logStartOffset());
        json.write("high_watermark", result.lastStableOffset());
        json.write("next_offset", result.nextOffset());
        json.write("format", shown.name());
        json.writeStartArray("data");
        for (Record record : result.records()) {
          shown.write(json, null, result.partition().partition(), record);
        }
        json.writeEnd();
        json.writeEnd();
      }
    };
  }
}
