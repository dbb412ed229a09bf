package dev.adjoint.bench;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/**
 * The two ends of a gradient by Commons Math's forward mode: the inputs as independent variables of order 1, and
 * the gradient read from the result. With n variables every intermediate value carries n + 1 numbers, so one pass
 * gives the whole gradient at about n times the primal's cost.
 */
final class DerivativeStructures {

    private DerivativeStructures() {
    }

    /** xᵢ as the i-th of x.length free parameters. */
    static DerivativeStructure[] variables(double[] x) {
        DerivativeStructure[] v = new DerivativeStructure[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = new DerivativeStructure(x.length, 1, i, x[i]);
        }
        return v;
    }

    /** The constant c, with the same number of free parameters as {@code like}. */
    static DerivativeStructure constant(DerivativeStructure like, double c) {
        return new DerivativeStructure(like.getFreeParameters(), 1, c);
    }

    /** ∂f/∂xᵢ for every free parameter. */
    static double[] gradient(DerivativeStructure f) {
        int n = f.getFreeParameters();
        int[] orders = new int[n];
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            orders[i] = 1;
            g[i] = f.getPartialDerivative(orders);
            orders[i] = 0;
        }
        return g;
    }
}
