package dev.adjoint.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.testing.Check;

/**
 * An array held in a local that is stored once before a loop nest (a row of a matrix, a slice made with
 * {@code Arrays.copyOfRange}, a field read into a local) is copied after its store, like a short array parameter on
 * entry, and the nest's partials are recomputed from the copy (plan.Snapshots). The hazards are checked too: a
 * callee or an alias that could write the array before the nest reads it stops the copy, and a caller that
 * overwrites the array after the method returns does not reach the copy. Every case is checked against central
 * differences.
 */
class NestSnapshotTest {

    /** v·(Σ x) over a nest, v a local stored once: a row of {@code rows}. */
    static double rowNest(double[] x, double[][] rows) {
        double[] v = rows[0];
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < v.length; j++) {
                s += v[j] * x[i] * x[j];
            }
        }
        return s;
    }

    /** The rows are slices of the input, and the caller overwrites them after each call. */
    static double slicedRounds(double[] p, int n) {
        double[][] rows = {Arrays.copyOfRange(p, 0, n)};
        double[] x = Arrays.copyOfRange(p, n, 2 * n);
        double s = 0;
        for (int round = 0; round < 3; round++) {
            s += rowNest(x, rows);
            for (int j = 0; j < n; j++) {
                rows[0][j] = Math.sin(rows[0][j] * (round + 2));
            }
        }
        return s;
    }

    /** The same nest with a call between the store and the nest that scales the row it holds. */
    static double calleeWrites(double[] x, double[][] rows) {
        double[] v = rows[0];
        scale(rows, 1.5);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < v.length; j++) {
                s += v[j] * x[i];
            }
        }
        return s;
    }

    static void scale(double[][] rows, double by) {
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= by;
            }
        }
    }

    /** The nest writes the row it reads through another local holding the same array. */
    static double aliasWrites(double[] x, double[][] rows) {
        double[] v = rows[0];
        double[] w = rows[0];
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < v.length; j++) {
                s += v[j] * x[i];
                w[j] = w[j] * 0.5 + x[i];
            }
        }
        return s;
    }

    /** The nest writes, through the local it allocated it in, the array another local holds (through a field). */
    static double ownArrayAliased(double[] x) {
        Holder holder = new Holder();
        double[] a = new double[x.length];
        holder.array = a;
        double[] v = holder.array;
        for (int k = 0; k < x.length; k++) {
            a[k] = x[k];
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                s += v[j] * x[i];
                a[j] = a[j] * 0.5 + x[i];
            }
        }
        return s;
    }

    /** An object that holds an array. */
    static final class Holder {
        double[] array;
    }

    private static double[] point(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.2 + 0.4 * Math.cos(0.9 * i);
        }
        return x;
    }

    private static double[][] rowsOf(double[] p, int n) {
        return new double[][] {Arrays.copyOfRange(p, 0, n)};
    }

    @Test
    void a_sliced_row_overwritten_after_each_call_gives_the_right_gradient() {
        Check.gradient(p -> slicedRounds(p, 6), point(12), 1e-6);
    }

    @Test
    void a_row_stored_once_before_the_nest_is_copied_instead_of_taping_its_partials() {
        int n = 30;
        Check.gradient(p -> rowNest(Arrays.copyOfRange(p, n, 2 * n), rowsOf(p, n)), point(2 * n), 1e-6);
        long bytes = AD.lastTapeBytes();
        // taped, the nest's three partials would take 24 bytes per product, 900 products: 21,600 bytes; copied,
        // the row and the slice of x take 480 bytes
        assertTrue(bytes < 8_000, "tape " + bytes + " bytes");
    }

    @Test
    void a_row_a_callee_scales_before_the_nest_gives_the_right_gradient() {
        Check.gradient(p -> calleeWrites(Arrays.copyOfRange(p, 5, 10), rowsOf(p, 5)), point(10), 1e-6);
    }

    @Test
    void an_array_the_method_allocated_and_writes_under_another_name_gives_the_right_gradient() {
        Check.gradient(NestSnapshotTest::ownArrayAliased, point(6), 1e-6);
    }

    @Test
    void a_row_written_through_an_alias_inside_the_nest_gives_the_right_gradient() {
        Check.gradient(p -> aliasWrites(Arrays.copyOfRange(p, 5, 10), rowsOf(p, 5)), point(10), 1e-6);
    }
}
