package dev.adjoint.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.testing.Oracle;

/** Checkpoints trade tape for recomputation and leave gradients unchanged. */
class CheckpointTest {

    private static final int STEPS = 200;

    /** A recurrent cell: the state rotates and squashes; the weights are captured. */
    static double[] cell(double[] w, double[] s, int t) {
        double[] next = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            double a = 0;
            for (int j = 0; j < s.length; j++) {
                a += w[i * s.length + j] * s[j];
            }
            next[i] = Math.tanh(a + 0.01 * t);
        }
        return next;
    }

    static double plain(double[] p) {
        int n = 4;
        double[] w = java.util.Arrays.copyOf(p, n * n);
        double[] s = java.util.Arrays.copyOfRange(p, n * n, n * n + n);
        for (int t = 0; t < STEPS; t++) {
            s = cell(w, s, t);
        }
        double sum = 0;
        for (double v : s) {
            sum += v * v;
        }
        return sum;
    }

    static double checkpointed(double[] p) {
        int n = 4;
        double[] w = java.util.Arrays.copyOf(p, n * n);
        double[] s = java.util.Arrays.copyOfRange(p, n * n, n * n + n);
        for (int t = 0; t < STEPS; t++) {
            int step = t;
            s = AD.checkpoint(state -> cell(w, state, step), s);
        }
        double sum = 0;
        for (double v : s) {
            sum += v * v;
        }
        return sum;
    }

    private static double[] point() {
        double[] p = new double[20];
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < p.length; i++) {
            p[i] = (r.nextDouble() - 0.5) * (i < 16 ? 0.9 : 2);
        }
        return p;
    }

    @Test
    void the_same_gradient_with_less_tape() {
        double[] p = point();
        double[] g = AD.gradient(CheckpointTest::plain, p);
        long plainBytes = AD.lastTapeBytes();
        double[] c = AD.gradient(CheckpointTest::checkpointed, p);
        long checkpointedBytes = AD.lastTapeBytes();
        assertArrayEquals(g, c, 1e-13);
        assertArrayEquals(Oracle.centralGradient(CheckpointTest::plain, p), c, 1e-7);
        assertEquals(plain(p), checkpointed(p), 0);
        // one step's records at a time: well under a tenth
        assertTrue(checkpointedBytes * 10 < plainBytes, checkpointedBytes + " vs " + plainBytes);
    }

    @Test
    void forward_mode_follows_the_checkpointed_segment() {
        double[] p = point();
        double[] v = new double[p.length];
        v[3] = 1;
        v[17] = -0.5;
        MultivariateFunction f = CheckpointTest::checkpointed;
        double[] g = AD.gradient(CheckpointTest::plain, p);
        assertEquals(g[3] - 0.5 * g[17], AD.jvp(f, p, v), 1e-12);
    }
}
