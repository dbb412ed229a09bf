package dev.adjoint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.testing.Check;

/**
 * A row of a two-dimensional array read per element inside a loop over the rows ({@code rows[c][j]}, GMM's
 * {@code icf[c][l]}) is read once per iteration (ir.RowHoisting) and copied where it is read (plan.Snapshots), so
 * that the inner loops recompute their partials instead of taping them. The same computation is written in several
 * independent shapes (the rows in a field, a local, a parameter; {@code a[j] = a[j] + e} and {@code a[j] += e}),
 * and the hazards are checked: a store into the row, into the outer array or into the local that holds it between
 * reads, rows that are one array with a parameter written between reads, a column read across the rows (the row
 * changes with the loop that reads it, as in a Runge–Kutta step, see RungeKuttaRowsTest), and an index out of bounds
 * that the loop never reaches. Every gradient is checked against central differences.
 */
class RowInLoopTest {

    private static final int K = 3;
    private static final int N = 5;

    /** Σ_c Σ_i Σ_{j>i} (x_i − m_c,i)·q_c,l·x_j, the rows held in fields, as an object model holds them. */
    static final class Model {
        private final double[][] q;
        private final double[][] means;

        Model(double[] p) {
            q = new double[K][];
            means = new double[K][];
            for (int c = 0; c < K; c++) {
                q[c] = Arrays.copyOfRange(p, c * N * 2, c * N * 2 + N * 2);
                means[c] = Arrays.copyOfRange(p, K * N * 2 + c * N, K * N * 2 + (c + 1) * N);
            }
        }

        double value(double[] x) {
            double s = 0;
            for (int c = 0; c < K; c++) {
                double[] y = new double[N];
                int l = 0;
                for (int i = 0; i < N; i++) {
                    double centred = x[i] - means[c][i];
                    for (int j = i + 1; j < N; j++) {
                        y[j] = y[j] + q[c][l] * centred;
                        l++;
                    }
                }
                for (int j = 0; j < N; j++) {
                    s = s + Math.exp(q[c][j + 0]) * y[j] * y[j];
                }
            }
            return s;
        }
    }

    /** The same sum with the rows in a local array of arrays and {@code +=}. */
    static double localRows(double[] p, double[] x) {
        double[][] q = new double[K][];
        double[][] means = new double[K][];
        for (int c = 0; c < K; c++) {
            q[c] = Arrays.copyOfRange(p, c * N * 2, c * N * 2 + N * 2);
            means[c] = Arrays.copyOfRange(p, K * N * 2 + c * N, K * N * 2 + (c + 1) * N);
        }
        double s = 0;
        for (int c = 0; c < K; c++) {
            double[] y = new double[N];
            int l = 0;
            for (int i = 0; i < N; i++) {
                for (int j = i + 1; j < N; j++) {
                    y[j] += q[c][l++] * (x[i] - means[c][i]);
                }
            }
            for (int j = 0; j < N; j++) {
                s += Math.exp(q[c][j]) * y[j] * y[j];
            }
        }
        return s;
    }

    /** The same sum over rows passed as parameters, with its loops written as {@code while}. */
    static double parameterRows(double[][] q, double[][] means, double[] x) {
        double s = 0;
        int c = 0;
        while (c < q.length) {
            double[] y = new double[N];
            int l = 0;
            int i = 0;
            while (i < N) {
                int j = i + 1;
                while (j < N) {
                    y[j] = q[c][l] * (x[i] - means[c][i]) + y[j];
                    l = l + 1;
                    j = j + 1;
                }
                i = i + 1;
            }
            for (int k = 0; k < N; k++) {
                s += Math.exp(q[c][k]) * y[k] * y[k];
            }
            c = c + 1;
        }
        return s;
    }

    /** The rows are written between reads: each row's elements are damped after the first loop reads them. */
    static double rowWrittenBetweenReads(double[][] q, double[] x) {
        double s = 0;
        for (int c = 0; c < q.length; c++) {
            for (int j = 0; j < N; j++) {
                s += q[c][j] * x[j];
            }
            for (int j = 0; j < N; j++) {
                q[c][j] = q[c][j] * 0.5 + x[j] * x[j];
            }
            for (int j = 0; j < N; j++) {
                s += q[c][j] * q[c][j] * x[j];
            }
        }
        return s;
    }

