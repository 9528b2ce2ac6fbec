package org.cartrial.localstack.cohort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What an import did so far, counted from every worker thread: the progress bar and the summary read it. */
final class ImportTally {

    /** A request the platform refused for good, with its problem as answered. */
    record Refusal(int line, String patientId, String subjectId, String step, int status, String code,
            String problem) {
    }

    /** An answer that differs from what the cohort says (e.g. another derived response). */
    record Mismatch(int line, String subjectId, String step, String pointer, String expected, String actual) {
    }

    final AtomicLong requests = new AtomicLong();
    final AtomicLong created = new AtomicLong();
    final AtomicLong replayed = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong transientRetries = new AtomicLong();
    final AtomicInteger subjectsDone = new AtomicInteger();
    final AtomicInteger subjectsComplete = new AtomicInteger();
    final AtomicInteger sitesCreated = new AtomicInteger();
    final AtomicInteger sitesReplayed = new AtomicInteger();
    final AtomicInteger sitesExisting = new AtomicInteger();
    final AtomicInteger cd22Infusions = new AtomicInteger();
    final AtomicInteger cd22Overridden = new AtomicInteger();
    final AtomicInteger cd22OverridesReplayed = new AtomicInteger();

    private final Map<String, Integer> gateReasons = new TreeMap<>();
    private final List<Refusal> refusals = new ArrayList<>();
    private final List<Mismatch> mismatches = new ArrayList<>();

    synchronized void gateClosed(List<String> reasons) {
        cd22Overridden.incrementAndGet();
        reasons.forEach(r -> gateReasons.merge(r, 1, Integer::sum));
    }

    synchronized void refused(Refusal refusal) {
        refusals.add(refusal);
    }

    synchronized void mismatch(Mismatch mismatch) {
        mismatches.add(mismatch);
    }

    synchronized Map<String, Integer> gateReasons() {
        return new TreeMap<>(gateReasons);
    }

    synchronized List<Refusal> refusals() {
        return refusals.stream().sorted(java.util.Comparator.comparingInt(Refusal::line)).toList();
    }

    synchronized List<Mismatch> mismatches() {
        return mismatches.stream().sorted(java.util.Comparator.comparingInt(Mismatch::line)).toList();
    }

    synchronized Map<String, Integer> refusalsByCode() {
        Map<String, Integer> byCode = new TreeMap<>();
        refusals.forEach(r -> byCode.merge(r.code(), 1, Integer::sum));
        return byCode;
    }
}
