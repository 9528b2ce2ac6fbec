package org.cartrial.localstack.cohort;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The summary printed at the end of an import: what was created, replayed, refused, and how long it took. */
final class ImportSummary {

    private final CohortFile file;
    private final CohortRequests requests;
    private final URI gateway;
    private final ImportTally tally;
    private final Duration took;

    ImportSummary(CohortFile file, CohortRequests requests, URI gateway, ImportTally tally, Duration took) {
        this.file = file;
        this.requests = requests;
        this.gateway = gateway;
        this.tally = tally;
        this.took = took;
    }

    void print(PrintStream out) {
        double seconds = took.toMillis() / 1000.0;
        int patients = file.rows().size();
        long sent = tally.requests.get();
        out.printf(Locale.ROOT, "Imported %s (%d patients, sha256 %s) through %s in %s%n", file.name(), patients,
                file.sha256().substring(0, 12), gateway, duration(took));
        out.printf(Locale.ROOT, "  sites      %d: %d registered now, %d replayed, %d registered before%n",
                tally.sitesCreated.get() + tally.sitesReplayed.get() + tally.sitesExisting.get(),
                tally.sitesCreated.get(), tally.sitesReplayed.get(), tally.sitesExisting.get());
        out.printf(Locale.ROOT, "  subjects   %d of %d complete, %d stopped at a refused request%n",
                tally.subjectsComplete.get(), patients, patients - tally.subjectsComplete.get());
        out.printf(Locale.ROOT, "  requests   %d sent (%.1f req/s): %d created, %d replayed (Idempotent-Replayed),"
                + " %d refused for good%n", sent, sent / Math.max(0.001, seconds),
                tally.created.get(), tally.replayed.get(), tally.refusals().size());
        out.printf(Locale.ROOT, "             sent again: %d in all, %d after 429 (request budget), %d after a transient"
                + " failure%n", tally.throttled.get() + tally.transientRetries.get(), tally.throttled.get(),
                tally.transientRetries.get());
        Map<String, Integer> reasons = tally.gateReasons();
        out.printf(Locale.ROOT, "  CD22       %d infusions; the gate was closed for %d on the infusion date and the"
                + " site's investigator overrode it (\"%s\")%s%n", tally.cd22Infusions.get(),
                tally.cd22Overridden.get(), CohortRequests.OVERRIDE_REASON,
                reasons.isEmpty() ? "" : "; reasons: " + counts(reasons));
        if (tally.cd22OverridesReplayed.get() > 0) {
            out.printf(Locale.ROOT, "             %d overrides of an earlier run replayed (the plain request found the"
                    + " infusion recorded: already-infused)%n", tally.cd22OverridesReplayed.get());
        }
        long crsZero = file.rows().stream()
                .filter(r -> r.cd19InfusionDate() != null && Integer.valueOf(0).equals(r.maxCrsGrade())).count();
        long icansZero = file.rows().stream()
                .filter(r -> r.cd19InfusionDate() != null && Integer.valueOf(0).equals(r.maxIcansGrade())).count();
        out.printf(Locale.ROOT, "  CRS/ICANS  grade 0 recorded as a surveillance completed without the syndrome"
                + " (POST .../toxicity-surveillance): %d CRS and %d ICANS patients; grades 1-4 as adverse events%n",
                crsZero, icansZero);
        List<ImportTally.Mismatch> mismatches = tally.mismatches();
        if (mismatches.isEmpty()) {
            out.println("  checks     every screening eligible, every derived response, MRD status and grade as the"
                    + " cohort says");
        } else {
            out.printf(Locale.ROOT, "  checks     %d answers differ from the cohort:%n", mismatches.size());
            for (ImportTally.Mismatch m : mismatches) {
                out.printf(Locale.ROOT, "             line %d %s %s: %s is %s, the cohort says %s%n", m.line(),
                        m.subjectId(), m.step(), m.pointer(), m.actual(), m.expected());
            }
        }
        List<ImportTally.Refusal> refusals = tally.refusals();
        if (refusals.isEmpty()) {
            out.println("  refused    none");
        } else {
            out.printf(Locale.ROOT, "  refused    %d: %s%n", refusals.size(), counts(tally.refusalsByCode()));
            for (ImportTally.Refusal r : refusals) {
                out.printf(Locale.ROOT, "             line %d %s, %s: HTTP %d %s%n", r.line(),
                        r.subjectId() == null ? String.valueOf(r.patientId()) : r.subjectId(), r.step(), r.status(),
                        r.problem() == null ? "" : r.problem().strip());
            }
        }
        List<String> notes = file.rows().stream()
                .flatMap(row -> requests.notes(row).stream().map(n -> "line " + row.line() + " " + row.patientId()
                        + ": " + n))
                .toList();
        notes.forEach(n -> out.println("  note       " + n));
        out.println("  assumed    (what a cohort file does not say)");
        CohortRequests.ASSUMPTIONS.forEach(a -> out.println("             - " + a));
    }

    private static String counts(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String duration(Duration took) {
        long minutes = took.toMinutes();
        double seconds = took.toMillis() / 1000.0 - minutes * 60;
        return minutes > 0 ? String.format(Locale.ROOT, "%dm %.1fs", minutes, seconds)
                : String.format(Locale.ROOT, "%.1fs", seconds);
    }
}
