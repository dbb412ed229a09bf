package dev.adjoint.spark;

import java.io.Serializable;

/**
 * The loss of one block of records: an ordinary Java function that Adjoint differentiates with respect to the
 * parameters on the executor that holds the block. A block is whatever the records were grouped into before
 * fitting ({@code double[][]} rows from {@link Blocks}, or a type of the caller's), so the differentiated code only
 * does arithmetic on it. The objective is the sum of this loss over all blocks.
 *
 * <p>It is serialized to the executors, so whatever it captures must be {@link Serializable}. It must not read a
 * {@code Broadcast} variable itself: {@code Broadcast.value()} goes through log4j and a {@code ThreadLocal}, which
 * the engine refuses; use {@link SharedBlockLoss}, whose shared value is read outside the differentiated code.
 *
 * @param <B> the block type
 */
@FunctionalInterface
public interface BlockLoss<B> extends Serializable {

    /**
     * The loss of one block.
     *
     * @param parameters the model's parameters (the function may not keep them)
     * @param block      the block's records, not to be modified
     * @return the block's share of the objective
     */
    double apply(double[] parameters, B block);
}
