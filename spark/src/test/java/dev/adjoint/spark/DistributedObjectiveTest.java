package dev.adjoint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.NotDifferentiableException;
import dev.adjoint.ValueAndGradient;

class DistributedObjectiveTest {

    /** Two worker threads, and four attempts per task as on a cluster, so a retried refusal would show. */
    private static final String MASTER = "local[2,4]";

    private static JavaSparkContext spark;
    private static List<double[][]> blocks;
    private static double[][] points;

    @BeforeAll
    static void start() {
        spark = new JavaSparkContext(new SparkConf().setMaster(MASTER).setAppName("DistributedObjectiveTest")
                .set("spark.ui.enabled", "false"));
        blocks = GmmBlocks.blocks(10_000, 5, 1);
        points = GmmBlocks.all(blocks);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static DistributedObjective<double[][]> gmm() {
        return DistributedObjective.of(spark.parallelize(blocks, 5), GmmBlocks::loss)
                .withRegulariser(GmmBlocks::prior);
    }

    @Test
    void the_distributed_gradient_of_10k_points_in_5_blocks_equals_the_one_jvm_gradient() {
        double[] p = GmmBlocks.start(2);
        ValueAndGradient distributed = gmm().valueAndGradient(p);
        ValueAndGradient whole = AD.valueAndGradient(x -> GmmBlocks.objective(x, points), p);

        assertEquals(whole.value(), distributed.value(), 1e-12 * Math.abs(whole.value()));
        assertEquals(whole.gradient().length, distributed.gradient().length);
        double scale = maxAbs(whole.gradient());
        for (int i = 0; i < p.length; i++) {
            assertEquals(whole.gradient()[i], distributed.gradient()[i], 1e-12 * scale, "component " + i);
        }
    }

    @Test
    void the_distributed_gradient_agrees_with_central_differences() {
        double[] p = GmmBlocks.start(3);
        double[] gradient = gmm().valueAndGradient(p).gradient();
        // a weight, a mean, a log-diagonal and an off-diagonal entry of the inverse covariance factor
        for (int i : new int[] {1, 7, GmmBlocks.K + GmmBlocks.K * GmmBlocks.D + 2, gradient.length - 1}) {
            double h = 1e-5;
            double[] up = p.clone();
            double[] down = p.clone();
            up[i] += h;
            down[i] -= h;
            double central = (GmmBlocks.objective(up, points) - GmmBlocks.objective(down, points)) / (2 * h);
            assertEquals(central, gradient[i], 1e-6 * Math.max(1, Math.abs(central)), "component " + i);
        }
    }

    @Test
    void two_descent_steps_lower_the_loss() {
        DistributedObjective<double[][]> objective = gmm();
        double[] p = GmmBlocks.start(4);
        Adam adam = new Adam(0.01);
        double[] losses = new double[3];
        for (int step = 0; step < 3; step++) {
            ValueAndGradient vg = objective.valueAndGradient(p);
            losses[step] = vg.value();
            adam.step(p, vg.gradient());
        }
        assertTrue(losses[1] < losses[0], "first step: " + losses[0] + " -> " + losses[1]);
        assertTrue(losses[2] < losses[1], "second step: " + losses[1] + " -> " + losses[2]);
        assertEquals(3, objective.jobs());
    }

    @Test
    void a_refusal_inside_a_task_reaches_the_driver_once_with_its_message_intact() {
        List<double[][]> poisoned = new ArrayList<>(blocks);
        double[][] last = poisoned.get(4).clone();
        last[0] = last[0].clone();
        last[0][0] = Poisoned.MARK;
        poisoned.set(4, last);
        double[] p = GmmBlocks.start(5);
        NotDifferentiableException onDriver = assertThrows(NotDifferentiableException.class,
                () -> AD.valueAndGradient(x -> Poisoned.loss(x, last), p));
        Poisoned.attempts = 0;

        DistributedObjective<double[][]> objective = DistributedObjective.of(spark.parallelize(poisoned, 5),
                Poisoned::loss);
        NotDifferentiableException fromTask = assertThrows(NotDifferentiableException.class,
                () -> objective.valueAndGradient(p));

        assertEquals(onDriver.getMessage(), fromTask.getMessage());
        assertEquals(Poisoned.class.getName(), fromTask.className());
        assertTrue(fromTask.getMessage().contains("Poisoned.bitTrick"), fromTask.getMessage());
        assertEquals(1, Poisoned.attempts, "the refusing block was differentiated more than once: Spark retried it");
    }

    @Test
    void a_loss_reads_a_broadcast_value_that_is_fetched_outside_the_differentiated_code() {
        double[] centre = {0.5, -0.5, 1.0};
        Broadcast<double[]> shared = spark.broadcast(centre);
        List<double[][]> small = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            small.add(new double[][] {{b, 1, 2}, {b * 0.5, -1, 0}});
        }
        JavaRDD<double[][]> rdd = spark.parallelize(small, 2);
        SharedBlockLoss<double[][], double[]> loss = (p, block, c) -> {
            double sum = 0;
            for (double[] x : block) {
                for (int j = 0; j < x.length; j++) {
                    double r = x[j] - p[j] - c[j];
                    sum += r * r;
                }
            }
            return sum;
        };
        double[] p = {0.1, 0.2, 0.3};
        double[] gradient = DistributedObjective.of(rdd, shared, loss).valueAndGradient(p).gradient();
        // analytic: -2 Σ (x - p - c)
        for (int j = 0; j < 3; j++) {
            double expected = 0;
            for (double[][] block : small) {
                for (double[] x : block) {
                    expected += -2 * (x[j] - p[j] - centre[j]);
                }
            }
            assertEquals(expected, gradient[j], 1e-12);
        }
    }

