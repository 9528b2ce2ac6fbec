package org.cartrial.outcomes.analysis.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The Aalen-Johansen estimate of the cumulative incidence of relapse, with death in remission as the competing
 * risk, and the infinitesimal-jackknife standard errors R's survfit uses for multi-state data (survfitaj in survival
 * 3.5): each subject's influence on the state probabilities is carried forward through every event time and the
 * variance is the sum of their squares. Censorings at an event time stay at risk for it. Everyone still at risk has
 * the same influence and those who left all follow the same linear map, so the sums of squares are carried as second
 * moments: O(n log n + times) instead of O(n x times), the same figures (AalenJohansenByDefinitionTest).
 */
public final class AalenJohansen {

    private static final int IN_REMISSION = 0;
    private static final int RELAPSED = 1;
    private static final int DIED_IN_REMISSION = 2;

    private final double[] time;
    private final int[] nRisk;
    private final double[] relapse;
    private final double[] death;
    private final double[] relapseStdErr;
    private final double[] deathStdErr;

    private AalenJohansen(double[] time, int[] nRisk, double[] relapse, double[] death, double[] relapseStdErr,
            double[] deathStdErr) {
        this.time = time;
        this.nRisk = nRisk;
        this.relapse = relapse;
        this.death = death;
        this.relapseStdErr = relapseStdErr;
        this.deathStdErr = deathStdErr;
    }

    public static AalenJohansen fit(Collection<TimeInRemission> observations) {
        // The observed times of each outcome, increasing; grouped as a TreeMap<Double, ...> would (+ 0.0 folds -0.0
        // into 0.0, Double.compare orders and equates them).
        double[][] times = new double[3][];
        int[] filled = new int[3];
        for (TimeInRemission o : observations) {
            filled[state(o.outcome())]++;
        }
        for (int state = 0; state < 3; state++) {
            times[state] = new double[filled[state]];
            filled[state] = 0;
        }
        for (TimeInRemission o : observations) {
            int state = state(o.outcome());
            times[state][filled[state]++] = o.time() + 0.0;
        }
        int rows = 0;
        for (int state = 0; state < 3; state++) {
            Arrays.sort(times[state]);
        }
        double[] distinct = new double[observations.size()];
        int[][] counts = new int[3][observations.size()];
        int[] next = new int[3];
        while (next[0] < times[0].length || next[1] < times[1].length || next[2] < times[2].length) {
            double t = Double.NaN;
            boolean first = true;
            for (int state = 0; state < 3; state++) {
                if (next[state] < times[state].length && (first || Double.compare(times[state][next[state]], t) < 0)) {
                    t = times[state][next[state]];
                    first = false;
                }
            }
            for (int state = 0; state < 3; state++) {
                while (next[state] < times[state].length && Double.compare(times[state][next[state]], t) == 0) {
                    counts[state][rows]++;
                    next[state]++;
                }
            }
            distinct[rows++] = t;
        }

        double[] time = Arrays.copyOf(distinct, rows);
        int[] nRisk = new int[rows];
        double[] relapse = new double[rows];
        double[] death = new double[rows];
        double[] relapseStdErr = new double[rows];
        double[] deathStdErr = new double[rows];

        // p(t) over (in remission, relapsed, died in remission).
        double p0 = 1;
        double p1 = 0;
        double p2 = 0;
        // The influence of each subject on p (survfitaj's U) is the same for everyone still at risk: they all start at
        // 0 and get the same updates until they leave. Who has left only sees U(t-) (I + dA), the same linear map for
        // all, so the sum of squares the variance needs follows from their second moments, transformed by that map.
        double c0 = 0;
        double c1 = 0;
        double c2 = 0;
        double s00 = 0;
        double s01 = 0;
        double s02 = 0;
        double s11 = 0;
        double s22 = 0;
        double relapseError = 0;
        double deathError = 0;
        int atRisk = observations.size();
        for (int row = 0; row < rows; row++) {
            int censorings = counts[IN_REMISSION][row];
            int relapses = counts[RELAPSED][row];
            int deaths = counts[DIED_IN_REMISSION][row];
            double n = atRisk;
            if (relapses + deaths > 0) {
                // The hazard matrix minus I, summed event by event as survfitaj does.
                double stay = 0;
                double toRelapse = 0;
                double toDeath = 0;
                for (int i = 0; i < relapses + deaths; i++) {
                    stay -= 1 / n;
                }
                for (int i = 0; i < relapses; i++) {
                    toRelapse += 1 / n;
                }
                for (int i = 0; i < deaths; i++) {
                    toDeath += 1 / n;
                }
                // U(t) = U(t-) (I + dA): only the remission state has outgoing transitions.
                c1 += c0 * toRelapse;
                c2 += c0 * toDeath;
                c0 += c0 * stay;
                double m = 1 + stay;
                s11 += (2 * s01 + toRelapse * s00) * toRelapse;
                s22 += (2 * s02 + toDeath * s00) * toDeath;
                s01 = m * (s01 + toRelapse * s00);
                s02 = m * (s02 + toDeath * s00);
                s00 = m * m * s00;
                // The own transition (dN) of those ending now with an event ...
                double jump = p0 / n;
                double r0 = c0 - jump;
                double r1 = c1 + jump;
                double r2 = c2;
                double d0 = c0 - jump;
                double d1 = c1;
                double d2 = c2 + jump;
                // ... and, for everyone at risk (those ending now included), its share of each hazard (Y dA).
                if (relapses > 0) {
                    double share = p0 * (relapses / n / n);
                    c0 += share;
                    c1 -= share;
                    r0 += share;
                    r1 -= share;
                    d0 += share;
                    d1 -= share;
                }
                if (deaths > 0) {
                    double share = p0 * (deaths / n / n);
                    c0 += share;
                    c2 -= share;
                    r0 += share;
                    r2 -= share;
                    d0 += share;
                    d2 -= share;
                }
                double stillIn = n - relapses - deaths;
                relapseError = Math.sqrt(Math.max(0, s11 + stillIn * c1 * c1 + relapses * r1 * r1 + deaths * d1 * d1));
                deathError = Math.sqrt(Math.max(0, s22 + stillIn * c2 * c2 + relapses * r2 * r2 + deaths * d2 * d2));
                // Those ending now leave the risk set with their influence.
                s00 += censorings * c0 * c0 + relapses * r0 * r0 + deaths * d0 * d0;
                s01 += censorings * c0 * c1 + relapses * r0 * r1 + deaths * d0 * d1;
                s02 += censorings * c0 * c2 + relapses * r0 * r2 + deaths * d0 * d2;
                s11 += censorings * c1 * c1 + relapses * r1 * r1 + deaths * d1 * d1;
                s22 += censorings * c2 * c2 + relapses * r2 * r2 + deaths * d2 * d2;
                double before = p0;
                if (relapses > 0) {
                    double hazard = relapses / n;
                    p0 -= before * hazard;
                    p1 += before * hazard;
                }
                if (deaths > 0) {
                    double hazard = deaths / n;
                    p0 -= before * hazard;
                    p2 += before * hazard;
                }
            } else {
                s00 += censorings * c0 * c0;
                s01 += censorings * c0 * c1;
                s02 += censorings * c0 * c2;
                s11 += censorings * c1 * c1;
                s22 += censorings * c2 * c2;
            }
            nRisk[row] = atRisk;
            relapse[row] = p1;
            death[row] = p2;
            relapseStdErr[row] = relapseError;
            deathStdErr[row] = deathError;
            atRisk -= censorings + relapses + deaths;
        }
        return new AalenJohansen(time, nRisk, relapse, death, relapseStdErr, deathStdErr);
    }

