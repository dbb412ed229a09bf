package dev.adjoint.reverse;

import static dev.adjoint.testing.Check.analytic;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.Differentiable;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.ScalarFunction;

class LambdaTest {

    private final double offset = 0.25;

    static final class Cubic implements ScalarFunction {
        private final double a;

        Cubic(double a) {
            this.a = a;
        }

        @Override
        public double apply(double x) {
            return a * x * x * x;
        }
    }

    static final class Model implements Differentiable {
        double weight = 3;

        double predict(double x) {
            return weight * Math.tanh(x);
        }
    }

    @Test
    void references_to_jdk_methods() {
        analytic(Math::sin, 0.3, Math.cos(0.3), 1e-15);
        analytic(Math::exp, 1.5, Math.exp(1.5), 1e-15);
        analytic(StrictMath::cbrt, 8.0, 1.0 / 12, 1e-15);
    }

    @Test
    void lambdas_capture_locals_and_this() {
        double k = 2.5;
        int n = 3;
        double[] table = {1, 2, 3};
        analytic(x -> k * Math.pow(x, n) + table[1] * x + offset * x, 1.2,
                k * 3 * 1.2 * 1.2 + 2 + offset, 1e-14);
    }

    @Test
    void instances_of_named_classes_implementing_the_interface() {
        analytic(new Cubic(2), 1.5, 6 * 1.5 * 1.5, 1e-14);
    }

    @Test
    void bound_method_references_on_differentiable_objects() {
        Model m = new Model();
        ScalarFunction f = m::predict;
        double t = Math.tanh(0.4);
        analytic(f, 0.4, 3 * (1 - t * t), 1e-14);
    }

    @Test
    void multivariate_lambdas_with_captures() {
        double[] w = {1, -2, 0.5};
        MultivariateFunction f = x -> {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += w[i] * x[i] * x[i];
            }
            return s;
        };
        double[] x = {0.5, 1.5, -2};
        assertArrayEquals(new double[] {2 * w[0] * x[0], 2 * w[1] * x[1], 2 * w[2] * x[2]}, AD.gradient(f, x),
                1e-14);
    }

    @Test
    void the_same_function_differentiated_repeatedly_gives_the_same_answer() {
        ScalarFunction f = x -> Math.log(1 + x * x);
        double first = AD.gradient(f, 0.7);
        for (int i = 0; i < 1000; i++) {
            assertEquals(first, AD.gradient(f, 0.7));
        }
        assertEquals(2 * 0.7 / (1 + 0.49), first, 1e-15);
    }
}
