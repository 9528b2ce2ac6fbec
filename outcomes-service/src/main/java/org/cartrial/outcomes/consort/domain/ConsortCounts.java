package org.cartrial.outcomes.consort.domain;

/** The boxes of the CONSORT flow diagram that the platform knows so far. */
public record ConsortCounts(long screened, long eligible, long screenFailed, long enrolled, long withdrawn) {

    public static final ConsortCounts NONE = new ConsortCounts(0, 0, 0, 0, 0);

    ConsortCounts add(ConsortEntry entry) {
        return new ConsortCounts(
                screened + (entry.screened() ? 1 : 0),
                eligible + (entry.screened() && Boolean.TRUE.equals(entry.eligible()) ? 1 : 0),
                screenFailed + (entry.screenFailed() ? 1 : 0),
                enrolled + (entry.enrolledOn() != null ? 1 : 0),
                withdrawn + (entry.withdrawnOn() != null ? 1 : 0));
    }
}
