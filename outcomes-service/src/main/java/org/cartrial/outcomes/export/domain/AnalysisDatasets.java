package org.cartrial.outcomes.export.domain;

import static org.cartrial.outcomes.export.domain.Subjects.daysFrom;
import static org.cartrial.outcomes.export.domain.Subjects.flag;
import static org.cartrial.outcomes.export.domain.Subjects.response;
import static org.cartrial.outcomes.export.domain.Subjects.usubjid;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.cartrial.api.outcomes.ResponseCategory;
import org.cartrial.outcomes.analysis.domain.DataCutoff;
import org.cartrial.outcomes.analysis.domain.OutcomeAnalysis;
import org.cartrial.outcomes.analysis.domain.RemissionOutcome;
import org.cartrial.outcomes.analysis.domain.ResponseAssessment;
import org.cartrial.outcomes.analysis.domain.SubjectCourse;
import org.cartrial.outcomes.analysis.domain.SubjectEndpoints;
import org.cartrial.outcomes.analysis.domain.TimeInRemission;
import org.cartrial.outcomes.analysis.domain.TimeToEvent;

/**
 * ADaM ADSL, ADTTE and ADRS as of a cut-off, made from the outcomes service's own analysis ({@link OutcomeAnalysis}):
 * the populations, clocks, events and censoring are the ones its figures use, so a Kaplan-Meier fit of ADTTE
 * ({@code survfit(Surv(AVAL, 1 - CNSR) ~ 1)}) gives the platform's table. Times are in days from day 0 (OS, EFS) or
 * from the first CR/CRi (DFS, CIR).
 */
public final class AnalysisDatasets {

    private static final String STUDY = "STUDYID";

    private final Supplier<Stream<ExportSubject>> enrolled;
    private final DataCutoff cutoff;

    /**
     * {@code enrolled}: the enrolled subjects in USUBJID order, read afresh at every pass. Each subject's endpoints
     * are the analysis's own, of that subject alone: none of the rows needs the rest of the cohort.
     */
    public AnalysisDatasets(Supplier<Stream<ExportSubject>> enrolled, DataCutoff cutoff) {
        this.enrolled = enrolled;
        this.cutoff = cutoff;
    }

    /** The subject's endpoints as the analysis derives them, or null when not infused by the cut-off. */
    private SubjectEndpoints endpoints(SubjectCourse c) {
        List<SubjectEndpoints> infused = OutcomeAnalysis.of(List.of(c), cutoff).subjects();
        return infused.isEmpty() ? null : infused.get(0);
    }

    public List<Dataset> all() {
        return List.of(adsl(), adtte(), adrs());
    }

    /** One row per enrolled subject with the population flags: enrolled, CD19-infused (safety), ORR responder. */
    public Dataset adsl() {
        List<Variable> columns = List.of(Variable.text(STUDY, "Study Identifier", 20),
                Variable.key("USUBJID", "Unique Subject Identifier", 60, 1),
                Variable.text("SUBJID", "Subject Identifier for the Study", 20),
                Variable.text("SITEID", "Study Site Identifier", 10),
                Variable.text("ENRLFL", "Enrolled Population Flag", 1),
                Variable.text("SAFFL", "Safety Population Flag (CD19 CAR-T Infused)", 1),
                Variable.text("RESPFL", "Responder Flag (CR/CRi Day 0-97)", 1),
                Variable.numericDate("TRTSDT", "Date of First Exposure to Treatment"),
                Variable.numericDate("TR02SDT", "Date of CD22 CAR-T Infusion"),
                Variable.numericDate("DTHDT", "Date of Death"),
                Variable.text("DTHFL", "Subject Death Flag", 1),
                Variable.numericDate("LSTALVDT", "Date Last Known Alive"),
                Variable.text("EOSSTT", "End of Study Status", 12),
                Variable.numericDate("EOSDT", "End of Study Date"),
                Variable.integer("CRSMXGR", "Maximum CRS Grade (ASTCT 2019)"),
                Variable.integer("ICNMXGR", "Maximum ICANS Grade (ASTCT 2019)"),
                Variable.numericDate("DCUTDT", "Data Cutoff Date"));
        return Dataset.perSubject("ADSL", "Subject-Level Analysis Dataset", Dataset.Standard.ADAM, columns, enrolled,
                s -> List.of(adslRow(s.course())));
    }

