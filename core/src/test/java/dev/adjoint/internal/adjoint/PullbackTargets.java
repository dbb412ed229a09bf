package dev.adjoint.internal.adjoint;

/**
 * Validation targets of {@link PullbackBuilderTest}: beside each line, the statements of the pullback that reverse
 * it, in the order they run. {@code t} is the adjoint held by the root of an expression tree, {@code v} an adjoint
 * variable of the plan, {@code pop} a partial taken from the tape, {@code shadow} the adjoint of a field or element.
 */
final class PullbackTargets {

    private static double bias = 0.5;

    private PullbackTargets() {
    }

    static double product(double x, double y) {
        double p = x * y; // expect: Δv += Δp, Δp = 0, hold t, Δy += t * pop, Δx += t * pop
        return p;         // expect: Δv += Δresult, Δp += Δv, Δv = 0
    }

    static double affine(double x) {
        double y = 3 * x - x; // expect: Δv += Δy, Δy = 0, hold t, Δx += t * 2.0 (the two partials of x summed)
        return y;             // expect: Δv += Δresult, Δy += Δv, Δv = 0
    }

    static double sum(double[] a) {
        double s = 0;                        // expect: Δs = 0
        for (int i = 0; i < a.length; i++) { // expect: i -= 1 (undone for the index a[i] the pullback rebuilds)
            s += a[i]; // expect: Δv += Δs, Δs = 0, hold t, Δv += t, Δs += t, shadow += Δv, Δv = 0
        }
        return s;                            // expect: Δv += Δresult, Δs += Δv, Δv = 0
    }

    static double stored(double x) {
        bias = x * x; // expect: Δv += shadow, shadow = 0, hold t, Δx += t * pop
        return bias;  // expect: Δv += Δresult, shadow += Δv, Δv = 0
    }

    static double calls(double x) {
        double c = square(x);   // expect: call square, Δv += argAdj, Δx += Δv, Δv = 0 (c is the call's value)
        return Math.sin(x) + c; // expect: Δv += Δresult, hold t, Δv += t, Δx += t * pop
    }

    private static double square(double x) {
        return x * x;
    }
}
