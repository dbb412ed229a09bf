package dev.adjoint.bench.pytorch;

/**
 * The check every comparison makes before it is timed: Adjoint and PyTorch computed the same value and the same
 * gradient, up to the rounding of a different order of summation.
 */
public final class Agreement {

    /** The largest relative difference accepted, in the value and in the gradient's largest component. */
    public static final double TOLERANCE = 1e-13;

    private Agreement() {
    }

    /**
     * @param workload   what was computed, for the message
     * @param value      Adjoint's value
     * @param gradient   Adjoint's gradient
     * @param pyValue    PyTorch's value
     * @param pyGradient PyTorch's gradient
     * @return a line with both differences, to print
     * @throws IllegalStateException if either difference exceeds {@link #TOLERANCE}
     */
    public static String check(String workload, double value, double[] gradient, double pyValue,
                               double[] pyGradient) {
        if (gradient.length != pyGradient.length) {
            throw new IllegalStateException(workload + ": " + gradient.length + " partials against PyTorch's "
                    + pyGradient.length);
        }
        double valueError = Math.abs(value - pyValue) / Math.abs(value);
        double gradientError = normwise(gradient, pyGradient);
        String line = String.format("%s: value %.17g, relative difference %.1e; gradient of %d, largest difference"
                + " over largest partial %.1e", workload, value, valueError, gradient.length, gradientError);
        if (!(valueError <= TOLERANCE && gradientError <= TOLERANCE)) {
            throw new IllegalStateException("Adjoint and PyTorch disagree on " + line);
        }
        return line;
    }

    /** max |a − b| over max |a|: the error relative to the gradient's scale, which a tiny partial cannot inflate. */
    static double normwise(double[] a, double[] b) {
        double difference = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            difference = Math.max(difference, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(a[i]));
        }
        return difference / scale;
    }
}
