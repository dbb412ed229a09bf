package dev.adjoint.spark;

import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.ValueAndGradient;

/**
 * The sum of a {@link BlockLoss} over the blocks of a cached RDD, plus an optional regulariser: its value and
 * gradient with respect to the parameters, for an optimizer that runs on the driver.
 *
 * <p>Each call runs one Spark job. Every task differentiates its blocks with {@link AD#valueAndGradient} (one tape
 * per block, so the memory a gradient needs is set by the block size, not the data size) and the per-block results
 * are summed with {@code treeAggregate}, the pattern Spark MLlib uses for its hand-written gradients. The
 * regulariser is differentiated on the driver.
 *
 * <p>Before the first gradient job, one block is fetched ({@code take(1)}) and differentiated on the driver, so
 * code the engine refuses fails at once with its {@link dev.adjoint.NotDifferentiableException}. A refusal met later on an executor (a branch the
 * first block did not take) is carried back to the driver as a result, not as a task failure, so Spark does not
 * retry it and the driver throws it once with its message intact. So is a missing agent on an executor
 * ({@link AgentMissingException}).
 *
 * @param <B> the block type
 */
public final class DistributedObjective<B> {

    private final JavaRDD<B> blocks;
    private final BlockGradient<B> blockGradient;
    private final MultivariateFunction regulariser;
    private final int treeDepth;
    private boolean checked;
    private long jobs;

    private DistributedObjective(JavaRDD<B> blocks, BlockGradient<B> blockGradient, MultivariateFunction regulariser,
                                 int treeDepth) {
        this.blocks = blocks;
        this.blockGradient = blockGradient;
        this.regulariser = regulariser;
        this.treeDepth = treeDepth;
    }

    /**
     * The sum of {@code loss} over {@code blocks}.
     *
     * @param blocks the blocks; cached here if they are not already
     * @param loss   the loss of one block
     * @param <B>    the block type
     * @return the objective
     */
    public static <B> DistributedObjective<B> of(JavaRDD<B> blocks, BlockLoss<B> loss) {
        return new DistributedObjective<>(cached(blocks), new BlockGradient<>(loss, null), null, 2);
    }

    /**
     * The sum of {@code loss} over {@code blocks}, where the loss also reads a broadcast value. The broadcast is
     * read on each executor outside the differentiated code and passed to the loss as a constant.
     *
     * @param blocks the blocks; cached here if they are not already
     * @param shared the value every block's loss reads
     * @param loss   the loss of one block
     * @param <B>    the block type
     * @param <S>    the shared value's type
     * @return the objective
     */
    public static <B, S> DistributedObjective<B> of(JavaRDD<B> blocks, Broadcast<S> shared,
                                                    SharedBlockLoss<B, S> loss) {
        return new DistributedObjective<>(cached(blocks), new BlockGradient<>(loss, shared), null, 2);
    }

    private static <B> JavaRDD<B> cached(JavaRDD<B> blocks) {
        return blocks.getStorageLevel().useMemory() || blocks.getStorageLevel().useDisk() ? blocks : blocks.cache();
    }

    /**
     * The same objective plus {@code regulariser(parameters)}, evaluated and differentiated on the driver (a
     * prior, a penalty on the parameters).
     *
     * @param regulariser a function of the parameters alone
     * @return a new objective
     */
    public DistributedObjective<B> withRegulariser(MultivariateFunction regulariser) {
        return new DistributedObjective<>(blocks, blockGradient, regulariser, treeDepth);
    }

    /**
     * The same objective summed with a tree of the given depth (Spark's default is 2; deeper trees relieve the
     * driver when there are many partitions and many parameters).
     *
     * @param depth at least 1
     * @return a new objective
     */
    public DistributedObjective<B> withTreeDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("tree depth must be at least 1, got " + depth);
        }
        return new DistributedObjective<>(blocks, blockGradient, regulariser, depth);
    }

    /** @return the blocks the objective sums over */
    public JavaRDD<B> blocks() {
        return blocks;
    }

    /**
     * The value and gradient of the sum over all blocks (plus the regulariser) at {@code parameters}: one Spark
     * job.
     *
     * @param parameters the point (not modified)
     * @return the value and gradient
     * @throws dev.adjoint.NotDifferentiableException when the loss does something the engine cannot follow
     * @throws AgentMissingException when an executor runs without {@code -javaagent:ad.jar}
     */
    public ValueAndGradient valueAndGradient(double[] parameters) {
        double[] point = parameters.clone();
        if (!checked) {
            checkOnDriver(point);
            checked = true;
        }
        GradientSum sum = blocks.treeAggregate(new GradientSum(point.length),
                new GradientTask<>(blockGradient, point), new GradientSum.Merge(), treeDepth);
        jobs++;
        if (sum.refusal != null) {
            throw sum.refusal;
        }
        double value = sum.value;
        double[] gradient = sum.gradient;
        if (regulariser != null) {
            ValueAndGradient r = AD.valueAndGradient(regulariser, point);
            value += r.value();
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] += r.gradient()[i];
            }
        }
        return new ValueAndGradient(value, gradient);
    }

    /**
     * @param parameters the point
     * @return the value of the objective: the same job as {@link #valueAndGradient}
     */
    public double value(double[] parameters) {
        return valueAndGradient(parameters).value();
    }

    /** @return how many gradient jobs this objective has run */
    public long jobs() {
        return jobs;
    }

    /** One block's gradient on the driver: refusals and a missing agent fail here, before any job is retried. */
    private void checkOnDriver(double[] point) {
        String missing = AgentOnExecutors.missingAgent();
        if (missing != null) {
            throw new AgentMissingException(missing.replace("executor driver", "the driver"));
        }
        List<B> first = blocks.take(1);
        if (first.isEmpty()) {
            throw new IllegalArgumentException("the objective has no blocks: the data set is empty");
        }
        GradientSum sum = blockGradient.addTo(new GradientSum(point.length), point, first.get(0));
        if (sum.refusal != null) {
            throw sum.refusal;
        }
    }
}
