package dev.adjoint;

import java.io.Serializable;

/**
 * A scalar loss of a model, the argument of {@link AD#gradient(Object, Loss)}.
 *
 * @param <M> the type of the model
 */
@FunctionalInterface
public interface Loss<M> extends Differentiable, Serializable {

    /**
     * Evaluates the loss.
     *
     * @param model the model
     * @return the loss
     */
    double apply(M model);
}
