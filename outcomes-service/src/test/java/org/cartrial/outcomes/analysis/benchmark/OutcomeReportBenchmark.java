package org.cartrial.outcomes.analysis.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.cartrial.outcomes.analysis.domain.ConfidenceType;
import org.cartrial.outcomes.analysis.domain.KaplanMeier;
import org.cartrial.outcomes.analysis.domain.Landmark;
import org.cartrial.outcomes.analysis.domain.OutcomeAnalysis;
import org.cartrial.outcomes.analysis.domain.OutcomeReport;
import org.cartrial.outcomes.analysis.domain.ReferenceComparison;
import org.cartrial.outcomes.analysis.domain.SurvivalTable;
import org.cartrial.outcomes.analysis.domain.TimeToEvent;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A benchmark, not a test (its name keeps it out of the default test run): the time of each analysis of the outcomes
 * report on a synthetic cohort (default 100,000 subjects, {@link SyntheticCohort}), measured one analysis at a time
 * after a warm-up, median and minimum over several repetitions. Run it with
 * {@code benchmarks/outcomes-report.sh [subjects]}, or {@code mvn -o -pl outcomes-service -am -Dtest=OutcomeReportBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.subjects=100000 test}; the table goes to stdout and to
 * {@code outcomes-service/target/benchmarks/report-100k.txt} (the name carries the size). {@code -Dbenchmark.csv=true}
 * also writes the cohort as {@code target/benchmarks/cohort-<size>.csv} for shared/data/reference.R;
 * {@code -Dbenchmark.reference=/path/to/reference.R} writes it, runs R on it before the timing (Rscript on the PATH),
 * checks that every figure of the report matches R's to 1e-9 and puts R's survfit times next to the Java ones.
 */
class OutcomeReportBenchmark {

    private static final int SUBJECTS = Integer.getInteger("benchmark.subjects", 100_000);
    private static final int WARM_UP = Integer.getInteger("benchmark.warmup", 5);
    private static final int REPETITIONS = Integer.getInteger("benchmark.repetitions", 10);
    private static final long SEED = Long.getLong("benchmark.seed", 20231231L);
    private static final String REFERENCE_R = System.getProperty("benchmark.reference", "");
    private static final boolean CSV = Boolean.getBoolean("benchmark.csv") || !REFERENCE_R.isBlank();
    /** The sections reference.R computes (no EFS). */
    private static final List<String> R_SECTIONS = List.of("counts", "orr", "os", "dfs", "dfs_window_responders", "cir",
            "crs", "icans");

