package dev.adjoint.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.subjects.Singular;

/**
 * In the chain rule a zero factor makes a product zero, even times one that is infinite or NaN, in reverse mode as in
 * forward mode: where an intermediate's partial is infinite on a path that a zero weight, a clamp or a zero step cuts
 * off from the result, the gradient is that of the result, not NaN, and both modes agree. The oracles are the
 * derivatives worked out by hand at those points (where each function is locally constant along the coordinate, or
 * smooth).
 */
class ZeroAdjointTest {

    @Test
    void a_root_of_zero_times_a_zero_weight_contributes_nothing() {
        double[] x = {0.5, 0, 0};
        // d/dx1 of x0 + sqrt(x1) * 0 is 0 (the function is constant in x1); d/dx2 is sqrt(0)
        assertArrayEquals(new double[] {1, 0, 0}, AD.gradient(Singular::weightedRoot, x), 0);
    }

    @Test
    void a_root_of_zero_that_a_max_ignores_contributes_nothing() {
        assertArrayEquals(new double[] {0, 0}, AD.gradient(Singular::clippedRoot, new double[] {0, 0.5}), 0);
    }

    @Test
    void steps_that_shrink_to_zero_give_the_gradient_of_the_smooth_parts_in_both_modes() {
        double[] x = {1.0, 1.0, 1.75};
        // at d = 0: length d = |d| d and arc d^2 have derivative 0, x has 1; at d = 0.75: 2|d| + 2 arc(d) d + 1
        // where arc = asin(min(1, |d| + 1)) = asin(1) = pi/2, whose partial is infinite but whose min is constant
        double d = 0.75;
        double[] expected = {1, 1, 2 * d + 2 * (Math.PI / 2) * d + 1};
        assertArrayEquals(expected, AD.gradient(Singular::shrinkingSteps, x), 1e-14);
        for (int i = 0; i < x.length; i++) {
            double[] direction = new double[x.length];
            direction[i] = 1;
            assertEquals(expected[i], AD.jvp(Singular::shrinkingSteps, x, direction), 1e-14);
        }
    }

    @Test
    void an_infinite_partial_with_an_adjoint_that_is_not_zero_stays_infinite() {
        assertEquals(Double.POSITIVE_INFINITY, AD.gradient(x -> Math.sqrt(x[0]), new double[] {0})[0]);
    }

    @Test
    void an_arccosine_of_a_clamped_cosine_has_gradient_zero_where_the_clamp_holds_in_both_modes() {
        double[] x = {1, 0.6};
        assertArrayEquals(new double[] {0, 0}, AD.gradient(Singular::clampedAngle, x), 0);
        assertEquals(0, AD.jvp(Singular::clampedAngle, x, new double[] {1, 1}), 0);
    }

    @Test
    void an_arcsine_at_one_behind_a_zero_factor_contributes_nothing_in_both_modes() {
        double[] x = {0.8, 0};
        assertEquals(0, AD.gradient(Singular::arcsineAtOne, x)[0], 0);
        assertEquals(0, AD.jvp(Singular::arcsineAtOne, x, new double[] {1, 0}), 0);
    }

    /** The convention's price, as docs/limitations.md states it: the chain rule at 0 gives 0, the function has 1. */
    @Test
    void the_root_of_a_cube_at_zero_gets_the_conventional_zero_in_both_modes_and_one_elsewhere() {
        assertEquals(0, AD.gradient(Singular::rootOfCube, new double[] {0})[0], 0);
        assertEquals(0, AD.jvp(Singular::rootOfCube, new double[] {0}, new double[] {1}), 0);
        assertEquals(1, AD.gradient(Singular::rootOfCube, new double[] {0.3})[0], 1e-14);
    }

    /**
     * Where the zero is a product's operand in another statement than the rule whose partial is infinite, the convention
     * does not reach it and reverse mode gives NaN, as docs/limitations.md states (forward mode meets the zero first).
     */
    @Test
    void an_infinite_adjoint_that_meets_a_zero_operand_in_another_statement_gives_nan_as_documented() {
        double[] x = {0.8, 0};
        assertEquals(Double.NaN, AD.gradient(Singular::arcsineAtOneThroughMemory, x)[0]);
        assertEquals(0, AD.jvp(Singular::arcsineAtOneThroughMemory, x, new double[] {1, 0}), 0);
    }
}
