package dev.adjoint.bench;

/**
 * Scalar loops of 10^6 floating-point operations, written plainly: the functions the scalar benchmarks
 * differentiate.
 */
public final class ScalarLoops {

    /** Iterations of each loop: five operations each, 10^6 in all. */
    public static final int ITERATIONS = 200_000;

    private ScalarLoops() {
    }

    /**
     * A logistic map with a forcing term: five arithmetic operations per iteration (three multiplications, a
     * subtraction, an addition), a long dependency chain.
     */
    public static double logistic(double r) {
        double s = 0.5;
        for (int i = 0; i < ITERATIONS; i++) {
            s = r * s * (1 - s) + 1e-3 * r;
        }
        return s;
    }

    /** A damped recurrence with an elementary function: five operations per iteration, one of them a sine. */
    public static double damped(double x) {
        double s = x;
        for (int i = 0; i < ITERATIONS; i++) {
            s = s * 0.999 + Math.sin(s) * 1e-3 * x;
        }
        return s;
    }
}
