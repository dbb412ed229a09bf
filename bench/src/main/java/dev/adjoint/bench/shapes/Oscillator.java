package dev.adjoint.bench.shapes;

import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.ClassicalRungeKuttaIntegrator;

/**
 * A damped oscillator, x'' = −k x − c x', integrated by Commons Math's classical Runge–Kutta (RK4) integrator with
 * a fixed step, as a user of the library writes it: the equations an object, the integrator from the library.
 */
public final class Oscillator implements FirstOrderDifferentialEquations {

    /** The fixed step; 1,000 RK4 steps over the interval. */
    public static final double STEP = 0.01;
    /** The end of the interval. */
    public static final double END = 10;
    private static final double DAMPING = 0.3;

    private final double stiffness;

    Oscillator(double stiffness) {
        this.stiffness = stiffness;
    }

    @Override
    public int getDimension() {
        return 2;
    }

    @Override
    public void computeDerivatives(double t, double[] y, double[] yDot) {
        yDot[0] = y[1];
        yDot[1] = -stiffness * y[0] - DAMPING * y[1];
    }

    /**
     * @param start the initial position, the initial velocity and the stiffness k
     * @return the energy-like x² + x'² at {@link #END}
     */
    public static double finalState(double[] start) {
        double[] y = new double[2];
        new ClassicalRungeKuttaIntegrator(STEP)
                .integrate(new Oscillator(start[2]), 0, new double[] {start[0], start[1]}, END, y);
        return y[0] * y[0] + y[1] * y[1];
    }
}
