package dev.adjoint.subjects.inherited;

/**
 * A base class whose protected members a subclass in another package uses, as Commons Math's ODE step
 * interpolators use those of {@code AbstractStepInterpolator}.
 */
public abstract class Stepper {

    protected static double gain = 2.0;

    protected double[] state = new double[2];
    protected double rate;
    protected int steps;

    protected double scaled(double v) {
        return rate * v;
    }

    protected static double twice(double v) {
        return 2 * v;
    }
}