    private List<Object> adslRow(SubjectCourse c) {
        SubjectEndpoints s = endpoints(c);
        LocalDate withdrawn = cutoff.admitted(c.withdrawalDate());
        LocalDate death = s == null ? cutoff.admitted(c.deathDate()) : s.death();
        return row(ExportCut.STUDY_ID, usubjid(c.siteId(), c.subjectId()), c.subjectId(), c.siteId(), "Y",
                flag(s != null), flag(s != null && s.respondedInWindow()), s == null ? null : s.dayZero(),
                cutoff.admitted(c.cd22InfusionDate()), death, death == null ? null : "Y",
                s == null ? null : s.followUpEnd(), withdrawn != null ? "DISCONTINUED" : death != null ? "COMPLETED" : "ONGOING",
                withdrawn != null ? withdrawn : death, s == null ? null : c.crs().maxGrade(cutoff),
                s == null ? null : c.icans().maxGrade(cutoff), cutoff.date());
    }

    /** The time-to-event parameters: OS and EFS of every infused subject, DFS and CIR of those with a CR/CRi. */
    public Dataset adtte() {
        List<Variable> columns = List.of(Variable.text(STUDY, "Study Identifier", 20),
                Variable.key("USUBJID", "Unique Subject Identifier", 60, 1),
                Variable.text("SITEID", "Study Site Identifier", 10),
                Variable.key("PARAMCD", "Parameter Code", 8, 2),
                Variable.text("PARAM", "Parameter", 80),
                Variable.integer("AVAL", "Analysis Value (days)"),
                Variable.numericDate("STARTDT", "Time-to-Event Origin Date for Subject"),
                Variable.numericDate("ADT", "Analysis Date"),
                Variable.integer("CNSR", "Censor"),
                Variable.text("EVNTDESC", "Event or Censoring Description", 60),
                Variable.text("CNSDTDSC", "Censor Date Description", 40),
                Variable.text("CMPEVFL", "Competing Event Flag", 1),
                Variable.text("SAFFL", "Safety Population Flag (CD19 CAR-T Infused)", 1));
        return Dataset.perSubject("ADTTE", "Time-to-Event Analysis Dataset", Dataset.Standard.ADAM, columns, enrolled,
                s -> infused(s, this::adtteRows));
    }

    private List<List<Object>> adtteRows(SubjectEndpoints s) {
        List<List<Object>> rows = new ArrayList<>(4);
        TimeToEvent os = s.overallSurvival();
        rows.add(tte(s, "OS", "Overall Survival (days)", s.dayZero(), os,
                os.event() ? "DEATH" : null, os.event() ? null : censoring(s), false));
        TimeToEvent efs = s.eventFreeSurvival();
        String efsEvent = !efs.event() ? null : !s.respondedInWindow() ? "NO CR/CRI BY DAY 97 (INDUCTION FAILURE)"
                : s.relapse() != null && (s.death() == null || s.relapse().detectedOn().isBefore(s.death()))
                ? "RELAPSE" : "DEATH";
        rows.add(tte(s, "EFS", "Event-Free Survival (days)", s.dayZero(), efs, efsEvent,
                efs.event() ? null : censoring(s), false));
        TimeInRemission remission = s.remission();
        if (remission != null) {
            String ended = switch (remission.outcome()) {
                case RELAPSE -> "RELAPSE";
                case DEATH_IN_REMISSION -> "DEATH IN REMISSION";
                case CENSORED -> null;
            };
            rows.add(tte(s, "DFS", "Disease-Free Survival (days)", s.firstRemission(), remission.diseaseFree(),
                    ended, ended == null ? censoring(s) : null, false));
            // CIR: relapse is the event; death in remission competes (CNSR 1 with CMPEVFL Y), so 1 - CNSR gives
            // relapse-free KM while Aalen-Johansen reads the competing flag.
            boolean relapse = remission.outcome() == RemissionOutcome.RELAPSE;
            boolean competing = remission.outcome() == RemissionOutcome.DEATH_IN_REMISSION;
            rows.add(tte(s, "CIR", "Cumulative Incidence of Relapse (days)", s.firstRemission(),
                    new TimeToEvent(remission.time(), relapse), ended, ended == null ? censoring(s) : null, competing));
        }
        return rows;
    }

    private List<Object> tte(SubjectEndpoints s, String paramcd, String param, LocalDate start, TimeToEvent t,
            String event, String censoring, boolean competing) {
        int days = (int) t.time();
        return row(ExportCut.STUDY_ID, usubjid(s.course().siteId(), s.course().subjectId()), s.course().siteId(),
                paramcd, param, days, start, start.plusDays(days), t.event() ? 0 : 1,
                event != null ? event : "CENSORED: " + censoring, censoring, competing ? "Y" : null, "Y");
    }

