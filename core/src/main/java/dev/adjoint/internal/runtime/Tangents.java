package dev.adjoint.internal.runtime;

/** Helpers of the tangent code that forward mode generates. */
public final class Tangents {

    private Tangents() {
    }

    /**
     * One term of a tangent, {@code tangent * partial}, where a zero tangent contributes zero even when the partial
     * is infinite or NaN: {@code pow(x, e)} with {@code x < 0} has a NaN partial in {@code e}, which does not matter
     * when {@code e} is a constant of the function (a field, say) whose tangent is zero.
     */
    public static double term(double tangent, double partial) {
        return tangent == 0.0 ? 0.0 : tangent * partial;
    }
}
