package dev.adjoint.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;

/**
 * Code that carries no derivative runs as it is inside a gradient: a cache that a library fills lazily from
 * constants, on the first call, works whether that first call is inside a gradient or not. Each test builds a fresh
 * cache outside the function, so that the gradient is what fills it.
 */
class LazyCacheTest {

    /**
     * Weights of a rule, computed on first use in {@code BigDecimal} (as Commons Math's Gauss-Legendre rules are)
     * and kept in a map, in a table filled by {@code Arrays.fill} and copied by {@code Arrays.copyOf}.
     */
    static final class Weights {
        private final Map<Integer, double[]> cache = new HashMap<>();
        private final MathContext context = new MathContext(40);

        double[] of(int n) {
            double[] w = cache.get(n);
            if (w == null) {
                w = compute(n);
                cache.put(n, w);
            }
            return w;
        }

        private double[] compute(int n) {
            BigDecimal[] table = new BigDecimal[n];
            Arrays.fill(table, BigDecimal.ONE);
            Number[] copies = Arrays.copyOf(table, n);
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                BigDecimal k = new BigDecimal(i + 1, context);
                w[i] = ((BigDecimal) copies[i]).divide(k, context).doubleValue() + copies[i].doubleValue();
            }
            return w;
        }
    }

    /** sum_i w_i x^(i+1), with w_i = 1/(i+1) + 1. */
    private static double weightedPowers(Weights weights, double x) {
        double[] w = weights.of(4);
        double s = 0;
        double p = x;
        for (double wi : w) {
            s += wi * p;
            p *= x;
        }
        return s;
    }

    private static double derivative(double x) {
        double d = 0;
        for (int i = 0; i < 4; i++) {
            d += (1.0 / (i + 1) + 1) * (i + 1) * Math.pow(x, i);
        }
        return d;
    }

    @Test
    void a_cache_filled_from_constants_during_the_first_gradient_is_not_refused() {
        Weights fresh = new Weights();
        assertEquals(derivative(0.7), AD.gradient(x -> weightedPowers(fresh, x), 0.7), 1e-14);
        assertEquals(derivative(1.3), AD.gradient(x -> weightedPowers(fresh, x), 1.3), 1e-14);
    }

    @Test
    void a_cache_filled_from_constants_during_the_first_derivative_is_not_refused() {
        Weights fresh = new Weights();
        assertEquals(derivative(0.7), AD.derivative(x -> weightedPowers(fresh, x), 0.7), 1e-14);
    }

    @Test
    void a_copy_of_the_rows_of_a_captured_matrix_carries_their_derivatives() {
        double[][] rows = {{1, 2}, {3, 4}, {5, 6}};
        double g = AD.gradient(x -> {
            double[][] m = Arrays.copyOfRange(rows, 1, 3);
            double[][] scaled = {{m[0][0] * x, m[0][1] * x}, {m[1][0] * x * x, m[1][1]}};
            double[][] filled = new double[2][];
            Arrays.fill(filled, scaled[1]);
            return scaled[0][0] + scaled[0][1] + filled[0][0] + filled[1][0];
        }, 1.5);
        assertEquals(3 + 4 + 2 * 2 * 5 * 1.5, g, 1e-14);
    }
}
