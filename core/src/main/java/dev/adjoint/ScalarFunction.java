package dev.adjoint;

import java.io.Serializable;

/**
 * A function from one {@code double} to one {@code double}, the argument of {@link AD#gradient(ScalarFunction,
 * double)} and {@link AD#derivative(ScalarFunction, double)}.
 *
 * <p>It is {@link Serializable} so that Adjoint can find the code of a lambda or method reference (the body of a
 * lambda is a private method of the class that wrote it). Nothing is ever serialized.
 */
@FunctionalInterface
public interface ScalarFunction extends Differentiable, Serializable {

    /**
     * Evaluates the function.
     *
     * @param x the argument
     * @return the value at {@code x}
     */
    double apply(double x);
}
