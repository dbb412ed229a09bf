package dev.adjoint.spark;

import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.adjoint.MultivariateFunction;
import dev.adjoint.ValueAndGradient;

/**
 * Fits a model to the named numeric columns of a {@code Dataset<Row>}: the rows become cached blocks of
 * {@code double[][]} ({@link Blocks}), the objective is the sum of the block loss over them plus an optional
 * regulariser ({@link DistributedObjective}), and {@link Adam} steps on the driver with one Spark job per
 * iteration. Immutable: each setting returns a new fit.
 *
 * <pre>{@code
 * FitResult r = SparkFit.of(points, List.of("x", "y"), (p, block) -> ...)
 *         .iterations(50).learningRate(0.05).run(initial);
 * }</pre>
 */
public final class SparkFit {

    private final Dataset<Row> data;
    private final List<String> columns;
    private final BlockLoss<double[][]> loss;
    private final MultivariateFunction regulariser;
    private final int blockSize;
    private final int iterations;
    private final double learningRate;
    private final FitProgress progress;

    private SparkFit(Dataset<Row> data, List<String> columns, BlockLoss<double[][]> loss,
                     MultivariateFunction regulariser, int blockSize, int iterations, double learningRate,
                     FitProgress progress) {
        this.data = data;
        this.columns = List.copyOf(columns);
        this.loss = loss;
        this.regulariser = regulariser;
        this.blockSize = blockSize;
        this.iterations = iterations;
        this.learningRate = learningRate;
        this.progress = progress;
    }

    /**
     * A fit of {@code loss} to the given columns: 100 iterations of Adam with step 0.01, blocks of
     * {@link Blocks#DEFAULT_SIZE} rows, progress printed to standard error.
     *
     * @param data    the records
     * @param columns the feature columns, in the order {@code loss} reads a row
     * @param loss    the loss of one block of rows
     * @return the fit
     */
    public static SparkFit of(Dataset<Row> data, List<String> columns, BlockLoss<double[][]> loss) {
        return new SparkFit(data, columns, loss, null, Blocks.DEFAULT_SIZE, 100, 0.01, FitProgress.printing());
    }

    /**
     * @param r a function of the parameters added to the objective on the driver
     * @return a new fit
     */
    public SparkFit regulariser(MultivariateFunction r) {
        return new SparkFit(data, columns, loss, r, blockSize, iterations, learningRate, progress);
    }

    /**
     * @param rows rows per block, at least 1
     * @return a new fit
     */
    public SparkFit blockSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("block size must be at least 1, got " + rows);
        }
        return new SparkFit(data, columns, loss, regulariser, rows, iterations, learningRate, progress);
    }

    /**
     * @param n optimizer steps, at least 1
     * @return a new fit
     */
    public SparkFit iterations(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, got " + n);
        }
        return new SparkFit(data, columns, loss, regulariser, blockSize, n, learningRate, progress);
    }

    /**
     * @param rate Adam's step size, positive
     * @return a new fit
     */
    public SparkFit learningRate(double rate) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + rate);
        }
        return new SparkFit(data, columns, loss, regulariser, blockSize, iterations, rate, progress);
    }

    /**
     * @param p told after every iteration
     * @return a new fit
     */
    public SparkFit progress(FitProgress p) {
        return new SparkFit(data, columns, loss, regulariser, blockSize, iterations, learningRate, p);
    }

    /**
     * Runs the fit: blocks the data (one job that caches them), then one gradient job and one Adam step per iteration. The blocks
     * are released at the end.
     *
     * @param initial the starting parameters (not modified)
     * @return the fitted parameters and the loss at the start of every iteration
     */
    public FitResult run(double[] initial) {
        JavaRDD<double[][]> blocks = Blocks.of(data, columns, blockSize);
        try {
            blocks.count(); // build and cache the blocks now, so the first iteration times only a gradient
            DistributedObjective<double[][]> objective = DistributedObjective.of(blocks, loss);
            if (regulariser != null) {
                objective = objective.withRegulariser(regulariser);
            }
            double[] parameters = initial.clone();
            double[] losses = new double[iterations];
            Adam adam = new Adam(learningRate);
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                ValueAndGradient vg = objective.valueAndGradient(parameters);
                adam.step(parameters, vg.gradient());
                losses[i] = vg.value();
                progress.iteration(i + 1, vg.value(), norm(vg.gradient()), (System.nanoTime() - start) / 1e9);
            }
            return new FitResult(parameters, losses);
        } finally {
            blocks.unpersist(false);
        }
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }
}
