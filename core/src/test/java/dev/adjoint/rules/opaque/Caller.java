package dev.adjoint.rules.opaque;

import dev.adjoint.ScalarFunction;

/** Differentiated code that calls {@link Secret}; loaded by {@link OpaqueLoader} beside it. */
public final class Caller {

    private Caller() {
    }

    public static double twiceTheCubic(double x) {
        return 2 * Secret.cubic(x);
    }

    public static ScalarFunction function() {
        return Caller::twiceTheCubic;
    }
}
