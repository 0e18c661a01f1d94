package org.tributary.kafka.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.AlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.AlterConfigsRequest;
import org.apache.kafka.common.requests.AlterConfigsResponse;
import org.apache.kafka.common.requests.ApiError;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaRequest;

/**
 * AlterConfigs (the legacy, non-incremental one): a topic's own configs become exactly those given;
 * the others return to their defaults. See {@link ConfigAlterations}.
 */
@ApplicationScoped
public class AlterConfigsApi implements KafkaApi {

  @Inject ConfigAlterations alterations;

  @Override
  public ApiKeys key() {
    return ApiKeys.ALTER_CONFIGS;
  }

  @Override
  public short maxVersion() {
    return 2;
  }

  @Override
  public Errors notWriterError() {
    return Errors.NOT_CONTROLLER;
  }

  @Override
  public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
    AlterConfigsRequestData asked = request.body(AlterConfigsRequest.class).data();
    Map<String, Integer> counts =
        AdminRequests.countNames(asked.resources(), AlterConfigsApi::resourceKey);
    AlterConfigsResponseData answered = new AlterConfigsResponseData();
    for (AlterConfigsResource resource : asked.resources()) {
      ApiError outcome;
      if (counts.get(resourceKey(resource)) > 1) {
        outcome = new ApiError(Errors.INVALID_REQUEST, "Each resource must appear at most once.");
      } else {
        Map<String, String> configs = new LinkedHashMap<>();
        for (AlterableConfig config : resource.configs()) {
          configs.put(config.name(), config.value());
        }
        outcome =
            alterations.alter(
                request,
                resource.resourceType(),
                resource.resourceName(),
                current -> ConfigChange.replacing(current, configs),
                !configs.isEmpty(),
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
    return CompletableFuture.completedFuture(new AlterConfigsResponse(answered));
  }

  private static String resourceKey(AlterConfigsResource resource) {
    return resource.resourceType() + ":" + resource.resourceName();
  }
}
