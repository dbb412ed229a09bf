package dev.adjoint.spark;

import java.io.Serializable;

import org.apache.spark.broadcast.Broadcast;

/**
 * The work of one task on one block: check the agent, read the broadcast value (outside the differentiated code),
 * differentiate the block's loss and add it to the task's running sum. Refusals are kept in the sum, not thrown
 * (see {@link GradientSum}).
 *
 * <p>This class is serialized to the executors, and Java serialization looks at every method signature of the
 * classes it reads; so no signature here (nor in {@link GradientSum} and {@link GradientTask}) names a type of
 * Adjoint's API. An executor without Adjoint then deserializes the task and reports the missing agent, instead of
 * failing with {@code NoClassDefFoundError}. The API is only touched in {@link BlockDifferentiation}.
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
        String missing = AgentOnExecutors.missingAgent();
        if (missing != null) {
            return sum.refuse(new AgentMissingException(missing));
        }
        Object sharedValue = shared == null ? null : shared.value();
        double[] gradient = new double[parameters.length];
        try {
            double value = BlockDifferentiation.valueAndGradient(loss, sharedValue, shared != null, parameters, block,
                    gradient);
            return sum.add(value, gradient);
        } catch (RuntimeException e) {
            if (GradientSum.isRefusal(e)) {
                return sum.refuse(e);
            }
            throw e;
        }
    }
}
