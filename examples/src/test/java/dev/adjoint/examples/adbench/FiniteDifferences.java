package dev.adjoint.examples.adbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The oracle for gradients: fourth-order central differences, computed from the plain objective (never through
 * Adjoint). The five-point stencil with a step of 1e-3 leaves a truncation error of order 1e-12 on these smooth
 * objectives and keeps the cancellation error near eps·|f|/h.
 */
final class FiniteDifferences {

    private static final double STEP = 1e-3;

    private FiniteDifferences() {
    }

    /** ∂f/∂xᵢ at x, by (−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h)) / 12h. */
    static double partial(ToDoubleFunction<double[]> f, double[] x, int i) {
        double h = STEP * Math.max(1, Math.abs(x[i]));
        double[] p = x.clone();
        p[i] = x[i] + 2 * h;
        double plus2 = f.applyAsDouble(p);
        p[i] = x[i] + h;
        double plus1 = f.applyAsDouble(p);
        p[i] = x[i] - h;
        double minus1 = f.applyAsDouble(p);
        p[i] = x[i] - 2 * h;
        double minus2 = f.applyAsDouble(p);
        return (-plus2 + 8 * plus1 - 8 * minus1 + minus2) / (12 * h);
    }

    /**
     * Asserts that a gradient agrees with finite differences in the given components, to a tolerance relative to
     * the larger of 1 and the component's size.
     */
    static void assertAgrees(double[] gradient, ToDoubleFunction<double[]> f, double[] x, int[] components,
                             double tolerance) {
        for (int i : components) {
            double expected = partial(f, x, i);
            assertEquals(expected, gradient[i], tolerance * Math.max(1, Math.abs(expected)),
                    "component " + i + " of " + x.length);
        }
    }

    /** Every component index, for the small instances. */
    static int[] all(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    /** A fixed sample of distinct components: the first, the last, and the rest drawn with a fixed seed. */
    static int[] sample(int n, int count, long seed) {
        IntStream drawn = new Random(seed).ints(1, n - 1).distinct().limit(count - 2);
        return IntStream.concat(IntStream.of(0, n - 1), drawn).sorted().toArray();
    }
}
