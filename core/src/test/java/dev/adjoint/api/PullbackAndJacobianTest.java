package dev.adjoint.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.Pullback;
import dev.adjoint.VectorFunction;
import dev.adjoint.testing.Oracle;

class PullbackAndJacobianTest {

    static double rosenbrock(double[] x) {
        double sum = 0;
        for (int i = 0; i < x.length - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            sum += 100 * a * a + b * b;
        }
        return sum;
    }

    static double[] rosenbrockGradient(double[] x) {
        int n = x.length;
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = (i > 0 ? 200 * (x[i] - x[i - 1] * x[i - 1]) : 0)
                    + (i < n - 1 ? -400 * x[i] * (x[i + 1] - x[i] * x[i]) - 2 * (1 - x[i]) : 0);
        }
        return g;
    }

    /** Prefix products written in place into a scratch array, then summed: mutation inside the recording. */
    static double prefixProducts(double[] x) {
        double[] p = new double[x.length];
        p[0] = x[0];
        for (int i = 1; i < x.length; i++) {
            p[i] = p[i - 1] * x[i];
        }
        for (int i = 0; i < x.length; i++) {
            p[i] = Math.sin(p[i]);
            x[i] = 0; // the function destroys its argument; the pullback must not care
        }
        double s = 0;
        for (double v : p) {
            s += v;
        }
        return s;
    }

    @Test
    void a_pullback_is_reusable_for_many_adjoints() {
        double[] x = {-1.2, 1.0, 0.3, 2.0};
        double[] saved = x.clone();
        Pullback back = AD.pullback(PullbackAndJacobianTest::rosenbrock, x);
        assertEquals(rosenbrock(x), back.value(), 0);
        double[] g = rosenbrockGradient(x);
        assertArrayEquals(g, back.apply(1.0), 1e-12);
        double[] scaled = back.apply(-2.5);
        for (int i = 0; i < g.length; i++) {
            assertEquals(-2.5 * g[i], scaled[i], 1e-12);
        }
        assertArrayEquals(g, back.apply(1.0), 1e-12);
        assertArrayEquals(saved, x, 0);
    }

    @Test
    void a_pullback_through_mutated_scratch_arrays_repeats_exactly() {
        double[] x = {0.7, -1.1, 0.4, 1.3, 0.9};
        MultivariateFunction f = PullbackAndJacobianTest::prefixProducts;
        Pullback back = AD.pullback(f, x);
        double[] first = back.apply(1.0);
        assertArrayEquals(Oracle.centralGradient(v -> prefixProducts(v.clone()), x), first, 1e-7);
        assertArrayEquals(first, back.apply(1.0), 0);
        assertArrayEquals(AD.gradient(f, x), first, 0);
    }

    /** Polar to Cartesian: 2 inputs, 2 outputs (forward mode). */
    static double[] polar(double[] p) {
        return new double[] {p[0] * Math.cos(p[1]), p[0] * Math.sin(p[1])};
    }

    /** 3 inputs, 2 outputs (reverse mode). */
    static double[] reduce(double[] x) {
        return new double[] {x[0] * x[1] * x[2], Math.exp(x[0]) + x[2] * x[2]};
    }

    /** 2 inputs, 4 outputs (forward mode); scales its argument in place and returns a longer array. */
    static double[] expand(double[] x) {
        x[0] *= 2;
        return new double[] {x[0], x[1], x[0] * x[1], x[1] * x[1] * x[1]};
    }

    /** Returns its own argument, modified. */
    static double[] inPlace(double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] * x[i];
        }
        return x;
    }

    @Test
    void jacobians_against_analytic_ones_in_both_shapes() {
        double r = 1.7;
        double t = 0.6;
        assertJacobian(new double[][] {{Math.cos(t), -r * Math.sin(t)}, {Math.sin(t), r * Math.cos(t)}},
                AD.jacobian(PullbackAndJacobianTest::polar, new double[] {r, t}));
        double a = 0.5;
        double b = -1.5;
        double c = 2.0;
        assertJacobian(new double[][] {{b * c, a * c, a * b}, {Math.exp(a), 0, 2 * c}},
                AD.jacobian(PullbackAndJacobianTest::reduce, new double[] {a, b, c}));
        assertJacobian(new double[][] {{2, 0}, {0, 1}, {2 * b, 2 * a}, {0, 3 * b * b}},
                AD.jacobian(PullbackAndJacobianTest::expand, new double[] {a, b}));
        assertJacobian(new double[][] {{2 * a, 0, 0}, {0, 2 * b, 0}, {0, 0, 2 * c}},
                AD.jacobian(PullbackAndJacobianTest::inPlace, new double[] {a, b, c}));
    }

    @Test
    void jacobians_agree_with_finite_differences() {
        VectorFunction f = x -> {
            double[] y = new double[x.length - 1];
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.tanh(x[i] * x[i + 1]) + (i > 0 ? y[i - 1] : 0);
            }
            return y;
        };
        double[] x = {0.3, -0.8, 1.1, 0.5, -0.2};
        double[][] j = AD.jacobian(f, x);
        for (int row = 0; row < j.length; row++) {
            int k = row;
            assertArrayEquals(Oracle.centralGradient(v -> f.apply(v.clone())[k], x), j[row], 1e-7, "row " + row);
        }
    }

    private static void assertJacobian(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length, "rows");
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 1e-12, "row " + i);
        }
    }
}
