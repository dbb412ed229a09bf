package dev.adjoint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparkFitTest {

    private static SparkSession spark;
    private static Dataset<Row> rows;
    private static double slope;
    private static double intercept;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("SparkFitTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        Random random = new Random(11);
        List<Row> data = new ArrayList<>();
        double[] xs = new double[3000];
        double[] ys = new double[3000];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = 2 * random.nextDouble() - 1;
            ys[i] = 2 * xs[i] + 1 + 0.3 * random.nextGaussian();
            // an id column first, so that the fit must pick its features by name
            data.add(RowFactory.create((long) i, ys[i], (float) 0, xs[i]));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType).add("y", DataTypes.DoubleType)
                .add("unused", DataTypes.FloatType).add("x", DataTypes.DoubleType);
        rows = spark.createDataFrame(data, schema).repartition(3);
        // the least-squares line, in closed form: the oracle
        double mx = mean(xs);
        double my = mean(ys);
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < xs.length; i++) {
            sxy += (xs[i] - mx) * (ys[i] - my);
            sxx += (xs[i] - mx) * (xs[i] - mx);
        }
        slope = sxy / sxx;
        intercept = my - slope * mx;
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Mean squared residual of y ≈ p[0]·x + p[1]; a block's rows are (x, y). */
    private static double squaredResiduals(double[] p, double[][] block) {
        double sum = 0;
        for (double[] row : block) {
            double r = row[1] - p[0] * row[0] - p[1];
            sum += r * r;
        }
        return sum / 3000;
    }

    @Test
    void fitting_named_columns_reaches_the_least_squares_line_and_reports_every_iteration() {
        List<Double> reported = new ArrayList<>();
        FitResult r = SparkFit.of(rows, List.of("x", "y"), SparkFitTest::squaredResiduals)
                .blockSize(500).iterations(60).learningRate(0.15)
                .progress((i, loss, norm, seconds) -> reported.add(loss))
                .run(new double[2]);

        assertEquals(60, reported.size());
        assertEquals(60, r.losses().length);
        assertTrue(r.losses()[59] < 0.2 * r.losses()[0], r.losses()[0] + " -> " + r.losses()[59]);
        // Adam still circles the minimum a little after 60 steps
        assertEquals(slope, r.parameters()[0], 0.05);
        assertEquals(intercept, r.parameters()[1], 0.05);
    }

    @Test
    void a_regulariser_on_the_driver_pulls_the_fit_towards_it() {
        FitResult free = SparkFit.of(rows, List.of("x", "y"), SparkFitTest::squaredResiduals)
                .iterations(15).learningRate(0.1).progress(FitProgress.silent()).run(new double[2]);
        FitResult ridge = SparkFit.of(rows, List.of("x", "y"), SparkFitTest::squaredResiduals)
                .regulariser(p -> 10 * (p[0] * p[0] + p[1] * p[1]))
                .iterations(15).learningRate(0.1).progress(FitProgress.silent()).run(new double[2]);
        assertTrue(Math.abs(ridge.parameters()[0]) < 0.5 * Math.abs(free.parameters()[0]),
                free.parameters()[0] + " vs " + ridge.parameters()[0]);
    }

    @Test
    void an_unknown_column_is_named_in_the_error() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkFit.of(rows, List.of("x", "z"), SparkFitTest::squaredResiduals).run(new double[2]));
        assertTrue(e.getMessage().contains("'z'") && e.getMessage().contains("[id, y, unused, x]"), e.getMessage());
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }
}
