package org.cartrial.safety.listing.web;

import java.util.List;

import org.cartrial.api.CommandRefused;
import org.cartrial.api.SiteScope;
import org.cartrial.safety.infusedsubject.query.InfusedSubjectsProjection;
import org.cartrial.safety.listing.domain.IncidenceTable;
import org.cartrial.safety.listing.query.AdverseEventListing;
import org.cartrial.safety.listing.query.AdverseEventListing.SubjectAdverseEvents;
import org.cartrial.support.audit.SubjectReadLog;
import org.cartrial.support.security.Caller;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Pattern;

/**
 * The adverse-event listing: a subject's (open) adverse events, for its own site's staff, safety officers and
 * administrators; and the incidence table by term and grade, an aggregate that analysts may read too. A subject of
 * another site answers 404, as if unknown.
 */
@RestController
@Validated
@RequestMapping("/api/safety")
class AdverseEventListingController {

    private final AdverseEventListing listing;
    private final InfusedSubjectsProjection infusedSubjects;
    private final SubjectReadLog readLog;

    AdverseEventListingController(AdverseEventListing listing, InfusedSubjectsProjection infusedSubjects,
            SubjectReadLog readLog) {
        this.listing = listing;
        this.infusedSubjects = infusedSubjects;
        this.readLog = readLog;
    }

    @GetMapping("/subjects/{subjectId}/adverse-events")
    @PreAuthorize("hasAnyRole('SAFETY_OFFICER', 'ADMIN', 'SITE_COORDINATOR', 'INVESTIGATOR')")
    SubjectAdverseEvents subjectAdverseEvents(
            @PathVariable @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9-]{0,39}") String subjectId,
            @RequestParam(name = "open", defaultValue = "false") boolean openOnly) {
        SiteScope scope = Caller.current().siteScope();
        SubjectAdverseEvents events = listing.ofSubject(subjectId, openOnly)
                .filter(s -> scope.covers(s.siteId()))
                .orElseThrow(() -> CommandRefused.notFound("subject-not-found",
                        "No adverse events of subject " + subjectId + " at your sites."));
        readLog.record(subjectId, events.siteId(), "adverse-event listing" + (openOnly ? " (open)" : ""));
        return events;
    }

    @GetMapping("/incidence")
    @PreAuthorize("hasAnyRole('SAFETY_OFFICER', 'ADMIN', 'ANALYST', 'SITE_COORDINATOR', 'INVESTIGATOR')")
    IncidenceTable incidence(@RequestParam(name = "site", required = false)
            List<@Pattern(regexp = "[A-Z0-9]{2,10}") String> site) {
        List<String> sites = Caller.current().sitesToRead(site == null || site.isEmpty() ? null : site);
        return listing.incidence(sites, infusedSubjects.count(sites));
    }
}
