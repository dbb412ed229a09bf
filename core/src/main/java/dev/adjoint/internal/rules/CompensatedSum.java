package dev.adjoint.internal.rules;

/**
 * Kahan's compensated sum as the JDK's {@code DoubleStream.sum()} computes it, held by the source that sums its own
 * elements ({@link DoubleSource#sum}). A small final class with no superclass, so that the engine inlines its
 * methods into the source's loop and keeps its fields in locals (design §16b): derivative code then makes no call
 * and looks up no shadow per element for the sum.
 */
final class CompensatedSum {
    double sum;
    double compensation;
    double simple;

    void add(double v) {
        double y = v - compensation;
        double t = sum + y;
        compensation = (t - sum) - y;
        sum = t;
        simple += v;
    }

    double result() {
        return SequentialDoubleStream.finalSum(sum, compensation, simple);
    }
}
