package org.cartrial.infusion.readiness.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.constraints.Pattern;

import org.cartrial.api.CommandRefused;
import org.cartrial.api.SiteScope;
import org.cartrial.infusion.readiness.domain.AdverseEventState;
import org.cartrial.infusion.readiness.domain.Cd22Gate;
import org.cartrial.infusion.readiness.domain.ClinicalReadiness;
import org.cartrial.infusion.readiness.domain.ClinicalState;
import org.cartrial.infusion.readiness.domain.GateAnswer;
import org.cartrial.infusion.readiness.domain.GateReason;
import org.cartrial.infusion.readiness.domain.ResponseAssessment;
import org.cartrial.infusion.readiness.domain.StatePosition;
import org.cartrial.support.audit.SubjectReadLog;
import org.cartrial.support.security.Caller;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A subject's readiness for treatment as the infusion service sees it: enrolment, the response assessments and
 * adverse events it learnt, and the CD22 gate's answer today with its evidence. For the staff of the subject's
 * own site, administrators and safety officers; for any other site the subject does not exist (404). Every
 * answered read is logged in the subject's read-access trail.
 */
@RestController
@Validated
@RequestMapping("/api/infusion/subjects/{subjectId}/readiness")
class ReadinessController {

    private static final String SUBJECT_ID = "[A-Za-z0-9][A-Za-z0-9-]{0,39}";

    record AdverseEventView(String adverseEventId, String ctcaeTerm, int grade, LocalDate onsetOn,
            LocalDate resolvedOn, boolean open, boolean haematological) {

        static AdverseEventView of(AdverseEventState ae, LocalDate asOf) {
            return new AdverseEventView(ae.adverseEventId(), ae.ctcaeTerm(), ae.grade(), ae.onsetOn(), ae.resolvedOn(),
                    ae.openOn(asOf), ae.haematological());
        }
    }

    /**
     * The CD22 gate's clinical conditions as of {@code asOf} (CD19 first and lymphodepletion are checked when the
     * infusion is recorded).
     */
    record GateView(LocalDate asOf, boolean open, List<GateReason> reasons, ResponseAssessment latestAssessment,
            List<AdverseEventView> openAdverseEvents, StatePosition readAt) {
    }

    record ReadinessView(String subjectId, String siteId, LocalDate enrolledOn, LocalDate withdrawnOn,
            boolean onStudy, GateView cd22Gate, List<ResponseAssessment> assessments,
            List<AdverseEventView> adverseEvents, StatePosition position) {
    }

    private final ClinicalReadiness readiness;
    private final SubjectReadLog readLog;
    private final Clock clock;

    ReadinessController(ClinicalReadiness readiness, SubjectReadLog readLog, Clock clock) {
        this.readiness = readiness;
        this.readLog = readLog;
        this.clock = clock;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('SITE_COORDINATOR', 'INVESTIGATOR', 'ADMIN', 'SAFETY_OFFICER')")
    ReadinessView readiness(@PathVariable @Pattern(regexp = SUBJECT_ID) String subjectId) {
        SiteScope scope = Caller.current().siteScope();
        ClinicalState state = readiness.stateOf(subjectId).filter(s -> scope.covers(s.siteId()))
                .orElseThrow(() -> CommandRefused.notFound("subject-not-found",
                        "No subject " + subjectId + " at your sites."));
        readLog.record(subjectId, state.siteId(), "infusion readiness");
        LocalDate today = LocalDate.now(clock);
        GateAnswer gate = Cd22Gate.evaluate(state, today);
        return new ReadinessView(state.subjectId(), state.siteId(), state.enrolledOn(), state.withdrawnOn(),
                state.enrolledBy(today) && !state.withdrawnBy(today),
                new GateView(today, gate.open(), gate.reasons(), gate.latestAssessment(),
                        gate.openAdverseEvents().stream().map(ae -> AdverseEventView.of(ae, today)).toList(),
                        gate.position()),
                state.assessments().values().stream()
                        .sorted(Comparator.comparing(ResponseAssessment::assessedOn)
                                .thenComparing(ResponseAssessment::assessmentId))
                        .toList(),
                state.adverseEvents().values().stream()
                        .sorted(Comparator.comparing(AdverseEventState::adverseEventId))
                        .map(ae -> AdverseEventView.of(ae, today)).toList(),
                state.position());
    }
}