    /** The outer array is written between reads: row c is replaced by the next one halfway through. */
    static double outerWrittenBetweenReads(double[][] q, double[] x) {
        double s = 0;
        for (int c = 0; c < q.length - 1; c++) {
            for (int j = 0; j < N; j++) {
                s += q[c][j] * x[j];
            }
            q[c] = q[c + 1];
            for (int j = 0; j < N; j++) {
                s += q[c][j] * q[c][j] * x[j];
            }
        }
        return s;
    }

    /** The local holding the rows is assigned between reads: row c of {@code q}, then row c of {@code r}. */
    static double outerLocalAssignedBetweenReads(double[][] q, double[][] r, double[] x) {
        double s = 0;
        double[][] rows = q;
        for (int c = 0; c < q.length; c++) {
            for (int j = 0; j < N; j++) {
                s += rows[c][j] * x[j];
            }
            rows = c % 2 == 0 ? r : q;
            for (int j = 0; j < N; j++) {
                s += rows[c][j] * rows[c][j] * x[j];
            }
        }
        return s;
    }

    /**
     * Each pass reads a column of the rows: {@code rows[l][j]} over {@code l} with {@code j} fixed, the shape of a
     * Runge–Kutta step's weighted sum of its stage derivatives. The row read per pass of the loop over {@code l} is
     * another array at every pass.
     */
    static double columnSums(double[][] rows, double[] x) {
        double s = 0;
        for (int j = 0; j < x.length; j++) {
            double sum = 0;
            for (int l = 0; l < rows.length; l++) {
                sum += x[l] * rows[l][j];
            }
            s += sum * sum;
        }
        return s;
    }

