package dev.adjoint.spark;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.ValueAndGradient;

/** One block's loss as a function of the parameters alone, differentiated by {@link AD#valueAndGradient}. */
final class BlockDifferentiation {

    private BlockDifferentiation() {
    }

    /**
     * @param loss        a {@link BlockLoss} or, when {@code hasShared}, a {@link SharedBlockLoss}
     * @param sharedValue the broadcast value, already read
     * @param gradientOut receives the gradient
     * @return the value
     */
    @SuppressWarnings("unchecked")
    static double valueAndGradient(Object loss, Object sharedValue, boolean hasShared, double[] parameters,
                                   Object block, double[] gradientOut) {
        MultivariateFunction f;
        if (hasShared) {
            SharedBlockLoss<Object, Object> l = (SharedBlockLoss<Object, Object>) loss;
            f = p -> l.apply(p, block, sharedValue);
        } else {
            BlockLoss<Object> l = (BlockLoss<Object>) loss;
            f = p -> l.apply(p, block);
        }
        ValueAndGradient vg = AD.valueAndGradient(f, parameters);
        System.arraycopy(vg.gradient(), 0, gradientOut, 0, gradientOut.length);
        return vg.value();
    }
}
