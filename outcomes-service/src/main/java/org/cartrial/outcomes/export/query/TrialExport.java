package org.cartrial.outcomes.export.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.cartrial.outcomes.analysis.domain.DataCutoff;
import org.cartrial.outcomes.analysis.domain.SubjectCourse;
import org.cartrial.outcomes.analysis.query.SubjectCourseProjection;
import org.cartrial.outcomes.analysis.query.SubjectCourseProjection.Snapshot;
import org.cartrial.outcomes.export.domain.AnalysisDatasets;
import org.cartrial.outcomes.export.domain.Dataset;
import org.cartrial.outcomes.export.domain.ExportCut;
import org.cartrial.outcomes.export.domain.SubjectAudit;
import org.cartrial.outcomes.export.domain.TabulationDatasets;

/**
 * The export read side: the subjects' courses recorded up to a moment, of some sites or all, as the standard
 * datasets at a data cut-off. An export asked without {@code recordedUpTo} is pinned to the moment of the latest
 * fact it includes, which its manifest states, so asking again with it gives the same files.
 */
public class TrialExport {

    /** The datasets an export holds, in the order files are written. */
    public static final List<String> DATASETS = List.of("DM", "DS", "EX", "AE", "RS", "SUPPRS", "TS", "TA", "TE",
            "ADSL", "ADTTE", "ADRS");

    public record Prepared(ExportCut cut, List<Dataset> datasets) {
    }

    /** The enrolled subjects' courses an export covers, with its cut pinned to a recorded moment. */
    public record Courses(ExportCut cut, List<SubjectCourse> enrolled, List<SubjectAudit> adverseEvents) {
    }

    private final SubjectCourseProjection courses;
    private final AuditTrailProjection adverseEvents;
    private final String protocolVersion;

    public TrialExport(SubjectCourseProjection courses, AuditTrailProjection adverseEvents, String protocolVersion) {
        this.courses = courses;
        this.adverseEvents = adverseEvents;
        this.protocolVersion = protocolVersion;
    }

    /** The chosen datasets (null or empty: all) as of the cut-off, for the sites (null: all). */
    public Prepared prepare(LocalDate asOf, Instant recordedUpTo, List<String> sites, List<String> chosen) {
        return prepare(courses(asOf, recordedUpTo, sites), chosen);
    }

    public Courses courses(LocalDate asOf, Instant recordedUpTo, List<String> sites) {
        Snapshot snapshot = courses.snapshot(sites, recordedUpTo);
        List<SubjectAudit> audits = adverseEvents.sites(sites, asOf, recordedUpTo);
        // pinned to the latest fact either read model included, so asking again with it gives the same files
        Instant pinned = recordedUpTo;
        if (pinned == null) {
            pinned = Stream.concat(Stream.ofNullable(snapshot.recordedUpTo()), audits.stream()
                    .flatMap(a -> a.items().stream()).flatMap(i -> i.changes().stream()).map(c -> c.at()))
                    .max(Instant::compareTo).orElse(null);
        }
        return new Courses(new ExportCut(asOf, pinned, sites, protocolVersion), snapshot.enrolledCourses(), audits);
    }

    public Prepared prepare(Courses subjects, List<String> chosen) {
        ExportCut cut = subjects.cut();
        DataCutoff cutoff = DataCutoff.of(cut.dataCutoff());
        List<Dataset> all = new ArrayList<>(new TabulationDatasets(subjects.enrolled(), subjects.adverseEvents(), cut).all());
        all.addAll(new AnalysisDatasets(subjects.enrolled(), cutoff).all());
        List<Dataset> datasets = all.stream()
                .filter(d -> chosen == null || chosen.isEmpty() || chosen.contains(d.name()))
                .toList();
        return new Prepared(cut, datasets);
    }
}
