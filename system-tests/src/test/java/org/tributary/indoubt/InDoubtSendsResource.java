package org.tributary.indoubt;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.tributary.api.TributaryContext;

/**
 * Test-only, deployed by {@code InDoubtRecoveryIT} inside a copy of the WAR: sends one record in a
 * transaction together with a {@link HaltingResource}, so that the JVM halts between the two
 * branches' commits and the send's branch stays in doubt.
 */
@Path("/in-doubt-test/{topic}")
public class InDoubtSendsResource {

  @Inject TributaryContext tributary;

  @Resource(lookup = "java:appserver/TransactionManager")
  TransactionManager transactions;

  @POST
  public String sendThenHaltInCommit(@PathParam("topic") String topic) throws Exception {
    transactions.begin();
    // A first resource makes the transaction a two-phase one from the start; the halting one is
    // enlisted after the send's branch, so that the coordinator commits it before that branch.
    transactions.getTransaction().enlistResource(new HaltingResource(false));
    long offset = tributary.createProducer().send(topic, null, "in doubt").offset();
    transactions.getTransaction().enlistResource(new HaltingResource(true));
    transactions.commit();
    return "not halted: " + offset;
  }
}
