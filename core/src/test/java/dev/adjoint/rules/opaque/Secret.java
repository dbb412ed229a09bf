package dev.adjoint.rules.opaque;

/** A class whose class file {@link OpaqueLoader} hides from the engine. */
public final class Secret {

    private Secret() {
    }

    /** x³ + 2x. */
    public static double cubic(double x) {
        return x * x * x + 2 * x;
    }
}
