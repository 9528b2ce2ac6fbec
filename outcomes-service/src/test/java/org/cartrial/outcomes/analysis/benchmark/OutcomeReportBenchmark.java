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
import java.util.function.Supplier;

import org.cartrial.outcomes.analysis.domain.ConfidenceType;
import org.cartrial.outcomes.analysis.domain.KaplanMeier;
import org.cartrial.outcomes.analysis.domain.Landmark;
import org.cartrial.outcomes.analysis.domain.OutcomeAnalysis;
import org.cartrial.outcomes.analysis.domain.OutcomeReport;
import org.cartrial.outcomes.analysis.domain.SurvivalTable;
import org.cartrial.outcomes.analysis.domain.TimeToEvent;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a test (its name keeps it out of the default test run): the time of each analysis of the outcomes
 * report on a synthetic cohort (default 100,000 subjects, {@link SyntheticCohort}), measured one analysis at a time
 * after a warm-up, median and minimum over several repetitions. Run it with
 * {@code benchmarks/outcomes-report.sh [subjects]}, or {@code mvn -o -pl outcomes-service -am -Dtest=OutcomeReportBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.subjects=100000 test}; the table goes to stdout and to
 * {@code outcomes-service/target/benchmarks/report-100k.txt} (the name carries the size). {@code -Dbenchmark.csv=true}
 * also writes the cohort as {@code target/benchmarks/cohort-<size>.csv} for shared/data/reference.R.
 */
class OutcomeReportBenchmark {

    private static final int SUBJECTS = Integer.getInteger("benchmark.subjects", 100_000);
    private static final int WARM_UP = Integer.getInteger("benchmark.warmup", 5);
    private static final int REPETITIONS = Integer.getInteger("benchmark.repetitions", 10);
    private static final long SEED = Long.getLong("benchmark.seed", 20231231L);
    private static final boolean CSV = Boolean.getBoolean("benchmark.csv");

    /** Median seconds R 4.2.2 / survival 3.5.3 took here on such data (the figures). */
    private static final String R_KM = "0.10-0.26 s";
    private static final String R_CIR = "3.4 s";

    @Test
    void time_of_each_analysis() throws IOException {
        long generationStarted = System.nanoTime();
        SyntheticCohort cohort = SyntheticCohort.generate(SUBJECTS, SEED);
        double generationSeconds = (System.nanoTime() - generationStarted) / 1e9;
        if (CSV) {
            cohort.writeCsv(Path.of("target", "benchmarks", "cohort-" + label(SUBJECTS) + ".csv"));
        }
        OutcomeAnalysis analysis = OutcomeAnalysis.of(cohort.subjects(), cohort.dataCutoff());
        OutcomeReport report = analysis.report();
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
        write(cohort, report, os, nanos, generationSeconds, heapUsed);
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

    private static void write(SyntheticCohort cohort, OutcomeReport report, List<TimeToEvent> os,
            Map<String, long[]> nanos, double generationSeconds, long heapUsed) throws IOException {
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
        lines.add(String.format(Locale.ROOT, "%-38s %10s %10s %10s", "analysis (ms)", "median", "min", "max"));
        nanos.forEach((name, values) -> {
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            lines.add(String.format(Locale.ROOT, "%-38s %10.1f %10.1f %10.1f", name, median(sorted) / 1e6,
                    sorted[0] / 1e6, sorted[sorted.length - 1] / 1e6));
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
