package dev.adjoint.it.harness;

import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Central differences, computed in the test JVM without Adjoint: the oracle for functions whose derivative is
 * tedious to write by hand, and the check of hand-written derivatives. Accurate to about 1e-8 relative for smooth
 * functions of moderate curvature.
 */
public final class FiniteDifferences {

    private FiniteDifferences() {
    }

    /**
     * @param f a smooth function
     * @param x the point
     * @return (f(x + h) - f(x - h)) / 2h with h scaled to x
     */
    public static double derivative(DoubleUnaryOperator f, double x) {
        double h = step(x);
        double up = x + h;
        double down = x - h;
        // the difference of the representable points, not 2h, is the true denominator
        return (f.applyAsDouble(up) - f.applyAsDouble(down)) / (up - down);
    }

    /**
     * @param f a smooth function of a vector
     * @param x the point (not modified)
     * @return the central difference along each coordinate
     */
    public static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] up = x.clone();
            double[] down = x.clone();
            double h = step(x[i]);
            up[i] += h;
            down[i] -= h;
            g[i] = (f.applyAsDouble(up) - f.applyAsDouble(down)) / (up[i] - down[i]);
        }
        return g;
    }

    private static double step(double x) {
        // about the cube root of machine epsilon, which balances truncation and rounding
        return 6e-6 * Math.max(1, Math.abs(x));
    }
}
