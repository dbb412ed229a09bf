package dev.adjoint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code ad bench table1} on a tiny configuration: the harness, not the machine's speed. */
class Table1CommandTest {

    /**
     * The primal's primitive operations by hand, per sequence and time step, at width n, alphabet a, batch B:
     * each LSTM unit row adds the bias and input column (1) and n products and sums (2n), for 4n rows; each unit
     * then takes 3 sigmoids (4 operations: negation, exp, addition, division), a tanh, the cell update (3) and
     * tanh and product (2); Dense takes 2n per output; softmax per output a subtraction, exp, addition, division
     * and a max (5, and one max fewer); the cross-entropy a log and a subtraction per sequence, a division per
     * step, and the loss a sum per step and a division at the end.
     */
    private static long primitiveOps(int depth, int n, int length, int batch) {
        int a = LstmOverhead.ALPHABET;
        long firstLayer = 4L * n * (1 + 2 * n) + n * (3 * 4 + 1 + 3 + 2);
        long deeperLayer = 4L * n * (2 * n + 2 * n) + n * (3 * 4 + 1 + 3 + 2);
        long dense = (long) a * 2 * n;
        long softmax = 5L * a - 1;
        long perSequence = firstLayer + (depth - 1) * deeperLayer + dense + softmax + 2;
        return length * (batch * perSequence + 1 + 1) + 1;
    }

    @Test
    void the_primitive_operations_counted_are_those_of_the_network_by_hand() {
        for (int depth = 1; depth <= 2; depth++) {
            for (int batch : new int[] {1, 3}) {
                LstmOverhead.Settings tiny = new LstmOverhead.Settings(3, 2, new int[] {batch, batch + 1}, 0, 0.001,
                        1, false);
                long counted = LstmOverhead.measure(depth, tiny).points().get(0).primitiveOps();
                assertEquals(primitiveOps(depth, 3, 2, batch), counted, "depth " + depth + ", batch " + batch);
            }
        }
    }

    @Test
    void a_line_through_exact_points_is_found_again() {
        double[] fit = LstmOverhead.fit(new double[] {1, 2, 4, 8}, new double[] {5, 7, 11, 19});
        assertEquals(3.0, fit[0], 1e-12);
        assertEquals(2.0, fit[1], 1e-12);
        assertEquals(0.0, fit[2], 1e-12);
        assertEquals(0.0, fit[3], 1e-12);
    }

    @Test
    void the_fit_reports_the_standard_errors_of_its_intercept_and_slope() {
        // residuals -1/2, 1, -1/2 about y = 1/2 + x/2: variance 3/2 over one degree of freedom
        double[] fit = LstmOverhead.fit(new double[] {0, 1, 2}, new double[] {0, 2, 1});
        assertEquals(0.5, fit[0], 1e-12);
        assertEquals(0.5, fit[1], 1e-12);
        assertEquals(Math.sqrt(1.5 * (1.0 / 3 + 1.0 / 2)), fit[2], 1e-12);
        assertEquals(Math.sqrt(1.5 / 2), fit[3], 1e-12);
    }

    @Test
    void a_tiny_configuration_prints_a_positive_overhead_at_every_point_and_a_row_per_depth_beside_zygotes() {
        Ad ad = Ad.run("bench", "table1", "--depths", "1,2", "--width", "12", "--length", "3", "--batches", "1,8",
                "--warmup", "0.3", "--time", "0.3");

        assertEquals(0, ad.exitCode, ad::describe);
        List<String> points = ad.out.lines().filter(l -> l.startsWith("  depth ")).toList();
        assertEquals(4, points.size(), ad::describe);
        for (String point : points) {
            double ratio = Double.parseDouble(point.replaceAll(".*us \\((.*) x\\).*", "$1"));
            assertTrue(ratio > 1, "a gradient costs more than its primal: " + point);
        }
        List<String> rows = ad.out.lines().filter(l -> l.matches("\\s+[12] \\|.*")).toList();
        assertEquals(2, rows.size(), ad::describe);
        assertTrue(rows.get(0).contains("576.3 ns") && rows.get(1).contains("571.3 ns"), ad::describe);
        for (String row : rows) {
            // the sign of a fit over two short measurements is left to the machine's load; its size is not
            double perPrimitive = Double.parseDouble(row.split("\\|")[1].trim().split(" ")[0]);
            assertTrue(Math.abs(perPrimitive) < 100_000, "per primitive op: " + row);
        }
    }

    @Test
    void one_batch_size_cannot_make_a_line() {
        Ad ad = Ad.run("bench", "table1", "--batches", "4,4");
        assertEquals(ExitCode.USAGE, ad.exitCode, ad::describe);
        assertTrue(ad.err.startsWith("ad: the line needs at least two different batch sizes"), ad::describe);
    }
}
