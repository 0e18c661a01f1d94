package org.tributary.console.clients;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.tributary.clients.ClientActivity;
import org.tributary.clients.ClientView;

/** Backs the clients page: the producers and consumers the broker served recently. */
@Named
@RequestScoped
public class ListClients {

  @Inject ClientActivity activity;

  private List<ClientView> rows;

  public List<ClientView> getRows() {
    if (rows == null) {
      rows = activity.recent();
    }
    return rows;
  }
}
