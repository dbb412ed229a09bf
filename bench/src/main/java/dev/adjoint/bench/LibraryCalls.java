package dev.adjoint.bench;

import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince54Integrator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The library calls of issue 13's first-gradient target, as a user writes them: EJML's {@code invert} of a small
 * matrix and Commons Math's adaptive Dormand–Prince 5(4) integrator calling back into user code. A first gradient
 * through either generates derivative code for a library call graph, not for a few user methods.
 */
public final class LibraryCalls {

    private LibraryCalls() {
    }

    /**
     * @param entries an n × n matrix, row by row
     * @return the sum of the inverse's entries
     */
    public static double inverseSum(double[] entries) {
        int n = (int) Math.round(Math.sqrt(entries.length));
        DMatrixRMaj a = new DMatrixRMaj(n, n, true, entries);
        DMatrixRMaj inverse = new DMatrixRMaj(n, n);
        if (!CommonOps_DDRM.invert(a, inverse)) {
            throw new IllegalArgumentException("singular matrix");
        }
        return CommonOps_DDRM.elementSum(inverse);
    }

    /**
     * @param n the size
     * @return a well-conditioned n × n matrix: diagonally dominant, every entry distinct
     */
    public static double[] matrix(int n) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i * n + j] = i == j ? 5 + i : 0.1 * (i + 1) - 0.07 * j;
            }
        }
        return m;
    }

    /**
     * A forced, damped oscillator integrated over [0, 5] by Dormand–Prince 5(4) with tolerances 10⁻⁸.
     *
     * @param start the initial position, the initial velocity and the stiffness
     * @return the position at the end
     */
    public static double dormandPrince(double[] start) {
        double[] y = {start[0], start[1]};
        new DormandPrince54Integrator(1e-6, 1.0, 1e-8, 1e-8).integrate(new Forced(start[2]), 0, y, 5, y);
        return y[0];
    }

    /** x'' = −k x − 0.3 x' + sin t. */
    private static final class Forced implements FirstOrderDifferentialEquations {

        private final double stiffness;

        Forced(double stiffness) {
            this.stiffness = stiffness;
        }

        @Override
        public int getDimension() {
            return 2;
        }

        @Override
        public void computeDerivatives(double t, double[] y, double[] yDot) {
            yDot[0] = y[1];
            yDot[1] = -stiffness * y[0] - 0.3 * y[1] + Math.sin(t);
        }
    }
}
