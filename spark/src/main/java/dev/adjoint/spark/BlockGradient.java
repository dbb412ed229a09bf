package dev.adjoint.spark;

import java.io.Serializable;

import org.apache.spark.broadcast.Broadcast;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.ValueAndGradient;

/**
 * The work of one task on one block: check the agent, read the broadcast value (outside the differentiated code),
 * differentiate the block's loss and add it to the task's running sum. Refusals are kept in the sum, not thrown
 * (see {@link GradientSum}).
 */
final class BlockGradient<B> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Serializable loss;
    private final Broadcast<?> shared;

    BlockGradient(Serializable loss, Broadcast<?> shared) {
        this.loss = loss;
        this.shared = shared;
    }

    GradientSum addTo(GradientSum sum, double[] parameters, B block) {
        if (sum.refusal != null) {
            return sum;
        }
        try {
            AgentOnExecutors.requireLoaded();
            ValueAndGradient vg = AD.valueAndGradient(lossOf(block), parameters);
            return sum.add(vg.value(), vg.gradient());
        } catch (RuntimeException e) {
            if (GradientSum.isRefusal(e)) {
                return sum.refuse(e);
            }
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private MultivariateFunction lossOf(B block) {
        if (shared == null) {
            BlockLoss<B> f = (BlockLoss<B>) loss;
            return p -> f.apply(p, block);
        }
        Object value = shared.value();
        SharedBlockLoss<B, Object> f = (SharedBlockLoss<B, Object>) loss;
        return p -> f.apply(p, block, value);
    }
}
