package dev.adjoint.rules.opaque;

import dev.adjoint.DerivativeRules;
import dev.adjoint.Partial;

/** The derivative of {@link Secret#cubic}, named by class name as a rule for a class loaded elsewhere would be. */
@DerivativeRules(classNames = "dev.adjoint.rules.opaque.Secret")
public final class SecretRules {

    private SecretRules() {
    }

    @Partial("cubic")
    public static double cubic(double x, double y) {
        return 3 * x * x + 2;
    }
}
