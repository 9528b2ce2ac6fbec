package org.cartrial.outcomes.analysis.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * The Kaplan-Meier estimate of a survival curve with Greenwood's variance, computed as R's
 * {@code survfit(Surv(time, status) ~ 1)} does (stype = 1, ctype = 1): one row per distinct observed time, event or
 * censoring, with events taken before censorings at tied times.
 */
public final class KaplanMeier {

    private final double[] time;
    private final int[] nRisk;
    private final int[] nEvent;
    private final int[] nCensor;
    private final double[] surv;
    /** survfit's std.err: the standard error of the cumulative hazard, sqrt(sum d / (n (n - d))). */
    private final double[] stdErrLog;

    private KaplanMeier(double[] time, int[] nRisk, int[] nEvent, int[] nCensor, double[] surv, double[] stdErrLog) {
        this.time = time;
        this.nRisk = nRisk;
        this.nEvent = nEvent;
        this.nCensor = nCensor;
        this.surv = surv;
        this.stdErrLog = stdErrLog;
    }

    public static KaplanMeier fit(Collection<TimeToEvent> observations) {
        TreeMap<Double, int[]> eventsAndCensorings = new TreeMap<>();
        for (TimeToEvent observation : observations) {
            int[] counts = eventsAndCensorings.computeIfAbsent(observation.time() + 0.0, t -> new int[2]);
            counts[observation.event() ? 0 : 1]++;
        }
        int rows = eventsAndCensorings.size();
        double[] time = new double[rows];
        int[] nRisk = new int[rows];
        int[] nEvent = new int[rows];
        int[] nCensor = new int[rows];
        double[] surv = new double[rows];
        double[] stdErrLog = new double[rows];

        int atRisk = observations.size();
        double km = 1;
        double greenwood = 0;
        int row = 0;
        for (var entry : eventsAndCensorings.entrySet()) {
            int events = entry.getValue()[0];
            int censorings = entry.getValue()[1];
            double n = atRisk;
            if (events > 0) {
                // All at risk at this time, the censored included: deaths come first.
                km *= (n - events) / n;
                greenwood += events / (n * (n - events));
            }
            time[row] = entry.getKey();
            nRisk[row] = atRisk;
            nEvent[row] = events;
            nCensor[row] = censorings;
            surv[row] = km;
            stdErrLog[row] = Math.sqrt(greenwood);
            atRisk -= events + censorings;
            row++;
        }
        return new KaplanMeier(time, nRisk, nEvent, nCensor, surv, stdErrLog);
    }

    public int size() {
        return time.length;
    }

    /** Every distinct observed time with the interval of the given type. */
    public SurvivalTable table(ConfidenceType type) {
        return rows(type, false);
    }

    /** The rows of {@link #table} where at least one event happened. */
    public SurvivalTable eventTimes(ConfidenceType type) {
        return rows(type, true);
    }

    private SurvivalTable rows(ConfidenceType type, boolean eventsOnly) {
        List<SurvivalTable.Row> rows = new ArrayList<>();
        for (int i = 0; i < time.length; i++) {
            if (!eventsOnly || nEvent[i] > 0) {
                ConfidenceLimits limits = type.around(surv[i], stdErrLog[i]);
                rows.add(new SurvivalTable.Row(time[i], nRisk[i], nEvent[i], nCensor[i], surv[i],
                        reported(surv[i] * stdErrLog[i]), reported(stdErrLog[i]), limits.lower(), limits.upper()));
            }
        }
        return SurvivalTable.of(rows);
    }

    /**
     * quantile(fit, 0.5, conf.int = TRUE): the median and its CI read off the confidence band of the given type.
     */
    public MedianSurvival median(ConfidenceType type) {
        Double[] estimate = new Double[time.length];
        Double[] lower = new Double[time.length];
        Double[] upper = new Double[time.length];
        for (int i = 0; i < time.length; i++) {
            ConfidenceLimits limits = type.around(surv[i], stdErrLog[i]);
            estimate[i] = surv[i];
            lower[i] = limits.lower();
            upper[i] = limits.upper();
        }
        double origin = 0;
        return new MedianSurvival(SurvivalQuantile.time(0.5, time, estimate, origin),
                SurvivalQuantile.time(0.5, time, lower, origin), SurvivalQuantile.time(0.5, time, upper, origin));
    }

    /**
     * summary(fit, times = landmark, extend = FALSE): the curve as it stands at the landmark, with the number at risk
     * at the first observed time on or after it; all values absent when the landmark lies beyond the last observed
     * time.
     */
    public LandmarkSurvival at(Landmark landmark, ConfidenceType type) {
        double t = landmark.time();
        if (time.length == 0 || t > time[time.length - 1]) {
            return new LandmarkSurvival(landmark.months(), t, null, null, null, null, null);
        }
        int last = -1;
        while (last + 1 < time.length && time[last + 1] <= t) {
            last++;
        }
        int next = 0;
        while (time[next] < t) {
            next++;
        }
        if (last < 0) {
            // Before the first observed time the curve is still at 1 (survfit0 adds that row).
            return new LandmarkSurvival(landmark.months(), t, nRisk[next], 1.0, 0.0, 1.0, 1.0);
        }
        ConfidenceLimits limits = type.around(surv[last], stdErrLog[last]);
        return new LandmarkSurvival(landmark.months(), t, nRisk[next], surv[last],
                reported(surv[last] * stdErrLog[last]), limits.lower(), limits.upper());
    }

    /** The table, event times, median and landmarks for one confidence type. */
    public SurvivalEstimate estimate(ConfidenceType type, List<Landmark> landmarks) {
        return new SurvivalEstimate(type.label(), median(type), landmarks.stream().map(l -> at(l, type)).toList(),
                eventTimes(type), table(type));
    }

    private static Double reported(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
