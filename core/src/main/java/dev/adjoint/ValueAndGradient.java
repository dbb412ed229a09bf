package dev.adjoint;

/**
 * The value of a function and its gradient, computed together by {@link AD#valueAndGradient}.
 *
 * @param value    the function's value, bit-identical to calling the function directly
 * @param gradient the gradient with respect to the argument
 */
public record ValueAndGradient(double value, double[] gradient) {
}
