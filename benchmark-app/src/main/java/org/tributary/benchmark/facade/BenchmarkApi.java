package org.tributary.benchmark.facade;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The benchmark's endpoints; {@code benchmark/facade-benchmark.sh} calls them. */
@ApplicationPath("/")
public class BenchmarkApi extends Application {}
