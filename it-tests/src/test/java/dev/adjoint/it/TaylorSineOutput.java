package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import dev.adjoint.it.harness.Launch;
import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.Project;

/** What the seed example prints at x = 1, whichever JVM runs it. */
final class TaylorSineOutput {

    static final String MAIN = "dev.adjoint.examples.sine.TaylorSine";

    /** d/dx of the series to x^11/11! at 1, summed in the order the example sums it. */
    static final double GRADIENT_AT_ONE = 0.5403023037918872;

    private static final String GRADIENT_PREFIX = "gradient (reverse mode) = ";

    private TaylorSineOutput() {
    }

    /** @return the seed example with nothing but the examples jar on the class path */
    static Launch launch() {
        return Launch.of(MAIN).classPath(Project.examplesJar());
    }

    /**
     * Asserts that the run printed i=1 to i=11, each once (the function body runs once even though it is
     * differentiated), then the gradient, then cos(1), and nothing on standard error.
     *
     * @return the gradient
     */
    static double assertElevenLinesAndTheGradient(Outcome o) {
        o.assertSucceeded();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            expected.add("i=" + i);
        }
        List<String> lines = o.stdoutLines();
        assertEquals(13, lines.size(), o::describe);
        assertEquals(expected, lines.subList(0, 11), o::describe);
        assertTrue(lines.get(11).startsWith(GRADIENT_PREFIX), o::describe);
        double g = Double.parseDouble(lines.get(11).substring(GRADIENT_PREFIX.length()));
        assertEquals(GRADIENT_AT_ONE, g, 0.0, o::describe);
        assertEquals(Math.cos(1), g, 1e-8, o::describe);
        assertEquals("cos(1.0)            = " + Math.cos(1), lines.get(12), o::describe);
        assertEquals("", o.stderr(), o::describe);
        return g;
    }
}
