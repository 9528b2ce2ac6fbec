package org.cartrial.outcomes.analysis.domain;

import java.util.List;

/**
 * A Kaplan-Meier table column by column, as analysts read it next to R's output: {@code stdErr} is the standard
 * error of S(t), {@code stdErrLog} that of the cumulative hazard (survfit's std.err, the one the interval is built
 * on); {@code null} stands for R's NA.
 */
public record SurvivalTable(List<Double> time, List<Integer> nRisk, List<Integer> nEvent, List<Integer> nCensor,
        List<Double> surv, List<Double> stdErr, List<Double> stdErrLog, List<Double> lower, List<Double> upper) {

    /** One row of the table. */
    public record Row(double time, int nRisk, int nEvent, int nCensor, double surv, Double stdErr, Double stdErrLog,
            Double lower, Double upper) {
    }

    static SurvivalTable of(List<Row> rows) {
        return new SurvivalTable(rows.stream().map(Row::time).toList(), rows.stream().map(Row::nRisk).toList(),
                rows.stream().map(Row::nEvent).toList(), rows.stream().map(Row::nCensor).toList(),
                rows.stream().map(Row::surv).toList(), rows.stream().map(Row::stdErr).toList(),
                rows.stream().map(Row::stdErrLog).toList(), rows.stream().map(Row::lower).toList(),
                rows.stream().map(Row::upper).toList());
    }

    public int size() {
        return time.size();
    }

    public Row row(int index) {
        return new Row(time.get(index), nRisk.get(index), nEvent.get(index), nCensor.get(index), surv.get(index),
                stdErr.get(index), stdErrLog.get(index), lower.get(index), upper.get(index));
    }
}
