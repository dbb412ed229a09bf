package dev.adjoint.internal.rules;

import java.util.DoubleSummaryStatistics;

import dev.adjoint.DerivativeRules;
import dev.adjoint.Substitute;

/**
 * {@link DoubleSummaryStatistics} in differentiated code: {@code new DoubleSummaryStatistics()} makes a
 * {@link CompensatedStatistics}, whose {@code accept} and {@code combine} the engine differentiates, and the final
 * getters read it. Statistics made elsewhere carry no derivative and are read by the JDK's getters.
 */
@DerivativeRules(DoubleSummaryStatistics.class)
public final class SummaryStatisticsReplacements {

    private SummaryStatisticsReplacements() {
    }

    /** {@code new DoubleSummaryStatistics()}. */
    @Substitute("<init>")
    public static DoubleSummaryStatistics create() {
        return new CompensatedStatistics();
    }

    /**
     * {@code new DoubleSummaryStatistics(count, min, max, sum)}: checked as the JDK checks it (the same exceptions),
     * with the minimum, maximum and sum keeping their derivatives.
     */
    @Substitute("<init>")
    public static DoubleSummaryStatistics create(long count, double min, double max, double sum) {
        CompensatedStatistics s = new CompensatedStatistics();
        s.start(count, min, max, sum);
        return s;
    }

    @Substitute("getCount")
    public static long getCount(DoubleSummaryStatistics s) {
        return s instanceof CompensatedStatistics c ? c.count() : s.getCount();
    }

    @Substitute("getSum")
    public static double getSum(DoubleSummaryStatistics s) {
        return s instanceof CompensatedStatistics c ? c.sum() : s.getSum();
    }

    @Substitute("getAverage")
    public static double getAverage(DoubleSummaryStatistics s) {
        return s instanceof CompensatedStatistics c ? c.average() : s.getAverage();
    }

    @Substitute("getMin")
    public static double getMin(DoubleSummaryStatistics s) {
        return s instanceof CompensatedStatistics c ? c.min() : s.getMin();
    }

    @Substitute("getMax")
    public static double getMax(DoubleSummaryStatistics s) {
        return s instanceof CompensatedStatistics c ? c.max() : s.getMax();
    }
}
