package dev.adjoint.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.testing.Check;

/**
 * The point of {@code for (double[] x : points)}, read in a nest over components, is copied per pass (plan.Snapshots)
 * even though the same pass stores into an array the method allocated and hands to a helper ({@code terms[c] = s},
 * then {@code logSumExp(terms)}, as GMM does): such an array could be the point, so the copy is compared with it where
 * it is taken, and not taken when they are the same. The hazard, that array among the points, must give the right
 * gradient. Every gradient is checked against central differences.
 */
class PointCopyTest {

    private static final int POINTS = 6;
    private static final int N = 8;
    private static final int K = 3;

    /** Σ_x log Σ_c exp(Σ_i Σ_j q_c,j·x_i·x_j), the terms of each point in one scratch array passed to a helper. */
    static double mixture(double[][] points, double[][] q) {
        double total = 0;
        double[] terms = new double[q.length];
        for (double[] x : points) {
            for (int c = 0; c < q.length; c++) {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                    for (int j = 0; j < x.length; j++) {
                        s += q[c][j] * x[i] * x[j];
                    }
                }
                terms[c] = s;
            }
            total += logSumExp(terms);
        }
        return total;
    }

    /** The same sum with the scratch array allocated at every pass, after the point is read. */
    static double mixtureFreshTerms(double[][] points, double[][] q) {
        double total = 0;
        for (double[] x : points) {
            double[] terms = new double[q.length];
            for (int c = 0; c < q.length; c++) {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                    for (int j = 0; j < x.length; j++) {
                        s += q[c][j] * x[i] * x[j];
                    }
                }
                terms[c] = s;
            }
            total += logSumExp(terms);
        }
        return total;
    }

    /**
     * The same sum over the given points and then the scratch array itself: on the last pass the point is the array
     * the pass writes, so each component after the first reads a point changed by the one before.
     */
    static double termsAmongPoints(double[][] given, double[][] q) {
        double total = 0;
        double[] terms = new double[q.length];
        double[][] points = new double[given.length + 1][];
        for (int k = 0; k < given.length; k++) {
            points[k] = given[k];
        }
        points[given.length] = terms;
        for (double[] x : points) {
            for (int c = 0; c < q.length; c++) {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                    for (int j = 0; j < x.length; j++) {
                        s += q[c][j] * x[i] * x[j];
                    }
                }
                terms[c] = 0.1 * s;
            }
            total += logSumExp(terms);
        }
        return total;
    }

    private static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double e : v) {
            max = Math.max(max, e);
        }
        double sum = 0;
        for (double e : v) {
            sum += Math.exp(e - max);
        }
        return Math.log(sum) + max;
    }

    private static double[] point(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.2 + 0.15 * Math.sin(1.7 * i);
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

    @Test
    void points_read_beside_a_scratch_array_handed_to_a_helper_are_copied_instead_of_taping_their_partials() {
        Check.gradient(p -> mixture(rows(p, 0, POINTS, N), rows(p, POINTS * N, K, N)), point(POINTS * N + K * N),
                1e-6);
        // taped, the partials of the 1,152 products that read the points took 30,356 bytes; copied, the tape is 3,240
        assertTapeBelow(8_000);
    }

    @Test
    void points_read_beside_a_scratch_array_allocated_per_pass_are_copied() {
        Check.gradient(p -> mixtureFreshTerms(rows(p, 0, POINTS, N), rows(p, POINTS * N, K, N)),
                point(POINTS * N + K * N), 1e-6);
        assertTapeBelow(8_000);
    }

    @Test
    void a_point_that_is_the_scratch_array_written_between_its_reads_gives_the_right_gradient() {
        // K = N rows, so that the scratch array is as long as a point
        Check.gradient(p -> termsAmongPoints(rows(p, 0, POINTS, N), rows(p, POINTS * N, N, N)),
                point(POINTS * N + N * N), 1e-6);
    }

    private static void assertTapeBelow(long bytes) {
        long taped = AD.lastTapeBytes();
        assertTrue(taped < bytes, "tape " + taped + " bytes");
    }
}
