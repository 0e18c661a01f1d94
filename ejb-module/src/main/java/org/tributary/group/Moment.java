package org.tributary.group;

import java.time.Instant;

/**
 * A point in time read from both clocks: the wall clock for what operators see (a member's last
 * heartbeat), the monotonic one ({@link System#nanoTime}) for deadlines, so that a wall clock set
 * back or forward neither keeps dead members nor expires live ones.
 */
record Moment(Instant wallTime, long nanoTime) {}
