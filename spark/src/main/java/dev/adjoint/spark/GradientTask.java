package dev.adjoint.spark;

import org.apache.spark.api.java.function.Function2;

/** The {@code seqOp} of one gradient job: adds a block's value and gradient at fixed parameters to a task's sum. */
final class GradientTask<B> implements Function2<GradientSum, B, GradientSum> {

    private static final long serialVersionUID = 1L;

    private final BlockGradient<B> perBlock;
    private final double[] parameters;

    GradientTask(BlockGradient<B> perBlock, double[] parameters) {
        this.perBlock = perBlock;
        this.parameters = parameters;
    }

    @Override
    public GradientSum call(GradientSum sum, B block) {
        return perBlock.addTo(sum, parameters, block);
    }
}
