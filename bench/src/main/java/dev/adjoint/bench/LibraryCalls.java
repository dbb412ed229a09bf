package dev.adjoint.bench;

import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince54Integrator;

/**
 * The library calls of issue 13's first-gradient target, as a user writes them: EJML's {@code invert} of a small
 * matrix (the shapes benchmark's {@link dev.adjoint.bench.shapes.SmallInverse}) and Commons Math's adaptive
 * Dormand–Prince 5(4) integrator calling back into user code. A first gradient through either generates derivative
 * code for a library call graph, not for a few user methods.
 */
public final class LibraryCalls {

    private LibraryCalls() {
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
