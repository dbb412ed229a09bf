package dev.adjoint.spark;

import java.io.Serializable;

/**
 * A block loss that also reads a value shared by all blocks (a lookup table, a design matrix, a simulator's
 * settings) shipped once per executor as a Spark {@code Broadcast}. The objective reads the broadcast value on the
 * executor before the gradient starts and passes it in, because {@code Broadcast.value()} itself (log4j, a
 * {@code ThreadLocal}) cannot be differentiated. The shared value is a constant: no gradient flows into it.
 *
 * @param <B> the block type
 * @param <S> the shared value's type
 */
@FunctionalInterface
public interface SharedBlockLoss<B, S> extends Serializable {

    /**
     * The loss of one block.
     *
     * @param parameters the model's parameters
     * @param block      the block's records, not to be modified
     * @param shared     the broadcast value, not to be modified
     * @return the block's share of the objective
     */
    double apply(double[] parameters, B block, S shared);
}
