package dev.adjoint.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.ScalarFunction;
import dev.adjoint.internal.bytecode.Lambdas;

/** Lambdas and method references created inside differentiated code, in every mode. */
class InnerLambdaTest {

    private double scale = 1.5;

    private static double twice(DoubleUnaryOperator f, double x) {
        return f.applyAsDouble(f.applyAsDouble(x));
    }

    private double scaled(double y) {
        return scale * y * y;
    }

    /** All three modes against the analytic derivative; the second derivative against differences of the first. */
    private static void check(ScalarFunction f, double x, double expected) {
        assertEquals(expected, AD.gradient(f, x), 1e-12 * Math.max(1, Math.abs(expected)), "reverse");
        assertEquals(expected, AD.derivative(f, x), 1e-12 * Math.max(1, Math.abs(expected)), "forward");
        double h = 1e-5;
        double fd = (AD.gradient(f, x + h) - AD.gradient(f, x - h)) / (2 * h);
        double second = AD.hessian(v -> f.apply(v[0]), new double[] {x})[0][0];
        assertEquals(fd, second, 1e-5 * Math.max(1, Math.abs(fd)), "second order");
    }

    @Test
    void a_lambda_that_captures_a_value_with_a_derivative() {
        // g(y) = y x, so f(x) = g(2) = 2x
        check(x -> {
            DoubleUnaryOperator g = y -> y * x;
            return g.applyAsDouble(2);
        }, 0.7, 2);
    }

    @Test
    void captured_values_and_arguments_both_carry_derivatives() {
        // f(x) = twice(y -> y sin x, x) = x sin²x
        double x = 0.9;
        check(v -> twice(y -> y * Math.sin(v), v), x,
                Math.sin(x) * Math.sin(x) + 2 * x * Math.sin(x) * Math.cos(x));
    }

    @Test
    void method_references_bound_and_unbound() {
        double x = 1.3;
        check(v -> {
            DoubleUnaryOperator sin = Math::sin;
            DoubleUnaryOperator mine = this::scaled;
            return sin.applyAsDouble(v) + mine.applyAsDouble(v);
        }, x, Math.cos(x) + 2 * scale * x);
    }

    @Test
    void boxed_generic_functions() {
        double x = 0.4;
        check(v -> {
            Function<Double, Double> square = y -> y * y * v;
            BiFunction<Double, Double, Double> add = Double::sum;
            return add.apply(square.apply(v), v);
        }, x, 3 * x * x + 1);
    }

    @Test
    void lambdas_created_in_a_loop_capture_each_iteration() {
        // sum over k of (k + 1) x^2
        double x = 0.6;
        check(v -> {
            List<DoubleUnaryOperator> fs = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                double c = (k + 1) * v;
                fs.add(y -> c * y);
            }
            double s = 0;
            for (DoubleUnaryOperator f : fs) {
                s += f.applyAsDouble(v);
            }
            return s;
        }, x, 2 * 10 * x);
    }

    @Test
    void a_constructor_reference_and_a_supplier() {
        double x = 0.8;
        check(v -> {
            Supplier<double[]> make = () -> new double[] {v, v * v};
            Function<double[], List<double[]>> wrap = List::of;
            return wrap.apply(make.get()).get(0)[1] + v;
        }, x, 2 * x + 1);
    }

    @Test
    void vector_functions_with_an_inner_operator() {
        MultivariateFunction f = w -> {
            DoubleBinaryOperator dot = (a, b) -> a * b * w[2];
            return dot.applyAsDouble(w[0], w[1]);
        };
        assertArrayEquals(new double[] {2 * 5, 3 * 5, 3 * 2}, AD.gradient(f, new double[] {3, 2, 5}), 1e-12);
    }

    @Test
    void a_lambda_handed_to_the_jdk_is_followed_not_dropped() {
        ScalarFunction f = x -> {
            double[] sum = {0};
            List.of(1.0, 2.0).forEach(y -> sum[0] += y * x);
            return sum[0];
        };
        assertEquals(3.0, AD.gradient(f, 1.0), 1e-15);
        assertEquals(3.0, AD.derivative(f, 1.0), 1e-15);
    }

    @Test
    void a_serializable_lambda_from_outside_called_inside() {
        double k = 0.5;
        ScalarFunction outside = y -> Math.sin(y) * k;
        double x = 0.7;
        // d/dx outside(x^2) = cos(x^2) 2x k; k is a constant of the function
        check(v -> outside.apply(v * v) + v, x, Math.cos(x * x) * 2 * x * k + 1);
    }

    private static double callOutside(ScalarFunction g, double v) {
        return g.apply(v);
    }

    @Test
    void one_call_site_reaches_more_serializable_lambdas_from_outside_than_its_inline_cache_holds() {
        // six lambda classes through the one call in callOutside: past the inline cache (four classes), the site
        // looks them up by class, and must still make their entries (found with Spark, whose executors call every
        // loss of a JVM's lifetime through one site)
        List<ScalarFunction> outside = List.of(y -> y * y, y -> Math.sin(y), y -> 3 * y, y -> Math.exp(y),
                y -> y * y * y, y -> Math.cos(y));
        double x = 0.3;
        double[] expected = {2 * x, Math.cos(x), 3, Math.exp(x), 3 * x * x, -Math.sin(x)};
        for (int i = 0; i < outside.size(); i++) {
            ScalarFunction g = outside.get(i);
            assertEquals(expected[i], AD.gradient(v -> callOutside(g, v), x), 1e-12, "lambda " + i);
        }
    }

    @Test
    void a_lambda_from_outside_that_is_not_serializable_is_differentiated() {
        DoubleUnaryOperator outside = y -> y * y * y;
        ScalarFunction f = x -> outside.applyAsDouble(x);
        assertEquals(3 * 4.0, AD.gradient(f, 2.0), 1e-15);
    }
}
