package org.tributary.indoubt;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.tributary.api.TributaryContext;

/**
 * Test-only, deployed by {@code InDoubtRecoveryIT} inside a copy of the WAR: sends one record in a
 * transaction together with a {@link HaltingResource}, so that the JVM halts after the send's
 * branch was prepared and before the coordinator decided: that branch stays in doubt.
 */
@Path("/in-doubt-test/{topic}")
public class InDoubtSendsResource {

  @Inject TributaryContext tributary;

  @Resource(lookup = "java:appserver/TransactionManager")
  TransactionManager transactions;

  @POST
  public String sendThenHaltInPrepare(
      @PathParam("topic") String topic, @QueryParam("halt") @DefaultValue("true") boolean halt)
      throws Exception {
    transactions.begin();
    // A first resource makes the transaction a two-phase one from the start; the halting one is
    // enlisted after the send's branch, so that the coordinator prepares that branch first.
    transactions.getTransaction().enlistResource(new HaltingResource(false));
    long offset = tributary.createProducer().send(topic, null, "in doubt").offset();
    transactions.getTransaction().enlistResource(new HaltingResource(halt));
    transactions.commit();
    return "not halted: " + offset;
  }
}
