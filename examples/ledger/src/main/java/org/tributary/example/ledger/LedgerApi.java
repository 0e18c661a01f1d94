package org.tributary.example.ledger;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The example's HTTP API. */
@ApplicationPath("/")
public class LedgerApi extends Application {}
