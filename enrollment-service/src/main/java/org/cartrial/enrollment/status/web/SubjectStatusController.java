package org.cartrial.enrollment.status.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Pattern;

import org.cartrial.api.CommandRefused;
import org.cartrial.api.SiteScope;
import org.cartrial.enrollment.status.domain.SubjectMilestones;
import org.cartrial.enrollment.status.query.SubjectStatusProjection;
import org.cartrial.support.audit.SubjectReadLog;
import org.cartrial.support.security.Caller;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Subject status (FHIR ResearchSubject words) for the staff of the subject's own site, and admins. */
@RestController
@Validated
@RequestMapping("/api/enrollment/subjects")
@PreAuthorize("hasAnyRole('SITE_COORDINATOR', 'INVESTIGATOR', 'ADMIN')")
class SubjectStatusController {

    /**
     * {@code correctedFindings}: the screening findings corrected since screening (shown for one subject);
     * {@code eligibilityDeviation}: enrolled, then found ineligible by a corrected screening (still on study).
     */
    record SubjectStatusView(String subjectId, String siteId, String status, LocalDate screenedOn, Boolean eligible,
            LocalDate enrolledOn, LocalDate cd19InfusedOn, LocalDate cd22InfusedOn, LocalDate withdrawnOn,
            LocalDate diedOn, boolean eligibilityDeviation,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
            java.util.Map<String, SubjectStatusProjection.CorrectedFinding> correctedFindings) {

        static SubjectStatusView of(SubjectMilestones m) {
            return of(m, java.util.Map.of());
        }

        static SubjectStatusView of(SubjectMilestones m,
                java.util.Map<String, SubjectStatusProjection.CorrectedFinding> correctedFindings) {
            return new SubjectStatusView(m.subjectId(), m.siteId(), m.status().fhirCode(), m.screenedOn(), m.eligible(),
                    m.enrolledOn(), m.cd19InfusedOn(), m.cd22InfusedOn(), m.withdrawnOn(), m.diedOn(),
                    m.eligibilityDeviation(), correctedFindings);
        }
    }

    private final SubjectStatusProjection statuses;
    private final SubjectReadLog readLog;

    SubjectStatusController(SubjectStatusProjection statuses, SubjectReadLog readLog) {
        this.statuses = statuses;
        this.readLog = readLog;
    }

    @GetMapping
    List<SubjectStatusView> subjects(@RequestParam(name = "site", required = false)
            List<@Pattern(regexp = "[A-Z0-9]{2,10}") String> site) {
        SiteScope scope = Caller.current().siteScope();
        List<String> sites = site;
        if (sites != null) {
            sites = sites.stream().filter(scope::covers).toList();
        } else if (!scope.allSites()) {
            sites = new ArrayList<>(scope.sites());
        }
        return statuses.subjectsOf(sites).stream().map(SubjectStatusView::of).toList();
    }

    @GetMapping("/{subjectId}")
    SubjectStatusView subject(@PathVariable @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9-]{0,39}") String subjectId) {
        SiteScope scope = Caller.current().siteScope();
        SubjectMilestones subject = statuses.subject(subjectId).filter(m -> scope.covers(m.siteId()))
                .orElseThrow(() -> CommandRefused.notFound("subject-not-found",
                        "No subject " + subjectId + " at your sites."));
        readLog.record(subjectId, subject.siteId(), "enrollment status");
        return SubjectStatusView.of(subject, statuses.correctedFindings(subjectId));
    }
}