    private static int state(RemissionOutcome outcome) {
        return switch (outcome) {
            case CENSORED -> IN_REMISSION;
            case RELAPSE -> RELAPSED;
            case DEATH_IN_REMISSION -> DIED_IN_REMISSION;
        };
    }

    public int size() {
        return time.length;
    }

    /** Both cumulative incidences at every distinct observed time, with the number at risk and the relapse band. */
    public CumulativeIncidenceCurve curve() {
        List<Double> times = new ArrayList<>();
        List<Integer> atRisk = new ArrayList<>();
        List<Double> relapses = new ArrayList<>();
        List<Double> deaths = new ArrayList<>();
        List<Double> lower = new ArrayList<>();
        List<Double> upper = new ArrayList<>();
        for (int i = 0; i < time.length; i++) {
            times.add(time[i]);
            atRisk.add(nRisk[i]);
            relapses.add(relapse[i]);
            deaths.add(death[i]);
            StateProbability withLimits = StateProbability.of(relapse[i], relapseStdErr[i]);
            lower.add(withLimits.lower());
            upper.add(withLimits.upper());
        }
        return new CumulativeIncidenceCurve(times, atRisk, relapses, deaths, lower, upper);
    }

    /**
     * summary(fit, times = landmark): both incidences at the landmark with standard errors and log intervals; absent
     * when the landmark lies beyond the last observed time.
     */
    public CumulativeIncidenceLandmark at(Landmark landmark) {
        double t = landmark.time();
        if (time.length == 0 || t > time[time.length - 1]) {
            return new CumulativeIncidenceLandmark(landmark.months(), t, null, StateProbability.NOT_AVAILABLE,
                    StateProbability.NOT_AVAILABLE);
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
            // Before the first observed time survfit0 reports the starting state: nothing has happened yet.
            StateProbability none = new StateProbability(0.0, 0.0, 0.0, 0.0);
            return new CumulativeIncidenceLandmark(landmark.months(), t, nRisk[next], none, none);
        }
        return new CumulativeIncidenceLandmark(landmark.months(), t, nRisk[next],
                StateProbability.of(relapse[last], relapseStdErr[last]),
                StateProbability.of(death[last], deathStdErr[last]));
    }
}
