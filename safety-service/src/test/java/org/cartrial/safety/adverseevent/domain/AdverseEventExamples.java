package org.cartrial.safety.adverseevent.domain;

import org.cartrial.api.SiteScope;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.cartrial.api.safety.AdverseEventDetails;
import org.cartrial.api.safety.AdverseEventReported;
import org.cartrial.api.safety.CrsFindings;
import org.cartrial.api.safety.SafetyDeadlineSet;
import org.cartrial.safety.grading.domain.ConsciousnessLevel;
import org.cartrial.safety.grading.domain.CrsAssessment;
import org.cartrial.safety.grading.domain.IcansAssessment;
import org.cartrial.safety.grading.domain.MotorFinding;
import org.cartrial.safety.grading.domain.OxygenDevice;
import org.cartrial.safety.grading.domain.OxygenSupport;
import org.cartrial.safety.grading.domain.RaisedIntracranialPressure;
import org.cartrial.safety.grading.domain.Seizure;
import org.cartrial.safety.grading.domain.Vasopressor;

/** Commands and events of one adverse event of subject S01-0001 at site S01, onset 2026-11-21. */
final class AdverseEventExamples {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final LocalDate ONSET = LocalDate.of(2026, 11, 21);
    static final String AE_ID = "5b0c9a4e-2f1d-4a57-9c35-0d6a1f3e8b21";
    static final String SUBJECT = "S01-0001";
    static final String SITE = "S01";
    static final SiteScope OWN_SITE = SiteScope.of(Set.of(SITE));
    static final String CRS = AdverseEventTerms.CYTOKINE_RELEASE_SYNDROME;
    static final String ICANS = AdverseEventTerms.ICANS;

    private AdverseEventExamples() {
    }

    /** Fever with hypotension needing no vasopressor, on room air: CRS grade 2. */
    static CrsAssessment crsGrade2() {
        return new CrsAssessment(new BigDecimal("39.1"), false, true, Set.of(), OxygenSupport.NONE, false);
    }

    /** Fever, one vasopressor, low-flow oxygen: CRS grade 3. */
    static CrsAssessment crsGrade3() {
        return new CrsAssessment(new BigDecimal("39.6"), false, true, Set.of(Vasopressor.NOREPINEPHRINE),
                new OxygenSupport(OxygenDevice.NASAL_CANNULA, new BigDecimal("2")), false);
    }

    /** Tocilizumab given, two vasopressors: CRS grade 4. */
    static CrsAssessment crsGrade4() {
        return new CrsAssessment(new BigDecimal("37.2"), true, true,
                Set.of(Vasopressor.NOREPINEPHRINE, Vasopressor.EPINEPHRINE), OxygenSupport.NONE, false);
    }

    /** An 8-year-old with CAPD 10: ICANS grade 3. */
    static IcansAssessment icansGrade3() {
        return new IcansAssessment(8, null, 10, false, ConsciousnessLevel.AWAKENS_TO_VOICE, Seizure.NONE,
                MotorFinding.NONE, RaisedIntracranialPressure.NONE, false);
    }

    static ReportAdverseEvent typedReport(String term, int grade, Set<SeriousnessCriterion> criteria,
            RelationshipToCarT relationship, boolean expected) {
        return ReportAdverseEvent.typed(AE_ID, SUBJECT, SITE, term, ONSET, grade, criteria, relationship, expected);
    }

    static ReportAdverseEvent crsReport(CrsAssessment crs) {
        return new ReportAdverseEvent(AE_ID, SUBJECT, SITE, CRS, null, ONSET, null, crs, null, true,
                Set.of(SeriousnessCriterion.HOSPITALISATION), RelationshipToCarT.DEFINITE, true, null, null);
    }

    static ReportAdverseEvent icansReport(IcansAssessment icans) {
        return new ReportAdverseEvent(AE_ID, SUBJECT, SITE, ICANS, null, ONSET, null, null, icans, true,
                Set.of(SeriousnessCriterion.HOSPITALISATION), RelationshipToCarT.PROBABLE, true, null, null);
    }

    /** The event a typed, ongoing report records. */
    static AdverseEventReported typedReported(String term, int grade, List<String> criteria, String relationship,
            boolean expected, boolean susar) {
        return new AdverseEventReported(SUBJECT, SITE, ONSET, NOW, AE_ID, term, grade, !criteria.isEmpty(),
                relationship, expected, "1.0", null, "CTCAE_V5", null, null, criteria, susar,
                grade == 5 ? "FATAL" : "NOT_RECOVERED", null);
    }

    static AdverseEventReported crsReported(CrsFindings findings, int grade) {
        return new AdverseEventReported(SUBJECT, SITE, ONSET, NOW, AE_ID, CRS, grade, true, "definite", true, "1.0",
                null, "ASTCT_2019_CRS", findings, null, List.of("HOSPITALISATION"), false, "NOT_RECOVERED", null);
    }

    /** The details of a typed, ongoing adverse event. */
    static AdverseEventDetails typedDetails(String term, int grade, List<String> criteria, String relationship,
            boolean expected, boolean susar, String outcome, LocalDate resolutionDate) {
        return new AdverseEventDetails(term, null, ONSET, grade, "CTCAE_V5", null, null, !criteria.isEmpty(),
                criteria, relationship, expected, susar, outcome, resolutionDate);
    }

    /** The sponsor clock a serious adverse event reported (or become serious) at NOW starts: due 24 hours later. */
    static SafetyDeadlineSet sponsorClock(String term, int grade) {
        return clockSet(ReportingRule.SAE_REPORT_TO_SPONSOR, NOW, NOW.plus(Duration.ofHours(24)), null, term, grade);
    }

    /** The regulator clock a SUSAR starts at NOW: 7 days if fatal or life-threatening, 15 otherwise. */
    static SafetyDeadlineSet regulatorClock(ReportingRule rule, String term, int grade) {
        Duration window = rule == ReportingRule.SUSAR_FATAL_OR_LIFE_THREATENING ? Duration.ofDays(7)
                : Duration.ofDays(15);
        return clockSet(rule, NOW, NOW.plus(window), null, term, grade);
    }

    static SafetyDeadlineSet clockSet(ReportingRule rule, Instant awareAt, Instant dueAt, Instant previousDueAt,
            String term, int grade) {
        return new SafetyDeadlineSet(SUBJECT, SITE, LocalDate.ofInstant(awareAt, java.time.ZoneOffset.UTC), NOW, AE_ID,
                rule.recipient().name(), rule.name(), awareAt, dueAt, previousDueAt, term, grade);
    }
}
