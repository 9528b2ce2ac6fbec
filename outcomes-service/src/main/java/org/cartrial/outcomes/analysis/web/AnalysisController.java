package org.cartrial.outcomes.analysis.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Pattern;

import org.cartrial.outcomes.analysis.domain.DataCutoff;
import org.cartrial.outcomes.analysis.domain.OutcomeAnalysis;
import org.cartrial.outcomes.analysis.domain.CumulativeIncidenceOfRelapse;
import org.cartrial.outcomes.analysis.domain.SurvivalEndpoint;
import org.cartrial.outcomes.analysis.domain.SurvivalTable;
import org.cartrial.outcomes.analysis.picture.CurvePicture;
import org.cartrial.outcomes.analysis.picture.SwimmerPicture;
import org.cartrial.outcomes.analysis.query.OutcomeReports;
import org.cartrial.outcomes.analysis.query.SubjectCourseProjection;
import org.cartrial.outcomes.analysis.query.SubjectCourseProjection.Snapshot;
import org.cartrial.support.security.Caller;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;


/**
 * The analyses as of a data cut-off (ORR, OS, DFS, CIR, CRS/ICANS), overall or for sites. Every answer states its
 * cut-off, protocol version, n and the moment up to which it includes recorded events ({@code recordedUpTo});
 * the same request with that {@code recordedUpTo} gives the same figures later, whatever was recorded since.
 * Field names follow the statistical reference (snake case), so an answer compares with R's output directly.
 */
@RestController
@Validated
@RequestMapping("/api/outcomes/analyses")
@PreAuthorize("hasAnyRole('ANALYST', 'ADMIN', 'SAFETY_OFFICER', 'SITE_COORDINATOR', 'INVESTIGATOR')")
class AnalysisController {

    /** The endpoint definitions this service implements (protocol sections 5-6). */
    static final String ENDPOINT_VERSION = OutcomeAnalysis.ENDPOINT_VERSION;

    private final SubjectCourseProjection courses;
    private final OutcomeReports reports;

    AnalysisController(SubjectCourseProjection courses, OutcomeReports reports) {
        this.courses = courses;
        this.reports = reports;
    }

    /** The OS, EFS, DFS or CIR curve as an SVG picture with its band, censor marks and numbers at risk. */
    @GetMapping(value = "/curves/{endpoint}.svg", produces = "image/svg+xml")
    ResponseEntity<String> curve(@PathVariable @Pattern(regexp = "os|efs|dfs|cir") String endpoint,
            @RequestParam(name = "asOf") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(name = "site", required = false) List<@Pattern(regexp = "[A-Z0-9]{2,10}") String> site,
            @RequestParam(name = "recordedUpTo", required = false) Instant recordedUpTo) {
        List<String> sites = Caller.current().sitesToRead(site);
        Snapshot snapshot = courses.snapshot(sites, recordedUpTo);
        OutcomeAnalysis analysis = OutcomeAnalysis.of(snapshot.enrolledCourses(), DataCutoff.of(asOf));
        String caption = "Data cut-off " + asOf + (sites == null ? ", all sites" : ", sites " + String.join(" ", sites))
                + ", recorded up to " + snapshot.recordedUpTo() + ", endpoints v" + ENDPOINT_VERSION
                + "; shaded: 95% CI (log)";
        String svg = switch (endpoint) {
            case "os" -> survivalPicture("Overall survival", INFUSION, analysis.os(), caption);
            case "efs" -> survivalPicture("Event-free survival", INFUSION, analysis.efs(), caption);
            case "dfs" -> survivalPicture("Disease-free survival", FIRST_REMISSION, analysis.dfs(), caption);
            default -> incidencePicture(analysis.cir(), caption);
        };
        return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml")).body(svg);
    }

    /** The subjects' courses as a swimmer plot: one lane per CD19-infused subject, as of the cut-off. */
    @GetMapping(value = "/swimmer.svg", produces = "image/svg+xml")
    ResponseEntity<String> swimmer(
            @RequestParam(name = "asOf") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(name = "site", required = false) List<@Pattern(regexp = "[A-Z0-9]{2,10}") String> site,
            @RequestParam(name = "recordedUpTo", required = false) Instant recordedUpTo) {
        List<String> sites = Caller.current().sitesToRead(site);
        Snapshot snapshot = courses.snapshot(sites, recordedUpTo);
        String caption = "Data cut-off " + asOf + (sites == null ? ", all sites" : ", sites " + String.join(" ", sites))
                + ", recorded up to " + snapshot.recordedUpTo() + ", endpoints v" + ENDPOINT_VERSION;
        String svg = SwimmerPicture.render("Subjects' courses after CD19 CAR-T", caption, snapshot.enrolledCourses(),
                DataCutoff.of(asOf));
        return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml")).body(svg);
    }

    /** Where each endpoint's clock starts (protocol section 5): OS and EFS at day 0, DFS and CIR at the first CR/CRi. */
    private static final String INFUSION = "CD19 CAR-T infusion";
    private static final String FIRST_REMISSION = "first CR/CRi";

    static String survivalPicture(String title, String clockStart, SurvivalEndpoint endpoint, String caption) {
        SurvivalTable t = endpoint.confLog().table();
        return CurvePicture.render(new CurvePicture.Labels(title + " (n = " + endpoint.n() + ", events = "
                        + endpoint.events() + ")", clockStart, "Probability", caption + "; ticks: censored"),
                new CurvePicture.Curve(t.time(), t.surv(), t.lower(), t.upper(), t.nRisk(), t.nCensor(), false));
    }

    static String incidencePicture(CumulativeIncidenceOfRelapse cir, String caption) {
        var c = cir.curve();
        return CurvePicture.render(new CurvePicture.Labels("Cumulative incidence of relapse (n = " + cir.n()
                        + ", relapses = " + cir.relapses() + ", deaths in remission = " + cir.deathsWithoutRelapse()
                        + ")", FIRST_REMISSION, "Cumulative incidence", caption),
                new CurvePicture.Curve(c.time(), c.relapse(), c.relapseLower(), c.relapseUpper(), c.nRisk(), null, true),
                "Relapse", new CurvePicture.Competing("Death in remission (competing event)",
                        c.deathWithoutRelapse()));
    }

    @GetMapping
    ResponseEntity<String> analyses(
            @RequestParam(name = "asOf") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(name = "site", required = false) List<@Pattern(regexp = "[A-Z0-9]{2,10}") String> site,
            @RequestParam(name = "recordedUpTo", required = false) Instant recordedUpTo) {
        List<String> sites = Caller.current().sitesToRead(site);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(reports.render(asOf, sites, recordedUpTo, null).json());
    }
}
