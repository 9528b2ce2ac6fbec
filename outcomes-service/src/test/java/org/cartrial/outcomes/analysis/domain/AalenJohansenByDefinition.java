package org.cartrial.outcomes.analysis.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * The Aalen-Johansen estimate with infinitesimal-jackknife errors computed literally, one influence value per subject
 * carried through every event time (O(subjects x times)): the first implementation of {@link AalenJohansen}, kept as
 * the reference its faster computation is checked against.
 */
final class AalenJohansenByDefinition {

    private static final int IN_REMISSION = 0;
    private static final int RELAPSED = 1;
    private static final int DIED_IN_REMISSION = 2;

    record Fit(double[] time, int[] nRisk, double[] relapse, double[] death, double[] relapseStdErr,
            double[] deathStdErr) {
    }

    private AalenJohansenByDefinition() {
    }

    static Fit fit(Collection<TimeInRemission> observations) {
        List<TimeInRemission> subjects = List.copyOf(observations);
        int size = subjects.size();
        TreeMap<Double, List<Integer>> subjectsByTime = new TreeMap<>();
        for (int g = 0; g < size; g++) {
            subjectsByTime.computeIfAbsent(subjects.get(g).time() + 0.0, t -> new ArrayList<>()).add(g);
        }
        int rows = subjectsByTime.size();
        double[] time = new double[rows];
        int[] nRisk = new int[rows];
        double[] relapse = new double[rows];
        double[] death = new double[rows];
        double[] relapseStdErr = new double[rows];
        double[] deathStdErr = new double[rows];

        // p(t) over (in remission, relapsed, died in remission) and each subject's influence on it.
        double[] p = {1, 0, 0};
        double[][] influence = new double[3][size];
        double[] stdErr = new double[3];
        int atRisk = size;
        int row = 0;
        for (var entry : subjectsByTime.entrySet()) {
            double t = entry.getKey();
            List<Integer> endingNow = entry.getValue();
            double n = atRisk;
            int relapses = 0;
            int deaths = 0;
            // The hazard matrix minus I, summed event by event as survfitaj does.
            double stay = 0;
            double toRelapse = 0;
            double toDeath = 0;
            for (int g : endingNow) {
                RemissionOutcome outcome = subjects.get(g).outcome();
                if (outcome == RemissionOutcome.RELAPSE) {
                    relapses++;
                    stay -= 1 / n;
                    toRelapse += 1 / n;
                } else if (outcome == RemissionOutcome.DEATH_IN_REMISSION) {
                    deaths++;
                    stay -= 1 / n;
                    toDeath += 1 / n;
                }
            }
            if (relapses + deaths > 0) {
                double[] remission = influence[IN_REMISSION];
                double[] relapsed = influence[RELAPSED];
                double[] died = influence[DIED_IN_REMISSION];
                // U(t) = U(t-) (I + dA): only the remission state has outgoing transitions.
                for (int g = 0; g < size; g++) {
                    relapsed[g] += remission[g] * toRelapse;
                    died[g] += remission[g] * toDeath;
                    remission[g] += remission[g] * stay;
                }
                // The subject's own transition (dN) ...
                for (int g : endingNow) {
                    int to = state(subjects.get(g).outcome());
                    if (to != IN_REMISSION) {
                        remission[g] -= p[IN_REMISSION] / n;
                        influence[to][g] += p[IN_REMISSION] / n;
                    }
                }
                // ... and, for everyone still at risk, its share of each hazard (Y dA).
                for (int to : new int[] {RELAPSED, DIED_IN_REMISSION}) {
                    int transitions = to == RELAPSED ? relapses : deaths;
                    if (transitions > 0) {
                        double scaledHazard = transitions / n / n;
                        for (int g = 0; g < size; g++) {
                            if (subjects.get(g).time() >= t) {
                                remission[g] += p[IN_REMISSION] * scaledHazard;
                                influence[to][g] -= p[IN_REMISSION] * scaledHazard;
                            }
                        }
                    }
                }
                for (int state = 0; state < 3; state++) {
                    double sum = 0;
                    for (int g = 0; g < size; g++) {
                        sum += influence[state][g] * influence[state][g];
                    }
                    stdErr[state] = Math.sqrt(sum);
                }
                double before = p[IN_REMISSION];
                for (int to : new int[] {RELAPSED, DIED_IN_REMISSION}) {
                    int transitions = to == RELAPSED ? relapses : deaths;
                    if (transitions > 0) {
                        double hazard = transitions / n;
                        p[IN_REMISSION] -= before * hazard;
                        p[to] += before * hazard;
                    }
                }
            }
            time[row] = t;
            nRisk[row] = atRisk;
            relapse[row] = p[RELAPSED];
            death[row] = p[DIED_IN_REMISSION];
            relapseStdErr[row] = stdErr[RELAPSED];
            deathStdErr[row] = stdErr[DIED_IN_REMISSION];
            atRisk -= endingNow.size();
            row++;
        }
        return new Fit(time, nRisk, relapse, death, relapseStdErr, deathStdErr);
    }

    private static int state(RemissionOutcome outcome) {
        return switch (outcome) {
            case CENSORED -> IN_REMISSION;
            case RELAPSE -> RELAPSED;
            case DEATH_IN_REMISSION -> DIED_IN_REMISSION;
        };
    }
}
