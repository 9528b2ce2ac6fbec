package org.cartrial.outcomes.export.web;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipOutputStream;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Pattern;

import javax.xml.stream.XMLStreamException;

import org.cartrial.api.CommandRefused;
import org.cartrial.outcomes.analysis.domain.OutcomeAnalysis;
import org.cartrial.outcomes.analysis.domain.SubjectCourse;
import org.cartrial.outcomes.export.domain.Dataset;
import org.cartrial.outcomes.export.domain.ExportCut;
import org.cartrial.outcomes.export.domain.SubjectAudit;
import org.cartrial.outcomes.export.format.OdmAuditTrail;
import org.cartrial.outcomes.export.query.AuditTrailProjection;
import org.cartrial.support.audit.SubjectReadLog;
import org.cartrial.support.security.TrialRole;
import org.cartrial.outcomes.export.format.Csv;
import org.cartrial.outcomes.export.format.DatasetJson;
import org.cartrial.outcomes.export.format.ExportPackage;
import org.cartrial.outcomes.export.format.FhirBundle;
import org.cartrial.outcomes.export.query.TrialExport;
import org.cartrial.outcomes.export.query.TrialExport.Prepared;
import org.cartrial.support.security.Caller;
import org.cartrial.support.web.FieldViolation;
import org.cartrial.support.web.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The standard datasets as of a data cut-off: one dataset as Dataset-JSON or CSV, or every file with its manifest
 * as one ZIP. Written straight to the response while rows are made, reading the read models in batches, so memory
 * does not grow with the trial. Every
 * check (dataset, dates, sites) happens before the first byte: a refused request writes nothing. Site staff get
 * their own sites' subjects only, as in the analyses.
 */
@RestController
@Validated
@RequestMapping("/api/outcomes/exports")
@PreAuthorize("hasAnyRole('ANALYST', 'ADMIN', 'SAFETY_OFFICER', 'SITE_COORDINATOR', 'INVESTIGATOR')")
class ExportController {

    private static final String SITE = "[A-Z0-9]{2,10}";
    private static final String DATE = "\\d{4}-\\d{2}-\\d{2}";
    private static final String DATASETS = "dm|ds|ex|ae|rs|supprs|ts|ta|te|adsl|adtte|adrs";

    private final TrialExport export;
    private final AuditTrailProjection trails;
    private final SubjectReadLog readLog;
    private final Clock clock;

    ExportController(TrialExport export, AuditTrailProjection trails, SubjectReadLog readLog) {
        this.export = export;
        this.trails = trails;
        this.readLog = readLog;
        this.clock = Clock.systemUTC();
    }

    /** Every dataset (or those named by {@code dataset}) in both formats plus manifest.json, as a ZIP. */
    @GetMapping
    void all(@RequestParam(name = "asOf") @Pattern(regexp = DATE) String asOf,
            @RequestParam(name = "recordedUpTo", required = false) String recordedUpTo,
            @RequestParam(name = "site", required = false) List<@Pattern(regexp = SITE) String> site,
            @RequestParam(name = "dataset", required = false) List<@Pattern(regexp = DATASETS) String> dataset,
            HttpServletResponse response) throws IOException {
        try (Prepared prepared = prepare(asOf, recordedUpTo, site,
                dataset == null ? null : dataset.stream().map(d -> d.toUpperCase(Locale.ROOT)).toList())) {
            response.setContentType("application/zip");
            response.setHeader("Content-Disposition", "attachment; filename=\"export-" + asOf + ".zip\"");
            response.setHeader("Trial-Recorded-Up-To", String.valueOf(prepared.cut().recordedUpTo()));
            // how many files follow (every dataset in both formats, then the manifest), for a client's progress bar
            response.setHeader("Trial-Export-Files", String.valueOf(prepared.datasets().size() * 2 + 1));
            try (ZipOutputStream zip = new ZipOutputStream(response.getOutputStream())) {
                ExportPackage.write(prepared.cut(), prepared.datasets(), List.of(ExportPackage.Format.values()),
                        ExportPackage.zip(zip, prepared.cut()), (file, done, total) -> { }, prepared.rows());
            }
        }
    }

