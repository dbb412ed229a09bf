package dev.adjoint.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.NotDifferentiableException;
import dev.adjoint.testing.Oracle;

/**
 * Lambdas and method references that the JDK created outside the differentiated function, with interfaces that are
 * not {@code Serializable}: their bodies are found through the class that created them and differentiated, in
 * reverse and forward mode; a lambda that receives no values that carry derivatives is simply called.
 */
class OutsideLambdaTest {

    /** A Simpson integrator over a weight function made by the caller, as numerical code is written. */
    static final class Simpson {
        private final DoubleUnaryOperator weight;
        private final int n;

        Simpson(DoubleUnaryOperator weight, int n) {
            this.weight = weight;
            this.n = n;
        }

        double integrate(DoubleUnaryOperator f, double a, double b) {
            double h = (b - a) / n;
            double s = 0;
            for (int i = 0; i <= n; i++) {
                double t = a + i * h;
                double c = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
                s += c * weight.applyAsDouble(t) * f.applyAsDouble(t);
            }
            return s * h / 3;
        }
    }

    private final double scale = 1.5;

    private double scaled(double v) {
        return scale * v * v;
    }

    @Test
    void an_integrand_and_a_weight_made_outside_the_function() {
        Simpson simpson = new Simpson(t -> Math.exp(-t), 64);
        // d/dk ∫₀¹ e^{-t} sin(k t) dt, differentiated through the integrator and both lambdas
        double k = 0.8;
        double expected = Oracle.centralDifference(v -> simpson.integrate(t -> Math.sin(v * t), 0, 1), k);
        assertEquals(expected, AD.gradient(v -> simpson.integrate(t -> Math.sin(v * t), 0, 1), k), 1e-8);
        assertEquals(expected, AD.derivative(v -> simpson.integrate(t -> Math.sin(v * t), 0, 1), k), 1e-8);
        // the integrand made outside too, as a parameter of the integral
        DoubleBinaryOperator kernel = (t, v) -> Math.cos(v * t) * t;
        double upper = 2.0;
        double g = AD.gradient(b -> simpson.integrate(t -> kernel.applyAsDouble(t, 0.5), 0, b), upper);
        // the derivative of the discrete rule, which is the integrand at b up to the rule's error
        assertEquals(Oracle.centralDifference(b -> simpson.integrate(t -> kernel.applyAsDouble(t, 0.5), 0, b), upper),
                g, 1e-8);
        assertEquals(Math.exp(-upper) * Math.cos(0.5 * upper) * upper, g, 1e-6);
    }

    @Test
    void a_lambda_made_outside_that_captures_values() {
        double a = 2.5;
        double[] table = {1, 3};
        DoubleUnaryOperator model = v -> a * v * v + table[1] * v;
        assertEquals(2 * a * 1.2 + 3, AD.gradient(x -> model.applyAsDouble(x), 1.2), 1e-14);
        assertEquals(2 * a * 1.2 + 3, AD.derivative(x -> model.applyAsDouble(x), 1.2), 1e-14);
    }

    @Test
    void method_references_made_outside_bound_and_unbound() {
        DoubleUnaryOperator bound = this::scaled;
        ToDoubleFunction<double[]> norm = OutsideLambdaTest::squaredNorm;
        Function<Double, Double> boxed = v -> v * v * v;
        BiFunction<Double, Double, Double> product = (p, q) -> p * q;
        assertEquals(2 * scale * 3, AD.gradient(x -> bound.applyAsDouble(x), 3.0), 1e-14);
        assertArrayEquals(new double[] {2, 4}, AD.gradient(v -> norm.applyAsDouble(v), new double[] {1, 2}), 1e-15);
        assertEquals(3 * 4.0, AD.gradient(x -> boxed.apply(x), 2.0), 1e-14);
        assertEquals(5.0, AD.gradient(x -> product.apply(x, 5.0), 2.0), 1e-14);
    }

    @Test
    void lambdas_of_one_shape_in_one_class_are_told_apart() {
        DoubleUnaryOperator first = v -> v * v;
        DoubleUnaryOperator second = v -> v * v * v;
        DoubleUnaryOperator third = v -> Math.sin(v);
        assertEquals(4.0, AD.gradient(x -> first.applyAsDouble(x), 2.0), 1e-15);
        assertEquals(12.0, AD.gradient(x -> second.applyAsDouble(x), 2.0), 1e-15);
        assertEquals(Math.cos(2.0), AD.gradient(x -> third.applyAsDouble(x), 2.0), 1e-15);
        assertEquals(4.0 + 12.0, AD.gradient(x -> first.applyAsDouble(x) + second.applyAsDouble(x), 2.0), 1e-14);
    }

    /** A point of the caller's, built through a constructor reference. */
    static final class Point {
        final double x;
        final double y;

        Point(double x, double y) {
            this.x = x;
            this.y = y;
        }

        double squaredLength() {
            return x * x + y * y;
        }
    }

    @Test
    void a_constructor_reference_made_outside_builds_the_object_the_gradient_flows_through() {
        BiFunction<Double, Double, Point> make = Point::new;
        double x = 0.7;
        assertEquals(2 * x, AD.gradient(v -> make.apply(v, 2.0).squaredLength(), x), 1e-15);
        assertEquals(2 * x, AD.derivative(v -> make.apply(v, 2.0).squaredLength(), x), 1e-15);
    }

    @Test
    void method_references_made_outside_that_box_unbox_or_widen_are_called_as_the_jdk_calls_them() {
        Function<Double, Double> sine = Math::sin;
        ToDoubleFunction<Double> unboxed = Double::doubleValue;
        IntToDoubleFunction root = Math::sqrt;
        Supplier<double[]> weights = () -> new double[] {1, 2, 3};
        double x = 0.7;
        double expected = Math.cos(x) + 1 + root.applyAsDouble(4) * 2;
        assertEquals(expected, AD.gradient(v -> sine.apply(v) + unboxed.applyAsDouble(v)
                + root.applyAsDouble(4) * weights.get()[1] * v, x), 1e-15);
        assertEquals(expected, AD.derivative(v -> sine.apply(v) + unboxed.applyAsDouble(v)
                + root.applyAsDouble(4) * weights.get()[1] * v, x), 1e-15);
    }

    /** Combined by the JDK's {@code andThen} when the class initialises, outside any gradient. */
    static final DoubleUnaryOperator SINE_OF_CUBE = ((DoubleUnaryOperator) t -> t * t * t).andThen(Math::sin);

    @Test
    void a_function_the_jdk_combined_outside_is_refused_naming_the_call_and_the_way_forward() {
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class,
                () -> AD.gradient(x -> SINE_OF_CUBE.applyAsDouble(x), 0.7));
        assertTrue(e.getMessage().contains("a function that the JDK made outside differentiated code"),
                e::getMessage);
        assertTrue(e.className().equals(OutsideLambdaTest.class.getName()), e::getMessage);
        // the way forward the message gives: the same combination, made inside the function
        assertEquals(Math.cos(0.343) * 3 * 0.49, AD.gradient(x -> ((DoubleUnaryOperator) t -> t * t * t)
                .andThen(Math::sin).applyAsDouble(x), 0.7), 1e-15);
    }

    static double squaredNorm(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return s;
    }
}
