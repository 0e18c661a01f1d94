package org.tributary.web.v3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tributary.web.error.RequestRefusedException;
import org.tributary.web.v3.Shapes.ListMetadata;
import org.tributary.web.v3.Shapes.Related;
import org.tributary.web.v3.Shapes.ResourceList;
import org.tributary.web.v3.Shapes.ResourceMetadata;

/** This server as REST Proxy v3 sees it: one cluster with one broker, and its resource URLs. */
@ApplicationScoped
public class Cluster {

  @Inject
  @ConfigProperty(name = "tributary.cluster.id", defaultValue = "tributary")
  String clusterId;

  public String id() {
    return clusterId;
  }

  /** Refuses a path that names another cluster. */
  public void require(String pathClusterId) {
    if (!clusterId.equals(pathClusterId)) {
      throw RequestRefusedException.clusterNotFound(pathClusterId, clusterId);
    }
  }

  /** The absolute URL of a path below {@code /v3/clusters/{cluster_id}}. */
  public String url(UriInfo uri, String path) {
    String base = uri.getBaseUri().toString();
    return base + (base.endsWith("/") ? "" : "/") + "v3/clusters/" + clusterId + path;
  }

  public Related related(UriInfo uri, String path) {
    return new Related(url(uri, path));
  }

  /** {@code crn:///kafka=<id>/<path>}: REST Proxy's resource names. */
  public ResourceMetadata metadata(UriInfo uri, String path, String resourceName) {
    return new ResourceMetadata(
        url(uri, path),
        "crn:///kafka=" + clusterId + (resourceName.isEmpty() ? "" : "/" + resourceName));
  }

  public <T> ResourceList<T> list(UriInfo uri, String kind, String path, List<T> data) {
    return new ResourceList<>(kind, new ListMetadata(url(uri, path), null), data);
  }
}
