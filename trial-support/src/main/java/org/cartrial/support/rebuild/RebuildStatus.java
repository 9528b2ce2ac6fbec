package org.cartrial.support.rebuild;

import java.time.Instant;

/** Where a rebuild stands: records to replay (the topics' content when it began), replayed so far, speed. */
public record RebuildStatus(String readModel, State state, long recordsToReplay, long recordsReplayed,
        Instant startedAt, Instant finishedAt, double recordsPerSecond, String error) {

    public enum State { IDLE, STOPPING_CONSUMER, RESETTING_OFFSETS, REPLAYING, DONE, FAILED }

    static RebuildStatus idle(String readModel) {
        return new RebuildStatus(readModel, State.IDLE, 0, 0, null, null, 0, null);
    }
}
