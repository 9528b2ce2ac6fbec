package org.cartrial.outcomes.export.query;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.bson.Document;
import org.cartrial.outcomes.analysis.domain.DataCutoff;
import org.cartrial.outcomes.analysis.domain.SubjectCourse;
import org.cartrial.outcomes.analysis.query.SubjectCourseProjection;
import org.cartrial.outcomes.analysis.query.SubjectCourseProjection.RecordedCourse;
import org.cartrial.outcomes.export.domain.AnalysisDatasets;
import org.cartrial.outcomes.export.domain.Dataset;
import org.cartrial.outcomes.export.domain.ExportCut;
import org.cartrial.outcomes.export.domain.ExportSubject;
import org.cartrial.outcomes.export.domain.SubjectAudit;
import org.cartrial.outcomes.export.domain.TabulationDatasets;
import org.cartrial.outcomes.export.format.SpilledRows;

/**
 * The export read side: the subjects' courses recorded up to a moment, of some sites or all, as the standard
 * datasets at a data cut-off. An export asked without {@code recordedUpTo} is pinned to the moment of the latest
 * fact it includes, which its manifest states, so asking again with it gives the same files.
 * <p>
 * Memory does not grow with the trial: the subject courses and audit trails are read from MongoDB with cursors in
 * batches, site by site in subject order (USUBJID order), joined subject by subject. The datasets are made in one
 * pass, one subject's rows at a time, written as they are made into temporary files and counted ({@link SpilledRows}:
 * Dataset-JSON states the count before the rows); the pass also pins the cut, and each file is then put together
 * from those bytes. The FHIR Bundle takes a first pass to pin the cut (its timestamp comes first) and a second, as of
 * the pinned moment, to write.
 */
public class TrialExport {

    /** The datasets an export holds, in the order files are written. */
    public static final List<String> DATASETS = List.of("DM", "DS", "EX", "AE", "RS", "SUPPRS", "TS", "TA", "TE",
            "ADSL", "ADTTE", "ADRS");

    /**
     * The cut pinned and the datasets, each with its number of rows, their rows made already ({@code rows}: give it to
     * the writers); close it to delete the rows' temporary files.
     */
    public record Prepared(ExportCut cut, List<Dataset> datasets, SpilledRows rows) implements AutoCloseable {
        @Override
        public void close() {
            rows.close();
        }
    }

    /** The enrolled subjects' courses an export covers (read afresh at each call, in USUBJID order), with its cut. */
    public record Courses(ExportCut cut, Supplier<Stream<SubjectCourse>> enrolled) {
    }

    private final SubjectCourseProjection courses;
    private final AuditTrailProjection trails;
    private final String protocolVersion;

    public TrialExport(SubjectCourseProjection courses, AuditTrailProjection trails, String protocolVersion) {
        this.courses = courses;
        this.trails = trails;
        this.protocolVersion = protocolVersion;
    }

    /** The chosen datasets (null or empty: all) as of the cut-off, for the sites (null: all), made and counted. */
    public Prepared prepare(LocalDate asOf, Instant recordedUpTo, List<String> sites, List<String> chosen)
            throws IOException {
        ExportCut asked = new ExportCut(asOf, recordedUpTo, sites, protocolVersion);
        SpilledRows rows = SpilledRows.of(datasets(asked, () -> subjects(asOf, recordedUpTo, sites), 0, chosen));
        try {
            long enrolled = 0;
            Instant latest = null;
            try (Stream<Pinned> all = pinned(asOf, recordedUpTo, sites)) {
                for (Pinned subject : (Iterable<Pinned>) all::iterator) {
                    enrolled++;
                    latest = later(latest, subject.latest());
                    rows.add(subject.subject());
                }
            }
            rows.finish();
            Instant pinned = recordedUpTo != null ? recordedUpTo : latest;
            ExportCut cut = new ExportCut(asOf, pinned, sites, protocolVersion);
            List<Dataset> counted = new ArrayList<>();
            for (Dataset d : datasets(cut, () -> subjects(asOf, pinned, sites), enrolled, chosen)) {
                counted.add(d.counted(rows.holds(d.name()) ? rows.count(d.name()) : d.count()));
            }
            return new Prepared(cut, counted, rows);
        } catch (IOException | RuntimeException e) {
            rows.close();
            throw e;
        }
    }

    /** The enrolled subjects' courses as of the cut-off, for the sites (null: all), with the cut pinned. */
    public Courses courses(LocalDate asOf, Instant recordedUpTo, List<String> sites) {
        Instant pinned = recordedUpTo;
        if (pinned == null) {
            try (Stream<Pinned> all = pinned(asOf, null, sites)) {
                pinned = all.map(Pinned::latest).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
            }
        }
        Instant upTo = pinned;
        return new Courses(new ExportCut(asOf, pinned, sites, protocolVersion), () -> courses.documentsBySite(sites)
                .map(d -> SubjectCourseProjection.recorded(d, upTo).course()).filter(Objects::nonNull));
    }

    private List<Dataset> datasets(ExportCut cut, Supplier<Stream<ExportSubject>> subjects, long enrolled,
            List<String> chosen) {
        List<Dataset> all = new ArrayList<>(new TabulationDatasets(subjects, enrolled, cut).all());
        all.addAll(new AnalysisDatasets(subjects, DataCutoff.of(cut.dataCutoff())).all());
        return all.stream().filter(d -> chosen == null || chosen.isEmpty() || chosen.contains(d.name())).toList();
    }

    private Stream<ExportSubject> subjects(LocalDate asOf, Instant recordedUpTo, List<String> sites) {
        return pinned(asOf, recordedUpTo, sites).map(Pinned::subject);
    }

    /** An enrolled subject as of the cut, and the moment of the latest fact of it the export includes. */
    private record Pinned(ExportSubject subject, Instant latest) {
    }

    /**
     * The enrolled subjects of the sites in USUBJID order, each course joined with its audit trail: both read model's
     * documents come in the same order (site, then subject id), so the join keeps one document of each at a time.
     */
    private Stream<Pinned> pinned(LocalDate asOf, Instant recordedUpTo, List<String> sites) {
        Stream<Document> audits = trails.documentsBySite(sites);
        Iterator<Document> auditDocuments = audits.iterator();
        Document[] next = {null};
        return courses.documentsBySite(sites).map(d -> {
            RecordedCourse recorded = SubjectCourseProjection.recorded(d, recordedUpTo);
            if (recorded.course() == null) {
                return null;
            }
            // the audit documents before this subject's have no enrolled subject: passed over
            while ((next[0] == null || before(next[0], d)) && auditDocuments.hasNext()) {
                next[0] = auditDocuments.next();
            }
            SubjectAudit audit = null;
            if (next[0] != null && !before(next[0], d) && !before(d, next[0])) {
                audit = AuditTrailProjection.audit(next[0], asOf, recordedUpTo);
            }
            Instant latest = audit == null ? recorded.latest() : later(recorded.latest(), AuditTrailProjection.latest(audit));
            return new Pinned(new ExportSubject(recorded.course(), audit), latest);
        }).filter(Objects::nonNull).onClose(audits::close);
    }

    /** Whether a document comes before another in (site, subject id) order. */
    private static boolean before(Document a, Document b) {
        int site = a.getString("siteId").compareTo(b.getString("siteId"));
        return site != 0 ? site < 0 : a.getString("_id").compareTo(b.getString("_id")) < 0;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || !b.isAfter(a) ? a : b;
    }
}
