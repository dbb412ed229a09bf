package dev.adjoint.inline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.testing.PreparationNotes;

/**
 * Which calls are inlined before differentiating and which keep their companions (ir.Inlining), as the listing
 * shows them, each with its gradient checked against the analytic one: small static, private and final methods are
 * inlined, a method a subclass may override behind a guard on the receiver's class; a method with a loop and
 * recursion are not.
 */
class InliningDecisionsTest {

    static double square(double x) {
        return x * x;
    }

    static double sumOfSquares(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += square(x[i]);
        }
        return s;
    }

    static double norm2(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s;
    }

    static double withLoopingHelper(double[] x) {
        return 3 * norm2(x);
    }

    /** A class a subclass may extend: its method is chosen at run time. */
    static class Scale {
        double apply(double x) {
            return 2 * x;
        }
    }

    static final class Triple extends Scale {
        @Override
        double apply(double x) {
            return 3 * x;
        }
    }

    static double overridable(Scale s, double[] x) {
        return s.apply(x[0]) * x[1];
    }

    static double throughSubclass(double[] x) {
        return overridable(new Triple(), x);
    }

    static double factorialLike(double x, int n) {
        return n == 0 ? 1 : x * factorialLike(x, n - 1);
    }

    static double power(double[] x) {
        return factorialLike(x[0], 5);
    }

    /** More than {@code Inlining.MAX_CALLER} instructions: 640 calls of {@link #square}. */
    static double longSum(double[] x) {
        double s = 0;
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        s += square(x[0]) + square(x[1]) + square(x[0]) + square(x[1]);
        return s;
    }

    @Test
    void a_small_static_helper_in_a_loop_is_inlined_and_the_gradient_is_twice_the_input() throws Exception {
        assertTrue(notes("sumOfSquares", "([D)D").contains("inlined dev/adjoint/inline/InliningDecisionsTest.square(D)D"));
        double[] g = AD.gradient(InliningDecisionsTest::sumOfSquares, new double[] {1.5, -2});
        assertEquals(3.0, g[0], 1e-15);
        assertEquals(-4.0, g[1], 1e-15);
    }

    @Test
    void a_helper_with_a_loop_keeps_its_call() throws Exception {
        assertFalse(notes("withLoopingHelper", "([D)D").contains("inlined"));
        double[] g = AD.gradient(InliningDecisionsTest::withLoopingHelper, new double[] {1.5, -2});
        assertEquals(9.0, g[0], 1e-15);
        assertEquals(-12.0, g[1], 1e-15);
    }

    @Test
    void a_method_a_subclass_overrides_is_inlined_behind_a_guard_and_the_subclass_method_runs() throws Exception {
        assertTrue(notes("overridable", "(Ldev/adjoint/inline/InliningDecisionsTest$Scale;[D)D")
                .contains("apply(D)D, guarded: receiver of class dev/adjoint/inline/InliningDecisionsTest$Scale"));
        double[] g = AD.gradient(InliningDecisionsTest::throughSubclass, new double[] {1.5, -2});
        assertEquals(3 * -2.0, g[0], 1e-15);
        assertEquals(3 * 1.5, g[1], 1e-15);
    }

    @Test
    void recursion_keeps_its_calls() throws Exception {
        assertFalse(notes("factorialLike", "(DI)D").contains("inlined"));
        double g = AD.gradient(InliningDecisionsTest::power, new double[] {1.5})[0];
        assertEquals(5 * Math.pow(1.5, 4), g, 1e-12);
    }

    @Test
    void a_method_of_thousands_of_instructions_keeps_its_calls_and_its_gradient_is_right() throws Exception {
        assertFalse(notes("longSum", "([D)D").contains("inlined"));
        double[] g = AD.gradient(InliningDecisionsTest::longSum, new double[] {1.5, -2});
        assertEquals(320 * 2 * 1.5, g[0], 1e-12);
        assertEquals(320 * 2 * -2.0, g[1], 1e-12);
    }

    private static String notes(String name, String desc) throws Exception {
        return PreparationNotes.of(InliningDecisionsTest.class, name, desc);
    }
}