    /**
     * The rows and {@code w} are one array: writing {@code w} writes the row of this pass between its reads (the row
     * copied per pass must not be copied when it is an array the method writes through a parameter).
     */
    static double aliasedRowWrittenBetweenReads(double[][] q, double[] w, double[] x) {
        double s = 0;
        for (int c = 0; c < q.length; c++) {
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    s += q[c][j] * x[i] * x[j];
                }
                w[i] = w[i] * 0.5 + x[i];
                for (int j = 0; j < N; j++) {
                    s += q[c][j] * q[c][i] * x[j];
                }
            }
        }
        return s;
    }

    /** On odd passes the row read per pass is a scratch array the nest writes between its reads. */
    static double scratchAsRow(double[][] q, double[] x) {
        double s = 0;
        double[] scratch = new double[N];
        for (int c = 0; c < q.length; c++) {
            double[] row = c % 2 == 0 ? q[c] : scratch;
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    s += row[j] * x[i] * x[j];
                }
                scratch[i] = x[i] * (c + 1) + row[i];
            }
        }
        return s;
    }

    /** Reads row c of {@code q} for every c below {@code k}, {@code n} elements each. */
    static double rowsUpTo(double[][] q, double[] x, int k, int n) {
        double s = 0;
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < n; j++) {
                s += q[c][j] * x[j];
            }
        }
        return s;
    }

    /** Σ_c Σ_i Σ_j r_c,j·x_i·x_j over rows passed as a parameter: every partial can be recomputed from copies. */
    static double rowProducts(double[][] rows, double[] x) {
        double s = 0;
        for (int c = 0; c < rows.length; c++) {
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    s += rows[c][j] * x[i] * x[j];
                }
            }
        }
        return s;
    }

    /** The same sum as an instance method over rows held in a field, accumulated into a scratch array. */
    static final class Products {
        private final double[][] rows;

        Products(double[][] rows) {
            this.rows = rows;
        }

        double value(double[] x) {
            double[] partial = new double[x.length];
            for (int c = 0; c < rows.length; c++) {
                for (int i = 0; i < x.length; i++) {
                    for (int j = 0; j < x.length; j++) {
                        partial[i] = partial[i] + rows[c][j] * x[i] * x[j];
                    }
                }
            }
            double s = 0;
            for (double e : partial) {
                s += e;
            }
            return s;
        }
    }

    /**
     * Explicit steps of the heat equation on an n × n grid, two grids swapped after every step: the rows above and
     * below ({@code u[i - 1][j]}, {@code u[i + 1][j]}) and the neighbours in a row ({@code u[i][j - 1]}) are read in
     * the loop over {@code j} inside the loop over {@code i}. Returns Σ u² plus a weighted corner term.
     */
    static double heat(double[] p, int n, int steps) {
        double[][] u = new double[n][n];
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                u[i][j] = p[(i * n + j) % p.length];
            }
        }
        for (int t = 0; t < steps; t++) {
            for (int i = 1; i < n - 1; i++) {
                for (int j = 1; j < n - 1; j++) {
                    v[i][j] = u[i][j] + 0.2 * (u[i - 1][j] + u[i + 1][j] + u[i][j - 1] + u[i][j + 1]
                            - 4 * u[i][j]) * u[i - 1][j + 1];
                }
            }
            double[][] swap = u;
            u = v;
            v = swap;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s += u[i][j] * u[i][j];
            }
        }
        return s;
    }

    /** Σ_i Σ_j (A·B)_ij · w_ij with A and B in rows: {@code b[k][j]} is a column walked across B's rows. */
    static double product(double[][] a, double[][] b, double[] w) {
        int n = a.length;
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double c = 0;
                for (int k = 0; k < n; k++) {
                    c += a[i][k] * b[k][j];
                }
                s += c * w[i * n + j];
            }
        }
        return s;
    }

    /** Reads rows c − 1 and c + 1 of {@code q} for c from {@code from} below {@code k}, {@code n} elements each. */
    static double neighbourRows(double[][] q, double[] x, int from, int k, int n) {
        double s = 0;
        for (int c = from; c < k; c++) {
            for (int j = 0; j < n; j++) {
                s += q[c - 1][j] * x[j] + q[c + 1][n - 1 - j];
            }
        }
        return s;
    }

    private static double[] point(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.3 + 0.25 * Math.sin(1.3 * i);
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

    private static final int PARAMETERS = K * N * 3 + N;

    private static double[] x(double[] p) {
        return Arrays.copyOfRange(p, K * N * 3, PARAMETERS);
    }

    @Test
    void rows_of_a_field_read_in_a_loop_over_them_give_the_right_gradient() {
        Check.gradient(p -> new Model(p).value(x(p)), point(PARAMETERS), 1e-6);
    }

    @Test
    void rows_of_a_local_read_with_compound_assignments_give_the_right_gradient() {
        Check.gradient(p -> localRows(p, x(p)), point(PARAMETERS), 1e-6);
    }

    @Test
    void rows_of_a_parameter_read_in_while_loops_give_the_right_gradient() {
        Check.gradient(p -> parameterRows(rows(p, 0, K, 2 * N), rows(p, 2 * K * N, K, N), x(p)),
                point(PARAMETERS), 1e-6);
    }

    private static final int ROWS = 4;
    private static final int LENGTH = 20;

    @Test
    void rows_of_a_parameter_read_in_a_nest_are_copied_instead_of_taping_their_partials() {
        Check.gradient(p -> rowProducts(rows(p, 0, ROWS, LENGTH), Arrays.copyOfRange(p, ROWS * LENGTH, p.length)),
                point(ROWS * LENGTH + LENGTH), 1e-6);
        // taped, the three partials of 1,600 products would take 38,400 bytes; copied, the rows and x take 800
        assertTapeBelow(8_000);
    }

    @Test
    void rows_of_a_field_read_in_a_nest_are_copied_instead_of_taping_their_partials() {
        Check.gradient(p -> new Products(rows(p, 0, ROWS, LENGTH)).value(Arrays.copyOfRange(p, ROWS * LENGTH,
                p.length)), point(ROWS * LENGTH + LENGTH), 1e-6);
        assertTapeBelow(8_000);
    }

    private static void assertTapeBelow(long bytes) {
        long taped = AD.lastTapeBytes();
        assertTrue(taped < bytes, "tape " + taped + " bytes");
    }

    @Test
    void the_three_shapes_compute_the_same_value() {
        double[] p = point(PARAMETERS);
        double expected = new Model(p).value(x(p));
        assertEquals(expected, localRows(p, x(p)), 1e-12 * Math.abs(expected));
        assertEquals(expected, parameterRows(rows(p, 0, K, 2 * N), rows(p, 2 * K * N, K, N), x(p)),
                1e-12 * Math.abs(expected));
    }

    @Test
    void a_row_written_between_its_reads_gives_the_right_gradient() {
        Check.gradient(p -> rowWrittenBetweenReads(rows(p, 0, K, N), Arrays.copyOfRange(p, K * N, K * N + N)),
                point(K * N + N), 1e-6);
    }

    @Test
    void an_outer_array_written_between_reads_of_its_row_gives_the_right_gradient() {
        Check.gradient(p -> outerWrittenBetweenReads(rows(p, 0, K, N), Arrays.copyOfRange(p, K * N, K * N + N)),
                point(K * N + N), 1e-6);
    }

    @Test
    void a_scratch_array_that_becomes_the_row_and_is_written_between_reads_gives_the_right_gradient() {
        Check.gradient(p -> scratchAsRow(rows(p, 0, K, N), Arrays.copyOfRange(p, K * N, K * N + N)),
                point(K * N + N), 1e-6);
    }

    @Test
    void an_outer_local_assigned_between_reads_of_its_row_gives_the_right_gradient() {
        Check.gradient(p -> outerLocalAssignedBetweenReads(rows(p, 0, K, N), rows(p, K * N, K, N),
                Arrays.copyOfRange(p, 2 * K * N, 2 * K * N + N)), point(2 * K * N + N), 1e-6);
    }

    @Test
    void a_column_read_across_the_rows_gives_the_right_gradient() {
        Check.gradient(p -> columnSums(rows(p, 0, K, N), Arrays.copyOfRange(p, K * N, K * N + K)),
                point(K * N + K), 1e-6);
    }

    @Test
    void rows_that_are_one_array_written_through_a_parameter_between_reads_give_the_right_gradient() {
        Check.gradient(p -> {
            double[] row = Arrays.copyOf(p, N);
            return aliasedRowWrittenBetweenReads(new double[][] {row, row, row}, row, Arrays.copyOfRange(p, N, 2 * N));
        }, point(2 * N), 1e-6);
    }

    @Test
    void rows_not_written_between_reads_beside_a_parameter_that_is_are_copied() {
        Check.gradient(p -> aliasedRowWrittenBetweenReads(rows(p, 0, K, N), new double[N],
                Arrays.copyOfRange(p, K * N, K * N + N)), point(K * N + N), 1e-6);
        // taped, the partials of the 150 products take about 3 KB
        assertTapeBelow(2_000);
    }

    @Test
    void a_row_out_of_bounds_that_no_element_read_reaches_is_not_read() {
        double[] g = AD.gradient(p -> rowsUpTo(rows(p, 0, 1, N), p, 4, 0), point(N));
        assertEquals(0, Arrays.stream(g).map(Math::abs).sum());
    }

    @Test
    void a_row_out_of_bounds_that_an_element_read_reaches_throws_as_the_method_does() {
        assertThrows(ArrayIndexOutOfBoundsException.class,
                () -> AD.gradient(p -> rowsUpTo(rows(p, 0, 1, N), p, 2, N), point(N)));
    }

    @Test
    void a_missing_outer_array_throws_as_the_method_does() {
        assertThrows(NullPointerException.class, () -> AD.gradient(p -> rowsUpTo(null, p, 1, N), point(N)));
    }

    private static final int GRID = 8;

    @Test
    void neighbouring_rows_of_a_stencil_give_the_right_gradient_and_are_read_once_per_row() {
        Check.gradient(p -> heat(p, GRID, 5), point(GRID * GRID), 1e-6);
        // read per element, the rows above and below and the neighbours' row are taped for their shadows at every
        // point: 14,324 bytes; read once per row, 11,212
        assertTapeBelow(12_500);
    }

    @Test
    void a_column_walked_across_the_rows_gives_the_right_gradient() {
        int n = 5;
        Check.gradient(p -> product(rows(p, 0, n, n), rows(p, n * n, n, n), Arrays.copyOfRange(p, 2 * n * n,
                3 * n * n)), point(3 * n * n), 1e-6);
        // B's rows read once per product as a column is walked, each through the hoisted read's branches, and A's
        // row not copied: 9,568 bytes; B's rows read where they are used and A's row copied per i: 2,560
        assertTapeBelow(5_000);
    }

    @Test
    void neighbouring_rows_out_of_bounds_that_no_element_read_reaches_are_not_read() {
        double[] g = AD.gradient(p -> neighbourRows(rows(p, 0, 2, N), p, 0, 3, 0), point(3 * N));
        assertEquals(0, Arrays.stream(g).map(Math::abs).sum());
        Check.gradient(p -> neighbourRows(rows(p, 0, 3, N), p, 1, 2, N), point(3 * N), 1e-6);
    }

    @Test
    void a_neighbouring_row_out_of_bounds_that_an_element_read_reaches_throws_as_the_method_does() {
        assertThrows(ArrayIndexOutOfBoundsException.class,
                () -> AD.gradient(p -> neighbourRows(rows(p, 0, 3, N), p, 0, 2, N), point(3 * N)));
        assertThrows(ArrayIndexOutOfBoundsException.class,
                () -> AD.gradient(p -> neighbourRows(rows(p, 0, 3, N), p, 1, 3, N), point(3 * N)));
    }
}
