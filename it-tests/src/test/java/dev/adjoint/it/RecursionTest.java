package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.adjoint.it.harness.Execution;
import dev.adjoint.it.harness.FiniteDifferences;
import dev.adjoint.it.harness.Launch;
import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.TestPrograms;

/** Deep recursion is differentiated on the stack a JVM gives its main thread by default. */
class RecursionTest {

    static final int DEPTH = 2000;
    static final double X = 0.7;

    @ParameterizedTest
    @EnumSource(Execution.class)
    void recursion_two_thousand_frames_deep_is_differentiated_on_the_default_stack(Execution execution) {
        Outcome o = Launch.of("Recursion").classPath(TestPrograms.jar("recursion")).jvmOptions(execution.options())
                .args(Integer.toString(DEPTH), Double.toString(X)).run().assertSucceeded();
        double expected = chainRule(X, DEPTH);
        assertEquals(expected, FiniteDifferences.derivative(x -> r(x, DEPTH), X), 1e-8, "the oracle itself");
        assertEquals(expected, o.number("gradient"), 1e-14, o::describe);
    }

    /** Recursion.r, unrolled: r_0 = x, r_n = sin(r_{n-1}) + x / 2000. */
    static double r(double x, int n) {
        double r = x;
        for (int i = 1; i <= n; i++) {
            r = Math.sin(r) + x / 2000;
        }
        return r;
    }

    /** dr_n/dx = cos(r_{n-1}) dr_{n-1}/dx + 1/2000, forward along the unrolled recursion. */
    static double chainRule(double x, int n) {
        double r = x;
        double d = 1;
        for (int i = 1; i <= n; i++) {
            d = Math.cos(r) * d + 1.0 / 2000;
            r = Math.sin(r) + x / 2000;
        }
        return d;
    }
}
