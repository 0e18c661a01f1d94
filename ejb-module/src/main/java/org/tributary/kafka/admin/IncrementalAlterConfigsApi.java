package org.tributary.kafka.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.IncrementalAlterConfigsRequest;
import org.apache.kafka.common.requests.IncrementalAlterConfigsResponse;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaRequest;

/**
 * IncrementalAlterConfigs: SET, DELETE (back to the default), and APPEND/SUBTRACT on list configs
 * ({@code cleanup.policy}) of topics; see {@link ConfigChange} and {@link ConfigAlterations}.
 */
@ApplicationScoped
public class IncrementalAlterConfigsApi implements KafkaApi {

  @Inject ConfigAlterations alterations;

  @Override
  public ApiKeys key() {
    return ApiKeys.INCREMENTAL_ALTER_CONFIGS;
  }

  @Override
  public short maxVersion() {
    return 1;
  }

  @Override
  public Errors notWriterError() {
    return Errors.NOT_CONTROLLER;
  }

  @Override
  public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
    IncrementalAlterConfigsRequestData asked =
        request.body(IncrementalAlterConfigsRequest.class).data();
    Map<String, Integer> counts =
        AdminRequests.countNames(
            asked.resources(), resource -> resource.resourceType() + ":" + resource.resourceName());
    IncrementalAlterConfigsResponseData answered = new IncrementalAlterConfigsResponseData();
    for (AlterConfigsResource resource : asked.resources()) {
      ApiError outcome;
      if (counts.get(resource.resourceType() + ":" + resource.resourceName()) > 1) {
        outcome = new ApiError(Errors.INVALID_REQUEST, "Each resource must appear at most once.");
      } else {
        List<ConfigChange.Operation> operations =
            resource.configs().stream()
                .map(
                    config ->
                        new ConfigChange.Operation(
                            config.name(), config.configOperation(), config.value()))
                .toList();
        outcome =
            alterations.alter(
                request,
                resource.resourceType(),
                resource.resourceName(),
                current -> ConfigChange.incremental(current, operations),
                !operations.isEmpty(),
                asked.validateOnly());
      }
      answered
          .responses()
          .add(
              new AlterConfigsResourceResponse()
                  .setResourceType(resource.resourceType())
                  .setResourceName(resource.resourceName())
                  .setErrorCode(outcome.error().code())
                  .setErrorMessage(outcome.message()));
    }
    return CompletableFuture.completedFuture(new IncrementalAlterConfigsResponse(answered));
  }
}
