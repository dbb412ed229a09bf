package dev.adjoint.internal.rules;

import java.util.DoubleSummaryStatistics;

/**
 * A {@link DoubleSummaryStatistics} whose state the engine can see: the JDK's own fields are private and its
 * getters final, so differentiated code makes this one instead ({@link SummaryStatisticsReplacements}) and the
 * engine differentiates its arithmetic like any library's. It computes as the JDK does, operation for operation
 * (Kahan compensation in {@code sum}, {@code sumCompensation}, and {@code simpleSum} for infinite inputs), so the
 * values are the same bit for bit. The superclass is given the same values, without derivatives, so that
 * statistics which leave differentiated code read the same through the JDK's final getters.
 */
public final class CompensatedStatistics extends DoubleSummaryStatistics {

    private long count;
    private double sum;
    private double sumCompensation;
    private double simpleSum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    @Override
    public void accept(double value) {
        super.accept(value);
        ++count;
        simpleSum += value;
        sumWithCompensation(value);
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    /**
     * As the JDK combines; statistics made outside differentiated code carry no derivative, and only their
     * compensated sum can be read, so that case adds it as one term.
     */
    @Override
    public void combine(DoubleSummaryStatistics other) {
        super.combine(other);
        if (other instanceof CompensatedStatistics o) {
            count += o.count;
            simpleSum += o.simpleSum;
            sumWithCompensation(o.sum);
            sumWithCompensation(-o.sumCompensation);
            min = Math.min(min, o.min);
            max = Math.max(max, o.max);
        } else {
            count += other.getCount();
            simpleSum += other.getSum();
            sumWithCompensation(other.getSum());
            min = Math.min(min, other.getMin());
            max = Math.max(max, other.getMax());
        }
    }

    /**
     * The state the JDK's four-argument constructor gives, after the checks it makes: the JDK's own statistics,
     * built from the same numbers, check them and throw what it throws, and become the superclass's state.
     */
    void start(long count, double min, double max, double sum) {
        super.combine(new DoubleSummaryStatistics(count, min, max, sum));
        if (count > 0) {
            this.count = count;
            this.sum = sum;
            this.simpleSum = sum;
            this.sumCompensation = 0;
            this.min = min;
            this.max = max;
        }
    }

    private void sumWithCompensation(double value) {
        double tmp = value - sumCompensation;
        double velvel = sum + tmp;
        sumCompensation = (velvel - sum) - tmp;
        sum = velvel;
    }

    long count() {
        return count;
    }

    double sum() {
        double tmp = sum - sumCompensation;
        return Double.isNaN(tmp) && Double.isInfinite(simpleSum) ? simpleSum : tmp;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    double average() {
        return count > 0 ? sum() / count : 0.0d;
    }

    @Override
    public String toString() {
        return String.format("%s{count=%d, sum=%f, min=%f, average=%f, max=%f}", "DoubleSummaryStatistics",
                count, sum(), min, average(), max);
    }
}
