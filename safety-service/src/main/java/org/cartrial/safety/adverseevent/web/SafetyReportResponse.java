package org.cartrial.safety.adverseevent.web;

import java.time.Instant;

import org.cartrial.api.safety.SafetyDeadlineMet;

/** The closed reporting clock: its rule, awareness and due moments, when the report was sent and whether on time. */
record SafetyReportResponse(String adverseEventId, String subjectId, String siteId, String recipient, String rule,
        Instant awareAt, Instant dueAt, Instant sentAt, boolean onTime, Instant recordedAt) {

    static SafetyReportResponse of(SafetyDeadlineMet met) {
        return new SafetyReportResponse(met.adverseEventId(), met.subjectId(), met.siteId(), met.recipient(),
                met.rule(), met.awareAt(), met.dueAt(), met.sentAt(), met.onTime(), met.recordedAt());
    }
}
