package dev.adjoint.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.testing.Check;

/**
 * A {@code double} local set in the block before the loop that reads it (GMM's {@code centred = x[i] - m[i]} before
 * {@code for (j ...) y[j] += q[l] * centred}) is computed again in the pullback from what it was computed from
 * (plan.Rematerialization), when that is unchanged on every path from its store to the read, instead of taping the
 * partial that reads it at every pass of the loop. The hazards: an index local that moves on after the store, in the
 * loop that reads the local or right after the store. Every gradient is checked against central differences.
 */
class StoredLocalRecomputeTest {

    private static final int K = 3;
    private static final int N = 10;

    /** Σ_c Σ_i Σ_{j>i} q_c,l·(x_i − m_c,i)·x_j, with q's rows a parameter, as GMM's product by Q. */
    static double centredProducts(double[][] q, double[][] m, double[] x) {
        double s = 0;
        for (int c = 0; c < q.length; c++) {
            int l = 0;
            for (int i = 0; i < N; i++) {
                double centred = x[i] - m[c][i];
                for (int j = i + 1; j < N; j++) {
                    s += q[c][l] * centred * x[j];
                    l++;
                }
            }
        }
        return s;
    }

    /** Σ_i Σ_j p_j·p_k·p_k, with k moving on at every product: the local read in the loop is p_k of the pass before. */
    static double indexMovingInTheLoop(double[] p, int n) {
        double s = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            double v = p[k] * p[k];
            for (int j = 0; j < n; j++) {
                s += p[j] * v;
                k = (k + 1) % n;
            }
        }
        return s;
    }

    /** The same products with k moved on right after the local is set. */
    static double indexMovingAfterTheStore(double[] p, int n) {
        double s = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            double v = p[k] * p[k];
            k = (k + 3) % 7; // not a whole cycle of the n indices, so that p_k of the next pass sums to another value
            for (int j = 0; j < n; j++) {
                s += p[j] * v;
            }
        }
        return s;
    }

    private static double[] point(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.4 + 0.3 * Math.cos(0.9 * i);
        }
        return x;
    }

    private static double[][] rows(double[] p, int from, int k, int n) {
        double[][] out = new double[k][];
        for (int c = 0; c < k; c++) {
            out[c] = Arrays.copyOfRange(p, from + c * n, from + (c + 1) * n);
        }
        return out;
    }

    private static final int Q = N * (N - 1) / 2;

    @Test
    void a_local_set_before_the_loop_that_reads_it_is_computed_again_instead_of_taped() {
        Check.gradient(p -> centredProducts(rows(p, 0, K, Q), rows(p, K * Q, K, N),
                Arrays.copyOfRange(p, K * Q + K * N, K * Q + K * N + N)), point(K * Q + K * N + N), 1e-6);
        // with the partials that read centred taped: 3,668 bytes; computed again: 1,812
        assertTapeBelow(2_500);
    }

    @Test
    void a_local_whose_index_moves_on_in_the_loop_that_reads_it_gives_the_right_gradient() {
        Check.gradient(p -> indexMovingInTheLoop(p, N), point(N), 1e-6);
    }

    @Test
    void a_local_whose_index_moves_on_after_its_store_gives_the_right_gradient() {
        Check.gradient(p -> indexMovingAfterTheStore(p, N), point(N), 1e-6);
    }

    private static void assertTapeBelow(long bytes) {
        long taped = AD.lastTapeBytes();
        assertTrue(taped < bytes, "tape " + taped + " bytes");
    }
}
