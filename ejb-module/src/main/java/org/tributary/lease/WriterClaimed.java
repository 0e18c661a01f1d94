package org.tributary.lease;

/**
 * Fired (synchronously) when this server claims the writer lease after another server held it:
 * observers reload what that server changed before this one acknowledges any write.
 */
public record WriterClaimed(long epoch) {}
