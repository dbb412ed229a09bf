package dev.adjoint.internal.rules;

import dev.adjoint.DerivativeRules;
import dev.adjoint.Partial;
import dev.adjoint.internal.runtime.Tangents;

/**
 * The helper of tangent code, for when tangent code is itself differentiated (nested derivatives): a term
 * {@code t * p} of a tangent has the partials of a product, and its tangent is again made of such terms, so a
 * zero tangent still contributes nothing.
 */
@DerivativeRules(Tangents.class)
public final class TangentRules {

    private TangentRules() {
    }

    @Partial("term")
    public static double tangent(double tangent, double partial, double result) {
        return partial;
    }

    @Partial(value = "term", wrt = 1)
    public static double partial(double tangent, double partial, double result) {
        return tangent;
    }
}
