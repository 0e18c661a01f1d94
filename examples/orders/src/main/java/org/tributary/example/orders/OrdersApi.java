package org.tributary.example.orders;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The example's HTTP API. */
@ApplicationPath("/")
public class OrdersApi extends Application {}
