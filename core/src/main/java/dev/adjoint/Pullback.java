package dev.adjoint;

/**
 * The pullback of a function at a point (Zygote's {@code pullback}): the function evaluated once, and a map from
 * an adjoint of its result to the adjoint of its argument, {@code dy ↦ dy · ∇f(x)}, that can be applied any number
 * of times without evaluating the function again. {@link AD#pullback} creates it.
 *
 * <p>A pullback keeps the recording of the evaluation (its tape) until it is garbage; {@link #apply} is safe to
 * call from several threads, one at a time.
 */
public interface Pullback {

    /** @return the function's value at the point, bit-identical to calling the function directly */
    double value();

    /**
     * @param dy the adjoint of the result
     * @return {@code dy · ∇f(x)}, a new array
     */
    double[] apply(double dy);
}
