package dev.adjoint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The oracle of {@code ad check}, fed gradients written here: the comparison itself must catch wrong ones. */
class GradientCheckTest {

    private static final ToDoubleFunction<double[]> F = x -> Math.sin(x[0]) * x[1] * x[1] + Math.exp(x[0] / 3);

    private static double[] gradient(double[] x) {
        return new double[] {Math.cos(x[0]) * x[1] * x[1] + Math.exp(x[0] / 3) / 3, 2 * Math.sin(x[0]) * x[1]};
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1e3, -2.5, 0, 1e-9, 0.75, 40, 1e6})
    void the_step_is_exact_and_scales_with_the_point(double x) {
        double h = GradientCheck.step(x);
        assertEquals(h, (x + h) - x, 0);
        assertEquals(Math.cbrt(Math.ulp(1.0)) * Math.max(1, Math.abs(x)), h, 1e-3 * h);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2, 0.1, 3})
    void central_differences_agree_with_the_analytic_gradient_to_1e_9(double a) {
        double[] x = {a, 1.5};
        GradientCheck.Difference[] fd = GradientCheck.centralDifferences(F, x);
        double[] g = gradient(x);
        for (int k = 0; k < 2; k++) {
            assertEquals(g[k], fd[k].value, 1e-9 * Math.max(1, Math.abs(g[k])));
        }
    }

    @Test
    void a_right_gradient_passes_and_a_wrong_one_fails_in_its_own_component() {
        double[] x = {0.4, -1.2};
        GradientCheck.Difference[] fd = GradientCheck.centralDifferences(F, x);
        GradientCheck right = new GradientCheck(GradientCheck.DEFAULT_TOLERANCE);
        right.compare(List.of("a", "b"), x, "reverse", gradient(x), fd);
        assertTrue(right.passed());

        double[] wrong = gradient(x);
        wrong[1] *= 1 + 1e-4; // a small error in one term
        GradientCheck check = new GradientCheck(GradientCheck.DEFAULT_TOLERANCE);
        check.compare(List.of("a", "b"), x, "reverse", wrong, fd);
        assertFalse(check.passed());
        assertTrue(check.rows().get(0).ok);
        assertFalse(check.rows().get(1).ok);
        assertEquals(Math.abs(wrong[1] * 1e-4 / (1 + 1e-4)), check.rows().get(1).absoluteError, 1e-9);
    }

    @Test
    void not_a_number_never_passes() {
        double[] x = {0.4, -1.2};
        GradientCheck check = new GradientCheck(1);
        check.compare(List.of("a", "b"), x, "forward", new double[] {Double.NaN, gradient(x)[1]},
                GradientCheck.centralDifferences(F, x));
        assertFalse(check.rows().get(0).ok);
        assertTrue(check.rows().get(1).ok);
    }

    @Test
    void the_tolerance_is_relative_above_one_and_absolute_below() {
        GradientCheck.Difference exact = new GradientCheck.Difference(1000, 0);
        GradientCheck.Difference small = new GradientCheck.Difference(1e-3, 0);
        GradientCheck c = new GradientCheck(1e-6);
        c.compare(List.of("big", "big", "small", "small"), new double[] {0, 0, 0, 0}, "reverse",
                new double[] {1000 + 9e-4, 1000 + 2e-3, 1e-3 + 9e-7, 1e-3 + 2e-6},
                new GradientCheck.Difference[] {exact, exact, small, small});
        assertTrue(c.rows().get(0).ok);
        assertFalse(c.rows().get(1).ok);
        assertTrue(c.rows().get(2).ok);
        assertFalse(c.rows().get(3).ok);
    }

    @Test
    void rounding_noise_of_a_large_function_widens_what_passes() {
        // f = 1e12 + x: the difference quotient is only good to about eps * 1e12 / h
        ToDoubleFunction<double[]> big = x -> 1e12 + x[0];
        double[] x = {0.5};
        GradientCheck.Difference[] fd = GradientCheck.centralDifferences(big, x);
        GradientCheck c = new GradientCheck(1e-6);
        c.compare(List.of("x"), x, "reverse", new double[] {1}, fd);
        assertTrue(c.passed(), () -> "fd " + fd[0].value + " noise " + fd[0].noise);
        // what rounding allows is bounded: a gross error still fails
        GradientCheck gross = new GradientCheck(1e-6);
        gross.compare(List.of("x"), x, "reverse", new double[] {1000}, fd);
        assertFalse(gross.passed(), () -> "fd " + fd[0].value + " noise " + fd[0].noise);
    }

    @Test
    void the_table_has_a_mode_column_only_for_several_modes() {
        double[] x = {0.4, -1.2};
        GradientCheck.Difference[] fd = GradientCheck.centralDifferences(F, x);
        GradientCheck one = new GradientCheck(1e-6);
        one.compare(List.of("a", "b"), x, "reverse", gradient(x), fd);
        assertTrue(print(one).startsWith("  component  at    AD (reverse)"), print(one));
        GradientCheck two = new GradientCheck(1e-6);
        two.compare(List.of("a", "b"), x, "reverse", gradient(x), fd);
        two.compare(List.of("a", "b"), x, "forward", gradient(x), fd);
        assertTrue(print(two).startsWith("  component  at    mode     AD"), print(two));
        assertEquals(5, print(two).split("\n").length);
    }

    private static String print(GradientCheck c) {
        StringWriter w = new StringWriter();
        c.print(new PrintWriter(w, true));
        return w.toString();
    }
}