    @Test
    void commons_math_conjugate_gradient_reaches_the_least_squares_minimum_through_the_objective() {
        // y ≈ a·x + b over four blocks; the minimum in closed form is the oracle
        List<double[][]> lines = new ArrayList<>();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        for (int b = 0; b < 4; b++) {
            double[][] block = new double[50][];
            for (int i = 0; i < block.length; i++) {
                double x = (b * 50 + i) / 100.0 - 1;
                double y = 3 * x - 0.5 + 0.1 * Math.sin(7 * x);
                block[i] = new double[] {x, y};
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                n++;
            }
            lines.add(block);
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double intercept = (sy - slope * sx) / n;
        DistributedObjective<double[][]> objective = DistributedObjective.of(spark.parallelize(lines, 2),
                (p, block) -> {
                    double sum = 0;
                    for (double[] row : block) {
                        double r = row[1] - p[0] * row[0] - p[1];
                        sum += r * r;
                    }
                    return sum;
                });
        CommonsMathObjective adapter = new CommonsMathObjective(objective);
        PointValuePair optimum = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-12, 1e-12))
                .optimize(new MaxEval(1000), adapter.function(), adapter.gradient(), GoalType.MINIMIZE,
                        new InitialGuess(new double[] {0, 0}));
        assertEquals(slope, optimum.getPoint()[0], 1e-6);
        assertEquals(intercept, optimum.getPoint()[1], 1e-6);
    }

    @Test
    void an_objective_without_blocks_is_an_error() {
        DistributedObjective<double[][]> empty = DistributedObjective.of(spark.parallelize(List.<double[][]>of(), 2),
                GmmBlocks::loss);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> empty.valueAndGradient(GmmBlocks.start(1)));
        assertTrue(e.getMessage().contains("no blocks"), e.getMessage());
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }

    /** A loss that the engine refuses on one marked block only: the driver's check of the first block passes. */
    static final class Poisoned {

        static final double MARK = 1e9;
        static int attempts;

        private Poisoned() {
        }

        static double loss(double[] p, double[][] block) {
            double base = GmmBlocks.loss(p, block);
            if (block[0][0] == MARK) {
                attempts++;
                return base + bitTrick(p[0]);
            }
            return base;
        }

        /** |x| by clearing the sign bit: bit reinterpretation, which the engine refuses. */
        static double bitTrick(double x) {
            return Double.longBitsToDouble(Double.doubleToRawLongBits(x) & 0x7fffffffffffffffL);
        }
    }
}
