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

    /**
     * GMM's Q·v as a helper returns it: into an array of its own, reading the packed triangle with {@code l++}
     * inside the product. Neither shape stops the copies any more.
     */
    static double[] packedTimes(double[] packed, double[] v) {
        int d = v.length;
        double[] out = new double[d];
        int l = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                out[j] += packed[l++] * v[i];
            }
        }
        return out;
    }

    /** Calls {@link #packedTimes} on a scratch vector it overwrites each round; x holds the triangle, then more. */
    static double packedRounds(double[] x, int n) {
        double[] scratch = new double[n];
        double s = 0;
        for (int round = 0; round < 3; round++) {
            for (int j = 0; j < n; j++) {
                scratch[j] = Math.sin(x[j] + round);
            }
            for (double o : packedTimes(x, scratch)) {
                s += o * o;
            }
        }
        return s;
    }

    /** The product written into a new array or, on request, into v itself: v must then not be copied. */
    static double[] maybeInPlace(double[] packed, double[] v, boolean inPlace) {
        double[] out = inPlace ? v : new double[v.length];
        int l = 0;
        for (int i = 0; i < v.length; i++) {
            for (int j = i + 1; j < v.length; j++) {
                out[j] += packed[l++] * v[i];
            }
        }
        return out;
    }

    /** The index's increment is seen by a handler, which must see it where the primal made it. */
    static double caughtIndex(double[] x) {
        double s = 0;
        int l = 0;
        try {
            while (true) {
                s += x[l++] * x[0];
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            s += l * x[1];
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
    void a_helper_that_returns_its_own_array_and_reads_with_a_post_increment_gives_the_right_gradient() {
        agrees(p -> packedRounds(p, 8), point(30), 1e-6);
    }

    @Test
    void a_helper_that_returns_its_own_array_recomputes_its_partials_from_copies() {
        agrees(p -> packedRounds(p, 20), point(190), 1e-6);
        long bytes = AD.lastTapeBytes();
        // taped, the product's two partials and its index would take 20 bytes per product, 190 a round: over
        // 11,000 bytes; copied, the scratch vector takes 160 bytes a round
        assertTrue(bytes < 3_000, "tape " + bytes + " bytes");
    }

    @Test
    void a_product_written_into_the_vector_it_reads_through_a_local_gives_the_right_gradient() {
        agrees(p -> {
            double s = 0;
            for (double o : maybeInPlace(p, java.util.Arrays.copyOf(p, 5), true)) {
                s += o * o;
            }
            return s;
        }, point(10), 1e-6);
    }

    @Test
    void a_handler_sees_a_post_increment_where_the_primal_made_it() {
        agrees(SnapshotTest::caughtIndex, point(5), 1e-6);
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
