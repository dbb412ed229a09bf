package dev.adjoint.internal.rules;

import dev.adjoint.AD;
import dev.adjoint.ConstantPartial;
import dev.adjoint.DerivativeRules;

/** Rules for the public API called from inside differentiated code. */
@DerivativeRules(AD.class)
@ConstantPartial(method = "stopGradient", descriptor = "(D)D", value = 0)
public final class ApiRules {

    private ApiRules() {
    }
}
