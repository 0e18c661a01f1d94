package org.tributary.system.server;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tributary.system.TributaryHttp;
import org.tributary.system.mdb.LedgerMdbOnServerIT;

/**
 * The resource adapter on Payara Micro, deployed as the README says: the API jar added to Micro's
 * libraries, the RAR and the ledger example deployed after Tributary. Its message-driven bean
 * consumes exactly once there too (the Payara Server tests run all of {@link LedgerMdbOnServerIT}).
 */
class LedgerMdbOnMicroIT {

  private final OwnServer server =
      new OwnServer(
          Path.of(System.getProperty("crash.test.dir")).resolveSibling("ledger-mdb"),
          Integer.parseInt(System.getProperty("crash.test.port")));

  @AfterEach
  void stopServer() throws Exception {
    server.stop();
  }

  @Test
  void theLedgerBeanBooksExactlyOnceOnMicro() throws Exception {
    server.fresh();
    server.start(
        System.getProperty("test.server.options", ""),
        Map.of(
            "TRIBUTARY_MICRO_ARGS",
            String.join(
                " ",
                "--addlibs",
                System.getProperty("api.jar"),
                "--deploy",
                System.getProperty("rar.file"),
                "--deploy",
                System.getProperty("ledger.war"))));

    LedgerMdbOnServerIT.against(new TributaryHttp(server.url()))
        .aRolledBackDeliveryLeavesTheEntryAndTheOffsetThenCommitsBothOnce();
  }
}
