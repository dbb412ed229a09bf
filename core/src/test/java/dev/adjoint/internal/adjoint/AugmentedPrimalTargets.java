package dev.adjoint.internal.adjoint;

/**
 * Validation targets of {@link AugmentedPrimalBuilderTest}: beside each line, what the augmented primal pushes onto
 * the tape for it, in push order. {@code ∂} is a partial of an expression tree, {@code frame a} a value the pullback
 * reads once per call, taped where the method returns.
 */
final class AugmentedPrimalTargets {

    private AugmentedPrimalTargets() {
    }

    static double product(double x, double y) {
        double p = x * y; // expect: push ∂, push ∂
        return p;
    }

    static double constantPartials(double x) {
        return 3 * x - x; // (the partial of x is the constant 2: nothing is taped)
    }

    static double twoReturns(double x) {
        if (x > 0) {
            return x * x; // expect: push ∂, push which return
        }
        return -x;        // expect: push which return
    }

    static double element(double[] a, int[] k) {
        return a[k[0]] * a[0]; // expect: push index, push ∂, push ∂, push frame a
    }

    static double stepsByTwo(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i += 2) {
            s += x[i];
        }
        return s;
    }
}
