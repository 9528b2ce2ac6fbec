package org.cartrial.outcomes.analysis.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The time at which a step curve (a survival curve or one of its confidence limits) falls to a probability, by the
 * rule of R's {@code quantile.survfit} (survival 3.5): the first time the curve is at or below it, except that where
 * the curve equals it (within {@link #TOLERANCE}) over a flat stretch the midpoint of that stretch is taken, up to
 * the last observed time if the curve ends on it. Reading the median's CI off the lower and upper limits with the same
 * rule gives the interval survfit prints.
 */
final class SurvivalQuantile {

    /** sqrt(.Machine$double.eps), survfit's tolerance for "equal to the quantile". */
    static final double TOLERANCE = Math.sqrt(Math.ulp(1.0));

    private SurvivalQuantile() {
    }

    /**
     * @param quantile the probability of the event by then, 0.5 for the median (the curve falls to 1 - quantile)
     * @param times the curve's distinct times, increasing
     * @param curve its values at those times, {@code null} where R has NA (e.g. log-log limits at S = 1)
     * @param origin the time the curve starts at 1 (0 unless a start time was set)
     * @return the time, or {@code null} when the curve never falls that far
     */
    static Double time(double quantile, double[] times, Double[] curve, double origin) {
        // findq() works on the cumulative distribution 1 - S, starting with (origin, 0).
        int length = times.length + 1;
        double[] x = new double[length];
        Double[] y = new Double[length];
        x[0] = origin;
        y[0] = 0.0;
        for (int i = 0; i < times.length; i++) {
            x[i + 1] = times[i];
            y[i + 1] = curve[i] == null ? null : 1 - curve[i];
        }
        double highest = Arrays.stream(y).filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        if (!(highest >= quantile)) {
            return null;
        }
        double lastTime = x[length - 1];

        // Censoring times repeat the previous value; only the first of equal values (NA included) is kept.
        List<Double> keptX = new ArrayList<>();
        List<Double> keptY = new ArrayList<>();
        Set<Double> seen = new HashSet<>();
        boolean seenMissing = false;
        for (int i = 0; i < length; i++) {
            if (y[i] == null) {
                if (!seenMissing) {
                    keptX.add(x[i]);
                    keptY.add(null);
                }
                seenMissing = true;
            } else if (seen.add(y[i] + 0.0)) {
                keptX.add(x[i]);
                keptY.add(y[i]);
            }
        }
        int n = keptY.size();

        Integer first = stepIndex(keptY, TOLERANCE, quantile);
        Integer past = stepIndex(keptY, -TOLERANCE, quantile);
        Double answer = first == null || past == null ? null : (keptX.get(first) + keptX.get(past)) / 2;
        if (quantile == 0) {
            answer = keptX.get(0);
        }
        Double end = keptY.get(n - 1);
        if (end != null && Math.abs(quantile - end) < TOLERANCE) {
            // The curve ends flat on the quantile: the midpoint runs to the last observed time.
            answer = first == null ? null : (keptX.get(first) + lastTime) / 2;
        }
        return answer;
    }

    /**
     * approx(y + shift, 1:n, quantile, method = "constant", f = 1): the index of the first point, in increasing order
     * of y + shift, at or above the quantile; {@code null} outside the range (rule = 1). Points with NA are dropped.
     */
    private static Integer stepIndex(List<Double> y, double shift, double quantile) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < y.size(); i++) {
            if (y.get(i) != null) {
                points.add(new double[] {y.get(i) + shift, i});
            }
        }
        points.sort(Comparator.comparingDouble(p -> p[0]));
        if (quantile < points.get(0)[0] || quantile > points.get(points.size() - 1)[0]) {
            return null;
        }
        for (double[] point : points) {
            if (point[0] >= quantile) {
                return (int) point[1];
            }
        }
        return null;
    }
}
