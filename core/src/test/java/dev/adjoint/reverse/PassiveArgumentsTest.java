package dev.adjoint.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.NotDifferentiableException;

/**
 * A floating-point parameter that its caller passes without a derivative (a constant) is a value in the callee, not
 * an input: a library that builds a table from constants through their bits, as Hipparchus's {@code Dfp} does for
 * its Gauss-Legendre rules, runs inside a gradient as it does outside, in whatever order things run. The same
 * method still refuses the bits of a value that carries a derivative, and a method called with constants and with
 * values that carry derivatives gives both their derivatives.
 */
class PassiveArgumentsTest {

    /** A number of its own made from a double's bits, as an arbitrary-precision library makes one: no double inside. */
    static final class Decimal {
        private final long mantissa;
        private final int exponent;

        private Decimal(long mantissa, int exponent) {
            this.mantissa = mantissa;
            this.exponent = exponent;
        }

        /** The double's bits leave this method for another one, where they could be turned back into a number. */
        static Decimal of(double x) {
            long bits = Double.doubleToRawLongBits(x);
            return fromBits(bits);
        }

        private static Decimal fromBits(long bits) {
            return new Decimal(bits & 0x000fffffffffffffL, (int) (bits >>> 52));
        }

        Decimal half() {
            return new Decimal(mantissa, exponent - 1);
        }

        double toDouble() {
            return Double.longBitsToDouble((long) exponent << 52 | mantissa);
        }
    }

    /** Weights made on first use from constants through {@link Decimal}, kept in a map by computeIfAbsent. */
    static final class Rule {
        private final Map<Integer, double[]> cache = new HashMap<>();

        double[] weights(int n) {
            return cache.computeIfAbsent(n, this::compute);
        }

        private double[] compute(int n) {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = Decimal.of(3.0 / (i + 2)).half().toDouble();
            }
            return w;
        }
    }

    /** sum_i w_i x^(i+1) with w_i = 1.5 / (i + 2). */
    private static double weightedPowers(Rule rule, double x) {
        double s = 0;
        double p = x;
        for (double w : rule.weights(4)) {
            s += w * p;
            p *= x;
        }
        return s;
    }

    private static double weightedPowersDerivative(double x) {
        double d = 0;
        for (int i = 0; i < 4; i++) {
            d += 1.5 / (i + 2) * (i + 1) * Math.pow(x, i);
        }
        return d;
    }

    @Test
    void a_rule_made_from_the_bits_of_constants_during_the_first_gradient_is_not_refused() {
        Rule fresh = new Rule();
        assertEquals(weightedPowersDerivative(0.7), AD.gradient(x -> weightedPowers(fresh, x), 0.7), 1e-14);
        assertEquals(weightedPowersDerivative(-1.1), AD.gradient(x -> weightedPowers(fresh, x), -1.1), 1e-14);
    }

    @Test
    void a_rule_made_from_the_bits_of_constants_during_the_first_derivative_is_not_refused() {
        Rule fresh = new Rule();
        assertEquals(weightedPowersDerivative(0.7), AD.derivative(x -> weightedPowers(fresh, x), 0.7), 1e-14);
    }

    @Test
    void the_bits_of_a_value_that_carries_a_derivative_are_still_refused() {
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class,
                () -> AD.gradient(x -> Decimal.of(x * x).toDouble(), 1.5));
        assertTrue(e.getMessage().contains("bits"), e::getMessage);
        assertThrows(NotDifferentiableException.class, () -> AD.derivative(x -> Decimal.of(x * x).toDouble(), 1.5));
    }

    @Test
    void a_constant_rule_made_before_and_after_a_refused_one_gives_the_same_gradient() {
        Rule fresh = new Rule();
        double first = AD.gradient(x -> weightedPowers(fresh, x), 0.3);
        assertThrows(NotDifferentiableException.class, () -> AD.gradient(x -> Decimal.of(x).toDouble(), 0.3));
        assertEquals(first, AD.gradient(x -> weightedPowers(new Rule(), x), 0.3), 0);
    }

    private static double product(double a, double b) {
        return a * b;
    }

    @Test
    void a_method_called_with_a_constant_and_with_a_value_that_carries_a_derivative_gives_both_derivatives() {
        // 3x + x^2 + x * 3: the constant in either position
        double x = 1.25;
        assertEquals(3 + 2 * x + 3, AD.gradient(v -> product(3.0, v) + product(v, v) + product(v, 3.0), x), 1e-15);
        assertEquals(3 + 2 * x + 3, AD.derivative(v -> product(3.0, v) + product(v, v) + product(v, 3.0), x), 1e-15);
    }

    /** r(a, b, n) = r(b^2, a, n - 1), r(a, b, 0) = a + b: the recursion passes a derivative where its entry did not. */
    private static double swapSquare(double a, double b, int n) {
        return n == 0 ? a + b : swapSquare(b * b, a, n - 1);
    }

    @Test
    void a_recursive_call_that_passes_a_derivative_where_the_first_call_passed_a_constant_keeps_it() {
        // swapSquare(2, x, 2) = swapSquare(x^2, 2, 1) = swapSquare(4, x^2, 0) = 4 + x^2
        double x = 0.8;
        assertEquals(2 * x, AD.gradient(v -> swapSquare(2.0, v, 2), x), 1e-15);
        assertEquals(2 * x, AD.derivative(v -> swapSquare(2.0, v, 2), x), 1e-15);
        // swapSquare(2, x, 3) = swapSquare(x^2, 2, 2) = swapSquare(4, x^2, 1) = swapSquare(x^4, 4, 0) = x^4 + 4
        assertEquals(4 * x * x * x, AD.gradient(v -> swapSquare(2.0, v, 3), x), 1e-14);
    }
}
