package dev.adjoint.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.Pullback;
import dev.adjoint.testing.Oracle;

/**
 * Partials computed from the gradient's input are recomputed by the pullback instead of taped, when nothing writes
 * the input; a function that does write it gets a fully taped recording. Either way the gradient is the same.
 */
class RematerializationTest {

    private static double helper(double[] v, int i) {
        return Math.sin(v[i]) * v[i + 1];
    }

    /** Reads its input directly and through a helper, and never writes it. */
    static double reader(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            s += 100 * a * a + helper(x, i) + Math.exp(x[i] * 0.1);
        }
        return s;
    }

    /** Reads an element, overwrites it, reads it again: recomputing from the array would see the new value. */
    static double writer(double[] x) {
        double before = x[0] * x[1];
        x[0] = x[0] * 3 + x[2];
        return before * x[0] + x[0] * x[1];
    }

    /**
     * Shaped like one LSTM step: a tree that tapes its partials only when an array it reads is not the gradient's
     * input (here never), then one that tapes a partial always. A first loop of n mod 4 steps shifts where in the
     * stack the iterations fall, so that over n = 4000 to 4003 some iteration meets the end of the stack at every
     * offset.
     */
    static double stepLike(double[] x) {
        int n = x.length;
        double[] cell = new double[n];
        double[] hidden = new double[n];
        double s = 0;
        for (int i = 0; i < n % 4; i++) {
            s = s * s * 0.1 + x[i];
        }
        for (int i = 0; i < n; i++) {
            cell[i] = Math.sin(x[i]) + 0.5;
        }
        for (int i = 0; i < n; i++) {
            double gate = Math.tanh(x[i] * cell[i]);
            hidden[i] = gate * Math.tanh(cell[i]);
            s += hidden[i] * x[(i + 1) % n];
        }
        return s;
    }

    /** Runs on a new thread, whose tape starts at its initial size rather than at what earlier tests grew it to. */
    private static double[] onAFreshThread(java.util.function.Supplier<double[]> gradient) {
        double[][] out = new double[1][];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                out[0] = gradient.get();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        if (failure[0] != null) {
            throw new AssertionError("the gradient failed", failure[0]);
        }
        return out[0];
    }

    @Test
    void partials_taped_only_on_the_rare_path_never_overrun_the_stack() {
        for (int n = 4000; n < 4004; n++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = Math.cos(0.37 * i);
            }
            double[] g = onAFreshThread(() -> AD.gradient(RematerializationTest::stepLike, x));
            double[] expected = Oracle.centralGradient(RematerializationTest::stepLike, x);
            for (int i = 0; i < n; i += 37) {
                org.junit.jupiter.api.Assertions.assertEquals(expected[i], g[i], 1e-6 * Math.max(1, Math.abs(g[i])),
                        "n = " + n + ", component " + i);
            }
        }
    }

    @Test
    void a_reader_tapes_no_partials_and_agrees_with_differences() {
        double[] x = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.3 + 0.001 * i;
        }
        double[] g = AD.gradient(RematerializationTest::reader, x);
        long bytes = AD.lastTapeBytes();
        // taped, the partials would be 5 doubles (40 bytes) per element; what remains is the helper calls' frames
        // (an array reference and an index, 8 bytes per call)
        assertTrue(bytes < 16L * x.length, "tape " + bytes + " bytes");
        double[] small = java.util.Arrays.copyOf(x, 12);
        assertArrayEquals(Oracle.centralGradient(RematerializationTest::reader, small),
                AD.gradient(RematerializationTest::reader, small), 1e-6);
        assertTrue(Double.isFinite(g[500]));
    }

    @Test
    void a_writer_of_its_input_gets_the_right_gradient() {
        double[] x = {0.5, -1.25, 2.0};
        // f = x0 x1 (3 x0 + x2) + (3 x0 + x2) x1
        double x0 = x[0];
        double x1 = x[1];
        double x2 = x[2];
        double[] expected = {x1 * (3 * x0 + x2) + 3 * x0 * x1 + 3 * x1, x0 * (3 * x0 + x2) + 3 * x0 + x2,
            x0 * x1 + x1};
        assertArrayEquals(expected, AD.gradient(RematerializationTest::writer, x), 1e-12);
        assertArrayEquals(new double[] {0.5, -1.25, 2.0}, x, 0);
    }

    @Test
    void a_pullback_recomputes_the_same_partials_every_time() {
        double[] x = {0.2, 0.9, -0.4, 1.1};
        Pullback back = AD.pullback(RematerializationTest::reader, x);
        double[] first = back.apply(1.0);
        assertArrayEquals(first, back.apply(1.0), 0);
        assertArrayEquals(Oracle.centralGradient(RematerializationTest::reader, x), first, 1e-6);
    }

    /** Writes its argument inside a try that catches everything. */
    static double catchesAll(double[] x) {
        double s = x[0] * x[1];
        try {
            x[1] = 2 * x[1];
        } catch (RuntimeException e) {
            return -1; // never taken: the write is made on the copy of the second recording
        }
        return s + x[1] * x[1];
    }

    @Test
    void a_writer_that_catches_everything_still_gets_the_right_gradient() {
        double[] x = {1.5, -0.5};
        // f = x0 x1 + 4 x1²
        assertArrayEquals(new double[] {x[1], x[0] + 8 * x[1]}, AD.gradient(RematerializationTest::catchesAll, x),
                1e-12);
        assertArrayEquals(new double[] {1.5, -0.5}, x, 0);
        org.junit.jupiter.api.Assertions.assertEquals(catchesAll(new double[] {1.5, -0.5}),
                AD.valueAndGradient(RematerializationTest::catchesAll, x).value(), 0);
    }

    @Test
    void a_pullback_does_not_see_later_changes_to_the_callers_array() {
        double[] x = {0.2, 0.9, -0.4, 1.1};
        Pullback back = AD.pullback(RematerializationTest::reader, x);
        double[] expected = AD.gradient(RematerializationTest::reader, x);
        java.util.Arrays.fill(x, 3.0);
        assertArrayEquals(expected, back.apply(1.0), 0);
    }
}
