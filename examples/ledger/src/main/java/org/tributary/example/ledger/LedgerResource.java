package org.tributary.example.ledger;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /entries}: the booked entries; {@code GET /deliveries}: every call of the bean. */
@RequestScoped
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {

  @PersistenceContext(unitName = "ledger")
  EntityManager entries;

  @Inject Deliveries deliveries;

  @GET
  @Path("entries")
  public List<LedgerEntry.View> entries() {
    return entries.createNamedQuery("LedgerEntry.all", LedgerEntry.class).getResultList().stream()
        .map(LedgerEntry::view)
        .toList();
  }

  @GET
  @Path("deliveries")
  public List<Deliveries.Call> deliveries() {
    return deliveries.calls();
  }
}