    /** Censored at the last date known alive, or at the cut-off when follow-up went beyond it (or day 0 if none). */
    private String censoring(SubjectEndpoints s) {
        LocalDate lastAlive = s.course().lastFollowUpDate();
        if (lastAlive == null) {
            return "NO FOLLOW-UP AFTER INFUSION";
        }
        return lastAlive.isAfter(cutoff.date()) ? "DATA CUT-OFF" : "LAST KNOWN ALIVE";
    }

    /**
     * Every response assessment of the infused subjects (PARAMCD OVRLRESP) and each one's best response in the ORR
     * window, study day 0 to 97 (PARAMCD BOR; NE when none was assessed there), with the MRD result.
     */
    public Dataset adrs() {
        List<Variable> columns = List.of(Variable.text(STUDY, "Study Identifier", 20),
                Variable.key("USUBJID", "Unique Subject Identifier", 60, 1),
                Variable.text("SITEID", "Study Site Identifier", 10),
                Variable.key("PARAMCD", "Parameter Code", 8, 2),
                Variable.text("PARAM", "Parameter", 80),
                Variable.text("AVALC", "Analysis Value (C)", 8),
                Variable.integer("AVAL", "Analysis Value"),
                Variable.key("ADT", "Analysis Date", 10, 3),
                Variable.integer("ADY", "Analysis Relative Day (Day 0 = CD19 Infusion)"),
                Variable.text("MRDSTAT", "MRD Status by FCM (<0.01%)", 8),
                Variable.text("ANL01FL", "In ORR Window (Day 0-97) Flag", 1),
                Variable.text("RESPFL", "Responder Flag (CR/CRi Day 0-97)", 1),
                Variable.text("SAFFL", "Safety Population Flag (CD19 CAR-T Infused)", 1));
        return Dataset.perSubject("ADRS", "Response Analysis Dataset", Dataset.Standard.ADAM, columns, enrolled,
                s -> infused(s, this::adrsRows));
    }

    private List<List<Object>> adrsRows(SubjectEndpoints s) {
        String usubjid = usubjid(s.course().siteId(), s.course().subjectId());
        List<List<Object>> rows = new ArrayList<>();
        ResponseAssessment best = null;
        for (ResponseAssessment a : s.course().assessments()) {
            if (!cutoff.admits(a.assessedOn())) {
                continue;
            }
            int day = daysFrom(s.dayZero(), a.assessedOn());
            boolean inWindow = day >= 0 && day <= SubjectEndpoints.ORR_WINDOW_LAST_DAY;
            if (inWindow && (best == null || rank(a.response()) < rank(best.response()))) {
                best = a;
            }
            rows.add(row(ExportCut.STUDY_ID, usubjid, s.course().siteId(), "OVRLRESP", "Overall Response (Derived)",
                    response(a.response()), rank(a.response()), a.assessedOn(), day, mrd(a), flag(inWindow), null, "Y"));
        }
        String responder = flag(s.respondedInWindow());
        rows.add(best == null
                ? row(ExportCut.STUDY_ID, usubjid, s.course().siteId(), "BOR", "Best Overall Response (Day 0-97)",
                        "NE", 5, null, null, null, "Y", responder, "Y")
                : row(ExportCut.STUDY_ID, usubjid, s.course().siteId(), "BOR", "Best Overall Response (Day 0-97)",
                        response(best.response()), rank(best.response()), best.assessedOn(),
                        daysFrom(s.dayZero(), best.assessedOn()), mrd(best), "Y", responder, "Y"));
        return rows;
    }

    /** The order of the response words from best to worst (AVAL of ADRS): CR 1, CRi 2, PR 3, NR 4, NE 5. */
    private static int rank(ResponseCategory category) {
        return category.ordinal() + 1;
    }

    private static String mrd(ResponseAssessment a) {
        return a.mrd() == null ? null : a.mrd().name();
    }

    /** The rows of an infused subject; none for a subject not infused by the cut-off. */
    private List<List<Object>> infused(ExportSubject subject, Function<SubjectEndpoints, List<List<Object>>> rows) {
        SubjectEndpoints s = endpoints(subject.course());
        return s == null ? List.of() : rows.apply(s);
    }

    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
