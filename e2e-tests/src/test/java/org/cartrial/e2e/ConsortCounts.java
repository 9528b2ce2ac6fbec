package org.cartrial.e2e;

import com.fasterxml.jackson.databind.JsonNode;

/** One box row of the CONSORT answer (overall or one site). */
record ConsortCounts(long screened, long eligible, long screenFailed, long enrolled, long withdrawn) {

    static final ConsortCounts NONE = new ConsortCounts(0, 0, 0, 0, 0);

    static ConsortCounts of(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return NONE;
        }
        return new ConsortCounts(node.path("screened").asLong(), node.path("eligible").asLong(),
                node.path("screenFailed").asLong(), node.path("enrolled").asLong(), node.path("withdrawn").asLong());
    }

    static ConsortCounts screenedOnly(long eligible, long screenFailed) {
        return new ConsortCounts(eligible + screenFailed, eligible, screenFailed, 0, 0);
    }
}
