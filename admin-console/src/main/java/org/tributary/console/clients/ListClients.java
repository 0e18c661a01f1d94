package org.tributary.console.clients;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.tributary.clients.ClientActivity;
import org.tributary.clients.ClientView;

/**
 * Backs the clients page: the producers and consumers the broker served recently. View scoped so
 * that sorting and paging work on the rows the page showed; a reload reads them afresh.
 */
@Named
@ViewScoped
public class ListClients implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject ClientActivity activity;

  private List<ClientView> rows;

  public List<ClientView> getRows() {
    if (rows == null) {
      rows = activity.recent();
    }
    return rows;
  }
}
