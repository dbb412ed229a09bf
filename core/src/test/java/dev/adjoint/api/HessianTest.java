package dev.adjoint.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;

class HessianTest {

    @Test
    void product_of_two_variables() {
        MultivariateFunction f = x -> x[0] * x[1];
        double[][] h = AD.hessian(f, new double[] {2, 3});
        assertArrayEquals(new double[] {0, 1}, h[0], 0);
        assertArrayEquals(new double[] {1, 0}, h[1], 0);
    }

    @Test
    void a_quadratic_form() {
        double[][] a = {{2, 1, 0}, {1, 3, -1}, {0, -1, 4}};
        MultivariateFunction f = x -> {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    s += 0.5 * x[i] * a[i][j] * x[j];
                }
            }
            return s;
        };
        double[][] h = AD.hessian(f, new double[] {0.3, -1.2, 2.5});
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(a[i], h[i], 1e-14, "row " + i);
        }
    }

    @Test
    void rosenbrock_against_its_analytic_hessian() {
        double[] x = {-1.2, 1.0, 0.5, 2.0, -0.7};
        double[][] h = AD.hessian(PullbackAndJacobianTest::rosenbrock, x);
        int n = x.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double e = 0;
                if (i == j) {
                    e = (i > 0 ? 200 : 0) + (i < n - 1 ? 1200 * x[i] * x[i] - 400 * x[i + 1] + 2 : 0);
                } else if (j == i + 1) {
                    e = -400 * x[i];
                } else if (i == j + 1) {
                    e = -400 * x[j];
                }
                assertEquals(e, h[i][j], 1e-10 * Math.max(1, Math.abs(e)), "H[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void the_seed_sine_twice() {
        // the Taylor series of sin to x^11: its second derivative at 1 is -sin(1) to the series' accuracy
        MultivariateFunction f = v -> dev.adjoint.reverse.TaylorSine.sine(v[0]);
        assertEquals(-Math.sin(1.0), AD.hessian(f, new double[] {1.0})[0][0], 1e-7);
    }

    @Test
    void hessian_vector_products_without_the_hessian() {
        double[] x = {-1.2, 1.0, 0.5, 2.0, -0.7};
        double[] v = {0.3, -1.0, 2.0, 0.5, 1.5};
        double[][] h = AD.hessian(PullbackAndJacobianTest::rosenbrock, x);
        double[] hv = AD.hvp(PullbackAndJacobianTest::rosenbrock, x, v);
        for (int i = 0; i < x.length; i++) {
            double e = 0;
            for (int j = 0; j < x.length; j++) {
                e += h[i][j] * v[j];
            }
            assertEquals(e, hv[i], 1e-10 * Math.max(1, Math.abs(e)));
        }
    }
}
