package dev.adjoint.examples.lstm;

import java.util.List;

/**
 * A layer of a network, as in Flux: a function from a batch of vectors to a batch of vectors, with the parameters
 * training updates. Only the forward computation is written; the gradient comes from Adjoint.
 *
 * <p>A batch of {@code batch} vectors of width {@code w} is one array of {@code batch * w} numbers, vector
 * {@code b} at {@code [b * w, (b + 1) * w)}, so that a matrix-vector product reads both operands contiguously.
 */
public interface Layer {

    /**
     * @param x     a batch of input vectors
     * @param batch the number of vectors in it
     * @return the batch of output vectors, a new array
     */
    double[] apply(double[] x, int batch);

    /**
     * The layer applied to one-hot vectors, given by the index of their one: {@code codes[b]} for vector {@code b}.
     * A layer that multiplies its input by a matrix overrides it to read the matrix's column instead, as Flux's
     * product with a {@code OneHotMatrix} does.
     *
     * @param codes the index of the one in each input vector
     * @param inputWidth the width of the input vectors
     * @return the batch of output vectors
     */
    default double[] applyOneHot(int[] codes, int inputWidth) {
        double[] x = new double[codes.length * inputWidth];
        for (int b = 0; b < codes.length; b++) {
            x[b * inputWidth + codes[b]] = 1;
        }
        return apply(x, codes.length);
    }

    /** Forgets what a stateful layer carries from one call to the next. */
    default void reset() {
    }

    /**
     * The arrays training updates, in a fixed order. Called on a structural gradient, it returns the matching
     * adjoint arrays.
     *
     * @return the parameter arrays
     */
    default List<double[]> parameters() {
        return List.of();
    }
}
