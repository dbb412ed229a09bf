package dev.adjoint.spark;

import java.io.Serializable;

import org.apache.spark.api.java.function.Function2;

import dev.adjoint.NotDifferentiableException;

/**
 * The running sum of block values and gradients that {@code treeAggregate} carries from the executors to the
 * driver. A refusal travels inside it as data instead of failing the task: a refusal is deterministic, so Spark's
 * retries (four attempts per task by default) could only repeat it, and would bury its message under
 * "Task failed 4 times". The driver rethrows the first refusal it receives.
 */
final class GradientSum implements Serializable {

    private static final long serialVersionUID = 1L;

    double value;
    final double[] gradient;
    long blocks;
    /** The first refusal met in any block, or null. */
    RuntimeException refusal;

    GradientSum(int parameters) {
        this.gradient = new double[parameters];
    }

    /** Adds one block's value and gradient. */
    GradientSum add(double blockValue, double[] blockGradient) {
        value += blockValue;
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] += blockGradient[i];
        }
        blocks++;
        return this;
    }

    /** Keeps a refusal met on an executor instead of throwing it there. */
    GradientSum refuse(RuntimeException e) {
        if (refusal == null) {
            refusal = e;
        }
        return this;
    }

    /** Folds another partial sum into this one. */
    GradientSum merge(GradientSum other) {
        if (refusal == null) {
            refusal = other.refusal;
        }
        value += other.value;
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] += other.gradient[i];
        }
        blocks += other.blocks;
        return this;
    }

    /** The {@code combOp} of a gradient job. */
    static final class Merge implements Function2<GradientSum, GradientSum, GradientSum> {

        private static final long serialVersionUID = 1L;

        @Override
        public GradientSum call(GradientSum a, GradientSum b) {
            return a.merge(b);
        }
    }

    /** @return whether the exception is one that no retry can cure */
    static boolean isRefusal(RuntimeException e) {
        return e instanceof NotDifferentiableException || e instanceof AgentMissingException;
    }
}
