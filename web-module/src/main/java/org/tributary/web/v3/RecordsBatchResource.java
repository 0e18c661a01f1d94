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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.clients.ClientActivity;
import org.tributary.clients.ClientIdentity;
import org.tributary.log.PartitionLogs;
import org.tributary.log.RecordMetadata;
import org.tributary.security.Roles;
import org.tributary.topic.TopicCatalog;
import org.tributary.web.HttpClients;
import org.tributary.web.error.ErrorResponses;

/**
 * REST Proxy v3 batch produce (kafka-rest's ProduceBatch): each entry is one record, appended on
 * its own, so one refused entry fails only itself. The answer is 207 with every entry's result,
 * {@code successes} and {@code failures} each in the order of the entries.
 */
@Path("/v3/clusters/{cluster_id}/topics/{topic_name}/records:batch")
@Tag(name = "v3 produce")
@RolesAllowed({Roles.PRODUCER, Roles.ADMIN})
public class RecordsBatchResource {

  /** Multi-Status: the body holds each entry's own status. */
  private static final int MULTI_STATUS = 207;

  @Inject Cluster cluster;
  @Inject TopicCatalog topics;
  @Inject PartitionLogs logs;
  @Inject ClientActivity clients;
  @Resource ManagedExecutorService executor;

  @Inject
  @ConfigProperty(name = "api.v3.produce.batch.maximum.entries", defaultValue = "10")
  int maxEntries;

  @PathParam("cluster_id")
  String clusterId;

  @PathParam("topic_name")
  String topicName;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Produce a batch of records, each with its own result",
      description =
          "Body {\"entries\": [{\"id\": \"1\", \"partition_id\", \"headers\", \"key\", \"value\","
              + " \"timestamp\"}]}: ids distinct, at most api.v3.produce.batch.maximum.entries"
              + " (10). Answers 207 {\"successes\": [...], \"failures\": [{\"id\","
              + " \"error_code\", \"message\"}]}.")
  public CompletionStage<Response> produce(String body, @Context HttpServletRequest request) {
    cluster.require(clusterId);
    ClientIdentity who = HttpClients.producer(request);
    topics.getForProduce(topicName);
    List<ProduceBatchBody.Entry> entries = ProduceBatchBody.parse(body, maxEntries).entries();
    List<CompletableFuture<Shapes.BatchSuccess>> results = new ArrayList<>(entries.size());
    for (ProduceBatchBody.Entry entry : entries) {
      results.add(produce(entry, who));
    }
    // The response is written on the executor, never on the writer's completion task.
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .handleAsync((done, failed) -> report(entries, results), executor);
  }

  private CompletableFuture<Shapes.BatchSuccess> produce(
      ProduceBatchBody.Entry entry, ClientIdentity who) {
    try {
      ProduceRecord record = ProduceRecord.parse(entry.record());
      return logs.appender()
          .append(topicName, List.of(record.record()))
          .thenApply(
              appended -> {
                clients.produced(who, topicName, 1, record.record().keyAndValueSize());
                return success(entry.id(), record, appended.get(0));
              })
          .toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private Response report(
      List<ProduceBatchBody.Entry> entries, List<CompletableFuture<Shapes.BatchSuccess>> results) {
    List<Shapes.BatchSuccess> successes = new ArrayList<>();
    List<Shapes.BatchFailure> failures = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      try {
        successes.add(results.get(i).join());
      } catch (CompletionException e) {
        String id = entries.get(i).id();
        failures.add(
            ErrorResponses.bodyOf(
                e, (code, message) -> new Shapes.BatchFailure(id, code, message)));
      }
    }
    return Response.status(MULTI_STATUS)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new Shapes.BatchResults(successes, failures))
        .build();
  }

  private Shapes.BatchSuccess success(String id, ProduceRecord record, RecordMetadata appended) {
    return new Shapes.BatchSuccess(
        id,
        cluster.id(),
        appended.topic(),
        appended.partition(),
        appended.offset(),
        Instant.ofEpochMilli(appended.timestamp()).toString(),
        record.keySize(),
        record.valueSize());
  }
}
