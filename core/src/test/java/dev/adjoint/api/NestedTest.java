package dev.adjoint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.NotDifferentiableException;
import dev.adjoint.ScalarFunction;

/** AD inside differentiated code: derivatives of derivatives, without perturbation confusion. */
class NestedTest {

    @Test
    void the_issue_example_forward_over_reverse() {
        // d/dx [x · d/dy (x·y)] = d/dx x² = 2x
        for (double x : new double[] {0.5, 1.0, -2.0}) {
            ScalarFunction f = v -> v * AD.gradient(y -> v * y, 1.0);
            assertEquals(x * x, f.apply(x), 1e-15);
            assertEquals(2 * x, AD.derivative(f, x), 1e-14, "at " + x);
        }
    }

    @Test
    void the_issue_example_forward_over_forward() {
        for (double x : new double[] {0.5, 1.0, -2.0}) {
            ScalarFunction f = v -> v * AD.derivative(y -> v * y, 1.0);
            assertEquals(2 * x, AD.derivative(f, x), 1e-14, "at " + x);
        }
    }

    @Test
    void the_classic_confusion_test() {
        // Siskind and Pearlmutter: D(x -> x · D(y -> x + y)(1))(1) is 1; confusing the perturbations gives 2
        ScalarFunction f = x -> x * AD.gradient(y -> x + y, 1.0);
        assertEquals(1.0, AD.derivative(f, 1.0), 0);
        ScalarFunction g = x -> x * AD.derivative(y -> x + y, 1.0);
        assertEquals(1.0, AD.derivative(g, 1.0), 0);
    }

    @Test
    void a_nested_derivative_of_a_nonlinear_inner_function() {
        // f(x) = d/dy [sin(x y) y] at y = 2 = cos(2x) 2x + sin(2x); f'(x) = -4x sin(2x) + 4 cos(2x)
        ScalarFunction f = x -> AD.gradient(y -> Math.sin(x * y) * y, 2.0);
        double x = 0.3;
        assertEquals(Math.cos(2 * x) * 2 * x + Math.sin(2 * x), f.apply(x), 1e-14);
        assertEquals(-4 * x * Math.sin(2 * x) + 4 * Math.cos(2 * x), AD.derivative(f, x), 1e-13);
    }

    @Test
    void reverse_over_reverse_is_refused_with_advice() {
        ScalarFunction f = v -> v * AD.gradient(y -> v * y, 1.0);
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class, () -> AD.gradient(f, 1.0));
        assertTrue(e.getMessage().contains("AD.derivative"), e.getMessage());
    }
}
