package org.cartrial.outcomes.timeline.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Pattern;

import org.cartrial.api.CommandRefused;
import org.cartrial.outcomes.cutoff.query.SealedCutoff;
import org.cartrial.outcomes.cutoff.query.SealedCutoffs;
import org.cartrial.outcomes.timeline.query.SubjectTimelineProjection;
import org.cartrial.outcomes.timeline.query.SubjectTimelineProjection.Entry;
import org.cartrial.outcomes.timeline.query.SubjectTimelineProjection.Timeline;
import org.cartrial.support.audit.SubjectReadLog;
import org.cartrial.support.security.Caller;
import org.cartrial.support.security.TrialRole;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A subject's timeline. Site staff see their own subjects with who recorded what; analysts and safety officers
 * see pseudonymous data only (no user names). Every read is logged.
 */
@RestController
@Validated
@RequestMapping("/api/outcomes/subjects/{subjectId}/timeline")
class TimelineController {

    private final SubjectTimelineProjection timelines;
    private final SubjectReadLog readLog;
    private final SealedCutoffs seals;

    TimelineController(SubjectTimelineProjection timelines, SubjectReadLog readLog, SealedCutoffs seals) {
        this.timelines = timelines;
        this.readLog = readLog;
        this.seals = seals;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('SITE_COORDINATOR', 'INVESTIGATOR', 'ADMIN', 'ANALYST', 'SAFETY_OFFICER')")
    Timeline timeline(@PathVariable @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9-]{0,39}") String subjectId) {
        Caller caller = Caller.current();
        Timeline timeline = timelines.timeline(subjectId).filter(t -> caller.siteScope().covers(t.siteId()))
                .orElseThrow(() -> CommandRefused.notFound("subject-not-found", "No subject " + subjectId
                        + " at your sites."));
        readLog.record(subjectId, timeline.siteId(), "outcomes timeline");
        boolean mayKnowWho = caller.has(TrialRole.ADMIN) || caller.has(TrialRole.SITE_COORDINATOR)
                || caller.has(TrialRole.INVESTIGATOR);
        List<SealedCutoff> sealed = seals.all();
        List<Entry> entries = timeline.entries().stream()
                .map(e -> new Entry(e.eventId(), e.event(), e.occurredOn(), e.recordedAt(),
                        mayKnowWho ? e.recordedBy() : null, e.reason(), afterLockOf(e, sealed)))
                .toList();
        return new Timeline(timeline.subjectId(), timeline.siteId(), entries);
    }

    /** The earliest sealed cut-off that the entry's date falls in and that was sealed before it was recorded. */
    private static String afterLockOf(Entry entry, List<SealedCutoff> sealed) {
        LocalDate on = LocalDate.parse(entry.occurredOn());
        Instant recordedAt = Instant.parse(entry.recordedAt());
        return sealed.stream()
                .filter(s -> !on.isAfter(s.cutoff()) && recordedAt.isAfter(s.sealedAt()))
                .map(s -> s.cutoff().toString())
                .findFirst().orElse(null);
    }
}
