package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;

import dev.adjoint.it.harness.Launch;
import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.TestPrograms;

/**
 * Gradients computed by four threads that start together on a cold engine, so that they race to generate the same
 * derivative code, equal those computed one after the other, bit for bit, and the analytic ones.
 */
class ConcurrencyTest {

    static final int THREADS = 4;
    static final int POINTS = 40;

    // a race shows up only sometimes: a few JVMs, each cold
    @RepeatedTest(3)
    void four_threads_starting_together_get_the_bits_of_sequential_gradients(RepetitionInfo repetition) {
        Outcome o = Launch.of("Concurrent").classPath(TestPrograms.jar("concurrency")).run().assertSucceeded();
        assertEquals("0", o.value("failures"), o::describe);
        for (int t = 0; t < THREADS; t++) {
            double a = 1 + t * 0.25;
            for (int k = 0; k < POINTS; k++) {
                double x = -2 + k * 0.1;
                String scalar = t + "." + (2 * k);
                String vector = t + "." + (2 * k + 1);
                assertEquals(o.value("s." + scalar), o.value("c." + scalar), () -> "thread " + scalar + "\n"
                        + o.describe());
                assertEquals(o.value("s." + vector), o.value("c." + vector), () -> "thread " + vector + "\n"
                        + o.describe());
                // d/dx a x sin(x) + exp(-a x^2)
                double df = a * (Math.sin(x) + x * Math.cos(x)) - 2 * a * x * Math.exp(-a * x * x);
                assertEquals(df, o.bits("s." + scalar), 1e-13 * Math.max(1, Math.abs(df)), o::describe);
                // d/dv1 of v0^2 cos(v1) + v1^2 cos(v2) at v = (x, a, x a)
                double dg = -x * x * Math.sin(a) + 2 * a * Math.cos(x * a);
                assertEquals(dg, o.bits("s." + vector), 1e-13 * Math.max(1, Math.abs(dg)), o::describe);
            }
        }
    }
}
