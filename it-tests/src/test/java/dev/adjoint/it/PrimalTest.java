package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.adjoint.it.harness.Execution;
import dev.adjoint.it.harness.Launch;
import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.TestPrograms;

/**
 * {@code AD.valueAndGradient} returns the very bits a direct call returns, before and after the JIT has compiled the
 * function, and the gradient of the function.
 */
class PrimalTest {

    /** The points of src/test/programs/primal/Primal.java, in its order. */
    static final double[][] POINTS = {
        {0.3, -1.2, 0.7, 2.5},
        {1.0, 1.0, 1.0, 1.0},
        {-0.8, 0.45, -2.0, 0.0},
        {2.25, -0.125, 3.5, -1.75},
    };

    static Launch primal() {
        return Launch.of("Primal").classPath(TestPrograms.jar("primal"));
    }

    @ParameterizedTest
    @EnumSource(Execution.class)
    void value_has_the_bits_of_a_direct_call_and_the_gradient_is_the_analytic_one(Execution execution) {
        assertPrimalAndGradient(primal().jvmOptions(execution.options()).run());
    }

    static void assertPrimalAndGradient(Outcome o) {
        o.assertSucceeded();
        for (String phase : new String[] {"point", "warm"}) {
            for (int p = 0; p < POINTS.length; p++) {
                String name = phase + p;
                assertEquals(o.value(name + ".direct"), o.value(name + ".ad"), () -> name + "\n" + o.describe());
                double[] expected = gradient(POINTS[p]);
                assertClose(expected, o.numbers(name + ".gradient"), 1e-13, name + " gradient", o);
                // the program's own central differences check the hand-written gradient, not the engine
                assertClose(expected, o.numbers(name + ".central"), 1e-7, name + " central differences", o);
                assertEquals("true", o.value(name + ".unchanged"), o::describe);
            }
        }
    }

    /** The gradient of Primal.f, by hand. */
    static double[] gradient(double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            g[i] += -400 * x[i] * a - 2 * (1 - x[i]);
            g[i + 1] += 200 * a;
        }
        double e = Math.exp(x[1] / 3);
        double q = 1 + x[1] * x[1];
        g[0] += Math.cos(x[0]) * e + 3 * x[0] * x[0] / q;
        g[1] += Math.sin(x[0]) * e / 3 - Math.pow(x[0], 3) * 2 * x[1] / (q * q);
        g[2] += 2 * x[2] / (1 + x[2] * x[2]);
        g[3] += x[3] / Math.sqrt(x[3] * x[3] + 1);
        return g;
    }

    static void assertClose(double[] expected, double[] actual, double relative, String what, Outcome o) {
        assertEquals(expected.length, actual.length, o::describe);
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        double tolerance = relative * scale;
        assertArrayEquals(expected, actual, tolerance, () -> what + " off by more than " + tolerance + "\n"
                + o.describe());
    }
}
