package dev.adjoint.reverse;

import static dev.adjoint.testing.Check.analytic;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.subjects.Fields;
import dev.adjoint.subjects.Vectors;
import dev.adjoint.testing.Oracle;

class FieldsAndArraysTest {

    @ParameterizedTest
    @ValueSource(doubles = {-0.6, 0.4, 1.8})
    void static_fields_written_and_read(double x) {
        analytic(Fields::staticFields, x, 2 * (2 * x + Math.cos(x)) + 1.5, 1e-14);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.6, 1.8})
    void a_static_field_overwritten_with_a_constant_forgets_its_derivative(double x) {
        analytic(Fields::staticOverwrite, x, 5, 1e-14);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 0.9})
    void instance_fields_updated_by_methods(double x) {
        // state = x, small = 2x; step twice: state = state^2 + small
        float small = (float) (x * 2);
        double s1 = x * x + small;
        double ds1 = 2 * x + 2;
        double s2 = s1 * s1 + small;
        double ds2 = 2 * s1 * ds1 + 2;
        analytic(Fields::instanceFields, x, ds2 + 2, 1e-6);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 10, 100})
    void rosenbrock_gradient_is_analytic(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.5 + 0.1 * Math.sin(i);
        }
        double[] expected = new double[n];
        for (int i = 0; i < n - 1; i++) {
            double t = x[i + 1] - x[i] * x[i];
            expected[i] += -400 * x[i] * t - 2 * (1 - x[i]);
            expected[i + 1] += 200 * t;
        }
        double[] before = x.clone();
        double[] g = AD.gradient(Vectors::rosenbrock, x);
        assertArrayEquals(expected, g, 1e-12);
        assertArrayEquals(before, x, 0.0, "the input is not modified");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void array_reads_through_helpers_agree_with_central_differences(int variant) {
        double[] x = {0.5, -1.5, 2.0, 0.25};
        MultivariateFunction f = variant == 0 ? Vectors::viaHelper : Vectors::softmaxLoss;
        double[] g = AD.gradient(f, x);
        assertArrayEquals(Oracle.centralGradient(f::apply, x), g, 1e-6);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 3.0})
    void constant_indices(double v) {
        double[] x = {v, 2 * v, 3, v * v};
        double[] g = AD.gradient(Vectors::dot, x);
        assertArrayEquals(new double[] {x[1], x[0], 2 * x[2], -1}, g, 1e-14);
    }
}