    /** Median seconds R 4.2.2 / survival 3.5.3 took here on such data (the issue's figures). */
    /** The report rendered with the reference's names, as ReferenceCohortGoldenTest does. */
    private static final ObjectMapper RENDERING = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).findAndAddModules().build();

    private static final String R_KM = "0.10-0.26 s";
    private static final String R_CIR = "3.4 s";

    @Test
    void time_of_each_analysis() throws IOException {
        long generationStarted = System.nanoTime();
        SyntheticCohort cohort = SyntheticCohort.generate(SUBJECTS, SEED);
        double generationSeconds = (System.nanoTime() - generationStarted) / 1e9;
        Path csv = Path.of("target", "benchmarks", "cohort-" + label(SUBJECTS) + ".csv");
        if (CSV) {
            cohort.writeCsv(csv);
        }
        OutcomeAnalysis analysis = OutcomeAnalysis.of(cohort.subjects(), cohort.dataCutoff());
        OutcomeReport report = analysis.report();
        AgainstR againstR = REFERENCE_R.isBlank() ? null : AgainstR.run(Path.of(REFERENCE_R), csv, report);
        List<TimeToEvent> os = observations(report.os().confLog().table());
        assertThat(os).hasSize(report.os().n());

        Map<String, Supplier<?>> analyses = new LinkedHashMap<>();
        analyses.put("cut-off applied (OutcomeAnalysis.of)", () -> OutcomeAnalysis.of(cohort.subjects(), cohort.dataCutoff()));
        analyses.put("counts", analysis::counts);
        analyses.put("ORR + Clopper-Pearson", analysis::orr);
        analyses.put("OS KM curve, log CI", () -> KaplanMeier.fit(os).estimate(ConfidenceType.LOG, Landmark.PROTOCOL));
        analyses.put("OS KM curve, log-log CI",
                () -> KaplanMeier.fit(os).estimate(ConfidenceType.LOG_LOG, Landmark.PROTOCOL));
        analyses.put("OS (both CI types)", analysis::os);
        analyses.put("EFS (both CI types)", analysis::efs);
        analyses.put("DFS (both CI types)", analysis::dfs);
        analyses.put("DFS window responders (both)", analysis::dfsWindowResponders);
        analyses.put("CIR Aalen-Johansen", analysis::cir);
        analyses.put("CRS grades", analysis::crs);
        analyses.put("ICANS grades", analysis::icans);
        analyses.put("full report (of + report)",
                () -> OutcomeAnalysis.of(cohort.subjects(), cohort.dataCutoff()).report());

        for (int i = 0; i < WARM_UP; i++) {
            analyses.values().forEach(Supplier::get);
        }
        Map<String, long[]> nanos = new LinkedHashMap<>();
        analyses.forEach((name, run) -> nanos.put(name, new long[REPETITIONS]));
        Object sink = null;
        for (int r = 0; r < REPETITIONS; r++) {
            for (var entry : analyses.entrySet()) {
                long t0 = System.nanoTime();
                sink = entry.getValue().get();
                nanos.get(entry.getKey())[r] = System.nanoTime() - t0;
            }
        }
        assertThat(sink).isNotNull();
        System.gc();
        long heapUsed = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        write(cohort, report, os, nanos, generationSeconds, heapUsed, againstR);
        if (againstR != null) {
            assertThat(againstR.differences()).as("figures that differ from R's").isEmpty();
        }
    }

    /** R's answer on the same cohort (reference.R), compared figure by figure, and its survfit times. */
    record AgainstR(String version, int figures, double largestDifference, List<String> differences,
            Map<String, Double> seconds) {

        static AgainstR run(Path script, Path csv, OutcomeReport report) throws IOException {
            Path json = csv.resolveSibling(csv.getFileName().toString().replace(".csv", ".expected.json"));
            Path timing = csv.resolveSibling(csv.getFileName().toString().replace(".csv", ".r-timing.txt"));
            Path log = csv.resolveSibling(csv.getFileName().toString().replace(".csv", ".r.log"));
            try {
                Process r = new ProcessBuilder("Rscript", script.toAbsolutePath().toString(), csv.toString(),
                        json.toString(), timing.toString()).redirectErrorStream(true).redirectOutput(log.toFile())
                        .start();
                if (!r.waitFor(20, TimeUnit.MINUTES) || r.exitValue() != 0) {
                    r.destroy();
                    throw new IllegalStateException("reference.R failed, see " + log.toAbsolutePath());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            JsonNode expected = new ObjectMapper().readTree(json.toFile());
            JsonNode actual = RENDERING.valueToTree(report);
            ReferenceComparison comparison = new ReferenceComparison();
            for (String section : R_SECTIONS) {
                comparison.compare(expected.get(section), actual.get(section), section);
            }
            Map<String, Double> seconds = new LinkedHashMap<>();
            for (String line : Files.readAllLines(timing)) {
                String[] keyValue = line.split("=", 2);
                if (keyValue.length == 2 && keyValue[0].endsWith("_seconds")) {
                    seconds.put(keyValue[0].replace("_seconds", ""), Double.valueOf(keyValue[1]));
                }
            }
            String version = expected.at("/oracle/r_version").asText("R") + ", survival "
                    + expected.at("/oracle/survival_version").asText("?");
            return new AgainstR(version, comparison.figures(), comparison.largestDifference(),
                    comparison.differences(), seconds);
        }

        /** R's survfit seconds for a row of the table, as ms text; blank where R has no counterpart. */
        String millis(String... keys) {
            double sum = 0;
            for (String key : keys) {
                Double value = seconds.get(key);
                if (value == null) {
                    return "";
                }
                sum += value;
            }
            return String.format(Locale.ROOT, "%.0f", sum * 1000);
        }
    }

    /** The OS observations back from the table's counts: the same input the report's own fit had. */
    private static List<TimeToEvent> observations(SurvivalTable table) {
        List<TimeToEvent> observations = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            for (int e = 0; e < table.nEvent().get(i); e++) {
                observations.add(TimeToEvent.event(table.time().get(i)));
            }
            for (int c = 0; c < table.nCensor().get(i); c++) {
                observations.add(TimeToEvent.censored(table.time().get(i)));
            }
        }
        return observations;
    }

    /** For each row of the table, the keys of reference.R's timing file that time the same computation. */
    private static final Map<String, String[]> R_ROWS = Map.of(
            "OS KM curve, log CI", new String[] {"survfit_OS_log"},
            "OS KM curve, log-log CI", new String[] {"survfit_OS_loglog"},
            "OS (both CI types)", new String[] {"survfit_OS_log", "survfit_OS_loglog"},
            "DFS (both CI types)", new String[] {"survfit_DFS_log", "survfit_DFS_loglog"},
            "DFS window responders (both)", new String[] {"survfit_DFSwindow_log", "survfit_DFSwindow_loglog"},
            "CIR Aalen-Johansen", new String[] {"survfit_CIR_aalenjohansen"},
            "full report (of + report)", new String[] {"r_script"});

    private static void write(SyntheticCohort cohort, OutcomeReport report, List<TimeToEvent> os,
            Map<String, long[]> nanos, double generationSeconds, long heapUsed, AgainstR r) throws IOException {
        String command = "mvn -o -q -pl outcomes-service -am -Dtest=OutcomeReportBenchmark"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.subjects=" + SUBJECTS + " test";
        Runtime runtime = Runtime.getRuntime();
        List<String> lines = new ArrayList<>();
        lines.add("Outcomes report on a synthetic cohort: time of each analysis (analysis.domain, one thread)");
        lines.add("command: " + command + "   (or benchmarks/outcomes-report.sh " + SUBJECTS + ")");
        lines.add(String.format(Locale.ROOT, "cohort: %d enrolled (seed %d, generated in %.2f s), %d infused, cut-off %s;"
                + " ORR %d/%d; OS %d events, %d rows; DFS n %d; CIR n %d, %d relapses, %d deaths in remission, %d rows",
                report.counts().enrolled(), SEED, generationSeconds, report.counts().infused(), report.dataCutoff(),
                report.orr().count(), report.orr().n(), report.os().events(), report.os().confLog().table().size(),
                report.dfs().n(), report.cir().n(), report.cir().relapses(), report.cir().deathsWithoutRelapse(),
                report.cir().curve().time().size()));
        lines.add(String.format(Locale.ROOT, "JVM: %s %s (%s), %s; %d cores; heap used %.0f MB of %.0f MB max",
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"),
                System.getProperty("java.vm.vendor"), String.join(" ", ManagementFactory.getRuntimeMXBean()
                        .getInputArguments().stream().filter(a -> a.startsWith("-XX:") || a.startsWith("-Xm")).toList()),
                runtime.availableProcessors(), heapUsed / 1e6, runtime.maxMemory() / 1e6));
        lines.add(String.format(Locale.ROOT, "%d warm-up rounds, then %d repetitions of each analysis; R survfit on such"
                + " data here: %s per KM curve, %s for the CIR curve", WARM_UP, REPETITIONS, R_KM, R_CIR));
        if (r != null) {
            lines.add(String.format(Locale.ROOT, "R on the same cohort (%s, reference.R, run once): %d figures"
                    + " compared, largest difference %.3g, %d differ by more than 1e-9; R's column is survfit alone"
                    + " (whole script for the full report)", r.version(), r.figures(), r.largestDifference(),
                    r.differences().size()));
            r.differences().stream().limit(10).forEach(difference -> lines.add("  " + difference));
        }
        lines.add(String.format(Locale.ROOT, "%-38s %10s %10s %10s%s", "analysis (ms)", "median", "min", "max",
                r == null ? "" : String.format(Locale.ROOT, " %10s", "R")));
        nanos.forEach((name, values) -> {
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            String rColumn = r == null ? "" : String.format(Locale.ROOT, " %10s",
                    R_ROWS.containsKey(name) ? r.millis(R_ROWS.get(name)) : "");
            lines.add(String.format(Locale.ROOT, "%-38s %10.1f %10.1f %10.1f%s", name, median(sorted) / 1e6,
                    sorted[0] / 1e6, sorted[sorted.length - 1] / 1e6, rColumn));
        });
        String text = String.join(System.lineSeparator(), lines) + System.lineSeparator();
        System.out.println(text);
        Path file = Path.of("target", "benchmarks", "report-" + label(SUBJECTS) + ".txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static double median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /** 100000 -> 100k, 2500 -> 2500. */
    private static String label(int subjects) {
        return subjects % 1000 == 0 ? subjects / 1000 + "k" : Integer.toString(subjects);
    }
}
