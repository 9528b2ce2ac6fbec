package org.cartrial.safety.stream.query;

/**
 * One entry of the safety stream log: {@code sequence} (the SSE id, assigned once per event id), the published
 * event's id and CloudEvents type, what the filters look at (kind, site, grade, seriousness) and the event itself
 * as published ({@code eventJson}). {@code grade} is null for a safety signal, which concerns the trial.
 */
public record StreamEntry(
        long sequence,
        String eventId,
        String type,
        StreamKind kind,
        String siteId,
        String subjectId,
        String adverseEventId,
        Integer grade,
        boolean serious,
        String recordedAt,
        long loggedAtMillis,
        String eventJson) {
}
