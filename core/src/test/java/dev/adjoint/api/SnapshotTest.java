package dev.adjoint.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.Pullback;
import dev.adjoint.testing.Check;
import dev.adjoint.testing.Oracle;

/**
 * A method that reads a short array parameter in nested loops and never writes it gets a copy of it on entry, and
 * its pullback recomputes the partials from the copy instead of popping one per read (plan.Snapshots).
 * The caller may overwrite the array afterwards, as ADBench's GMM does with its scratch vectors; the copy is not
 * taken when the array is one the method writes through another parameter, or too long, and then the partials are
 * taped. Every case is checked against central differences.
 */
class SnapshotTest {

    /** out[j] += lower[l] · v[i] over the strict lower triangle, column by column, as GMM's Q·x. */
    static void lowerTimes(double[] lower, double[] v, double[] out) {
        int n = v.length;
        for (int i = 0; i < n; i++) {
            out[i] = v[i] * v[i];
        }
        int l = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                out[j] += lower[l] * v[i] * Math.sin(v[j]);
                l++;
            }
        }
    }

    /**
     * Fills one scratch vector from x per round, multiplies, and overwrites the scratch for the next round. The
     * triangle is x itself when it is long enough (then nothing in the inner loop needs taping), else built from x.
     */
    static double rounds(double[] x, int n) {
        double[] scratch = new double[n];
        double[] out = new double[n];
        double[] lower = x;
        if (x.length < n * (n - 1) / 2) {
            lower = new double[n * (n - 1) / 2];
            for (int k = 0; k < lower.length; k++) {
                lower[k] = x[k % x.length] * 0.5;
            }
        }
        double s = 0;
        for (int round = 0; round < 3; round++) {
            for (int j = 0; j < n; j++) {
                scratch[j] = x[(j + round) % x.length] + 0.1 * round;
            }
            lowerTimes(lower, scratch, out);
            for (double o : out) {
                s += o * o;
            }
        }
        return s;
    }

    /** The same product written into the vector it reads: the copy must not be taken. */
    static double inPlace(double[] x) {
        double[] v = x.clone();
        double[] lower = new double[v.length * (v.length - 1) / 2];
        java.util.Arrays.fill(lower, 0.75);
        lowerTimes(lower, v, v);
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return s;
    }

    /** The product runs out of lower-triangle entries part of the way through, and the caller catches that. */
    static double stopsHalfway(double[] x) {
        int n = x.length;
        double[] scratch = new double[n];
        double[] out = new double[n];
        double[] lower = new double[n]; // shorter than the n (n - 1) / 2 entries the product reads
        for (int k = 0; k < lower.length; k++) {
            lower[k] = 0.3 * x[k];
        }
        double s = 0;
        for (int round = 0; round < 2; round++) {
            for (int j = 0; j < n; j++) {
                scratch[j] = x[j] * (round + 1);
            }
            try {
                lowerTimes(lower, scratch, out);
            } catch (ArrayIndexOutOfBoundsException e) {
                s += 1;
            }
            for (double o : out) {
                s += o * o;
            }
        }
        return s;
    }

    private static double[] point(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.1 + 0.5 * Math.sin(0.7 * i);
        }
        return x;
    }

    private static void agrees(MultivariateFunction f, double[] x, double tolerance) {
        Check.gradient(f, x, tolerance);
    }

    @Test
    void a_scratch_vector_overwritten_after_the_call_gives_the_right_gradient() {
        agrees(p -> rounds(p, 7), point(7), 1e-6);
    }

    @Test
    void the_copy_replaces_the_partials_read_in_the_inner_loop() {
        agrees(p -> rounds(p, 20), point(190), 1e-6); // x is the triangle of a 20 x 20 matrix
        long bytes = AD.lastTapeBytes();
        // taped, the inner loop's partials would be 2 doubles per product: 190 products a round, 9,120 bytes in
        // all; the copies are 20 doubles a round
        assertTrue(bytes < 3_000, "tape " + bytes + " bytes");
    }

    @Test
    void a_vector_longer_than_the_limit_is_taped_and_gives_the_right_gradient() {
        agrees(p -> rounds(p, 140), point(5), 1e-4);
    }

    @Test
    void a_vector_the_method_writes_through_another_parameter_is_not_copied() {
        agrees(SnapshotTest::inPlace, point(6), 1e-6);
    }

    @Test
    void an_exception_that_leaves_the_copying_method_is_reversed_with_its_copy() {
        agrees(SnapshotTest::stopsHalfway, point(6), 1e-6);
    }

    @Test
    void a_hessian_through_a_copying_method_matches_differences_of_its_gradient() {
        Check.hessian(p -> rounds(p, 6), point(6));
    }

    @Test
    void a_pullback_applied_twice_recomputes_from_the_same_copies() {
        double[] x = point(7);
        MultivariateFunction f = p -> rounds(p, 9);
        Pullback back = AD.pullback(f, x);
        double[] first = back.apply(2.0);
        assertArrayEquals(first, back.apply(2.0), 0);
        double[] expected = Oracle.centralGradient(f::apply, x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(2 * expected[i], first[i], 1e-5 * Math.max(1, Math.abs(expected[i])));
        }
    }
}
