package org.tributary.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersionCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;

/**
 * ApiVersions: exactly the APIs and versions this broker serves, never all that kafka-clients
 * knows. A version of ApiVersions itself that is too new gets UNSUPPORTED_VERSION in v0's shape, so
 * the client can retry with one listed.
 */
@ApplicationScoped
public class ApiVersionsApi implements KafkaApi {

  @Inject Instance<KafkaApis> apis;

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
    return CompletableFuture.completedFuture(respond(request, apis.get()));
  }

  AbstractResponse respond(KafkaRequest request, KafkaApis served) {
    ApiVersionsRequest body = request.body(ApiVersionsRequest.class);
    ApiVersionCollection versions = new ApiVersionCollection();
    served.served().stream()
        .sorted((a, b) -> Short.compare(a.key().id, b.key().id))
        .forEach(
            api ->
                versions.add(
                    new ApiVersion()
                        .setApiKey(api.key().id)
                        .setMinVersion(api.minVersion())
                        .setMaxVersion(api.maxVersion())));
    ApiVersionsResponseData data = new ApiVersionsResponseData().setApiKeys(versions);
    if (body.hasUnsupportedRequestVersion() || request.version() > maxVersion()) {
      return new ApiVersionsResponse(data.setErrorCode(Errors.UNSUPPORTED_VERSION.code()));
    }
    if (!body.isValid()) {
      return body.getErrorResponse(Errors.INVALID_REQUEST.exception());
    }
    return new ApiVersionsResponse(data.setErrorCode(Errors.NONE.code()));
  }
}
