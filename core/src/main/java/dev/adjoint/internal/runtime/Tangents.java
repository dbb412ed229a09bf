package dev.adjoint.internal.runtime;

/** Helpers of the derivative code: the product of the chain rule, in tangent code and in pullbacks. */
public final class Tangents {

    private Tangents() {
    }

    /**
     * One product of the chain rule, a sensitivity (a tangent, an adjoint, or the partial of a path) times a partial,
     * where a zero factor makes the product zero even when the other is infinite or NaN. A path through a point where
     * one function's partial is infinite (a square root at 0, an arcsine at 1) and another's is zero (a {@code max}
     * or {@code min} that picks its other argument, a zero weight, a step that shrank to nothing) then contributes
     * nothing, in either mode and whichever factor the mode meets first, so forward and reverse mode agree; and
     * {@code pow(x, e)} with {@code x < 0}, whose partial in {@code e} is NaN, does not matter when {@code e} is a
     * constant of the function (a field, say) whose tangent is zero. Both operands are finite or the product is a
     * number on the common path, which costs one comparison.
     */
    public static double term(double sensitivity, double partial) {
        double product = sensitivity * partial;
        return product == product || (sensitivity != 0.0 && partial != 0.0) ? product : 0.0;
    }
}