    /**
     * FHIR R4: one collection Bundle with the ResearchStudy and, per subject, a pseudonymous Patient, the
     * ResearchSubject, the CRS/ICANS AdverseEvents and the response and MRD Observations as of the cut-off.
     */
    @GetMapping("/fhir")
    void fhir(@RequestParam(name = "asOf") @Pattern(regexp = DATE) String asOf,
            @RequestParam(name = "recordedUpTo", required = false) String recordedUpTo,
            @RequestParam(name = "site", required = false) List<@Pattern(regexp = SITE) String> site,
            HttpServletResponse response) throws IOException {
        Asked asked = check(asOf, recordedUpTo, site);
        TrialExport.Courses courses = export.courses(asked.cutoff(), asked.recordedUpTo(), asked.sites());
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.setHeader("Trial-Recorded-Up-To", String.valueOf(courses.cut().recordedUpTo()));
        try (Stream<SubjectCourse> enrolled = courses.enrolled().get()) {
            FhirBundle.write(courses.cut(), enrolled, response.getOutputStream());
        }
    }

    /**
     * The audit trail as CDISC ODM 1.3.2 ClinicalData: for one subject or every subject of the sites, each
     * adverse-event value's history with who, when, why and the value before. Analysts and safety officers get
     * it without user names, as with the timeline; a subject of another site answers 404.
     */
    @GetMapping("/audit-trail")
    void auditTrail(@RequestParam(name = "asOf") @Pattern(regexp = DATE) String asOf,
            @RequestParam(name = "recordedUpTo", required = false) String recordedUpTo,
            @RequestParam(name = "site", required = false) List<@Pattern(regexp = SITE) String> site,
            @RequestParam(name = "subject", required = false) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9-]{0,39}") String subject,
            HttpServletResponse response) throws IOException, XMLStreamException {
        Asked asked = check(asOf, recordedUpTo, site);
        Caller caller = Caller.current();
        boolean showUsers = caller.has(TrialRole.ADMIN) || caller.has(TrialRole.SITE_COORDINATOR)
                || caller.has(TrialRole.INVESTIGATOR);
        if (subject != null) {
            SubjectAudit one = trails.subject(subject, asked.cutoff(), asked.recordedUpTo())
                    .filter(a -> asked.sites() == null || asked.sites().contains(a.siteId()))
                    .orElseThrow(() -> CommandRefused.notFound("subject-not-found", "No subject " + subject
                            + " with an audit trail at your sites."));
            readLog.record(subject, one.siteId(), "outcomes audit trail export");
            Instant pinned = asked.recordedUpTo() != null ? asked.recordedUpTo() : AuditTrailProjection.latest(one);
            writeAuditTrail(new ExportCut(asked.cutoff(), pinned, asked.sites(), OutcomeAnalysis.ENDPOINT_VERSION),
                    List.of(one), showUsers, response);
            return;
        }
        // pinned to the latest change it includes (a first pass), so asking again with it gives the same document;
        // the second pass reads as of that moment and writes one subject at a time
        Instant pinned = asked.recordedUpTo() != null ? asked.recordedUpTo()
                : trails.latest(asked.sites(), asked.cutoff(), null);
        try (Stream<SubjectAudit> audits = trails.stream(asked.sites(), asked.cutoff(), pinned)) {
            writeAuditTrail(new ExportCut(asked.cutoff(), pinned, asked.sites(), OutcomeAnalysis.ENDPOINT_VERSION),
                    audits::iterator, showUsers, response);
        }
    }

    private static void writeAuditTrail(ExportCut cut, Iterable<SubjectAudit> audits, boolean showUsers,
            HttpServletResponse response) throws IOException, XMLStreamException {
        response.setContentType("application/xml;charset=UTF-8");
        response.setHeader("Trial-Recorded-Up-To", String.valueOf(cut.recordedUpTo()));
        OdmAuditTrail.write(cut, audits, showUsers, response.getOutputStream());
    }

    /** One dataset: {@code adtte.json} is Dataset-JSON v1.1, {@code adtte.csv} CSV. */
    @GetMapping("/datasets/{dataset}")
    void one(@PathVariable("dataset") @Pattern(regexp = "(" + DATASETS + ")\\.(json|csv)") String dataset,
            @RequestParam(name = "asOf") @Pattern(regexp = DATE) String asOf,
            @RequestParam(name = "recordedUpTo", required = false) String recordedUpTo,
            @RequestParam(name = "site", required = false) List<@Pattern(regexp = SITE) String> site,
            HttpServletResponse response) throws IOException {
        String name = dataset.substring(0, dataset.indexOf('.')).toUpperCase(Locale.ROOT);
        boolean json = dataset.endsWith(".json");
        try (Prepared prepared = prepare(asOf, recordedUpTo, site, List.of(name))) {
            Dataset chosen = prepared.datasets().get(0);
            response.setContentType(json ? "application/json" : "text/csv;charset=UTF-8");
            response.setHeader("Trial-Recorded-Up-To", String.valueOf(prepared.cut().recordedUpTo()));
            OutputStream out = response.getOutputStream();
            if (json) {
                DatasetJson.write(chosen, prepared.cut(), out, prepared.rows());
            } else {
                Csv.write(chosen, out, prepared.rows());
            }
            out.flush();
        }
    }

    private Prepared prepare(String asOf, String recordedUpTo, List<String> site, List<String> datasets)
            throws IOException {
        Asked asked = check(asOf, recordedUpTo, site);
        return export.prepare(asked.cutoff(), asked.recordedUpTo(), asked.sites(), datasets);
    }

    private Asked check(String asOf, String recordedUpTo, List<String> site) {
        LocalDate cutoff;
        try {
            cutoff = LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw refused(HttpStatus.BAD_REQUEST, "invalid-request", "asOf", "date", "not a calendar date: " + asOf);
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (cutoff.isAfter(today)) {
            throw refused(HttpStatus.BAD_REQUEST, "invalid-request", "asOf", "cutoff-in-future",
                    "the data cut-off " + cutoff + " is after today (" + today + ", UTC)");
        }
        Instant upTo = null;
        if (recordedUpTo != null) {
            try {
                upTo = Instant.parse(recordedUpTo);
            } catch (DateTimeParseException e) {
                throw refused(HttpStatus.BAD_REQUEST, "invalid-request", "recordedUpTo", "instant",
                        "not an ISO 8601 UTC instant such as 2024-01-02T00:00:00Z: " + recordedUpTo);
            }
        }
        Caller caller = Caller.current();
        if (site != null) {
            for (String s : site) {
                if (!caller.mayActFor(s)) {
                    throw refused(HttpStatus.FORBIDDEN, "forbidden", "site", "site-not-readable",
                            "your role or site does not allow reading site " + s);
                }
            }
        }
        return new Asked(cutoff, upTo, caller.sitesToRead(site));
    }

    /** A request's cut as asked, after every check. */
    private record Asked(LocalDate cutoff, Instant recordedUpTo, List<String> sites) {
    }

    /** A refusal in the project's problem+json shape, rendered by trial-support's one handler. */
    private static ErrorResponseException refused(HttpStatus status, String code, String field, String rule,
            String message) {
        ProblemDetail problem = ProblemResponses.problem(status, code, field + ": " + message);
        problem.setProperty("errors", List.of(new FieldViolation(field, rule, message)));
        return new ErrorResponseException(status, problem, null);
    }
}
