package org.cartrial.support.events;

import org.springframework.data.mongodb.core.query.Query;

/**
 * A read of many read-model documents asks for them in batches. The embedded MongoDB-wire server (mongo-java-server)
 * answers a find without a batch size with every remaining document in one reply, and the driver refuses a reply
 * over 48 MB: at about 40,000 subjects a full read of the subject courses failed. A real MongoDB caps a batch at
 * 16 MB anyway, so the batch size changes nothing there.
 */
public final class CursorBatches {

    /** Documents per reply: a few MB of subject documents. */
    public static final int DOCUMENTS = 2_000;

    private CursorBatches() {
    }

    /** {@code query}, answered in batches. */
    public static Query inBatches(Query query) {
        return query.cursorBatchSize(DOCUMENTS);
    }
}
