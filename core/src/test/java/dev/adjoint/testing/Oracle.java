package dev.adjoint.testing;

import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Independent oracles: central finite differences. */
public final class Oracle {

    private Oracle() {
    }

    /** Central difference with a step scaled to {@code x}; error O(h^2). */
    public static double centralDifference(DoubleUnaryOperator f, double x) {
        double h = 1e-6 * Math.max(1.0, Math.abs(x));
        return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    }

    /** The gradient by central differences, one component at a time. */
    public static double[] centralGradient(ToDoubleFunction<double[]> f, double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double h = 1e-6 * Math.max(1.0, Math.abs(x[i]));
            double[] p = x.clone();
            double[] m = x.clone();
            p[i] += h;
            m[i] -= h;
            g[i] = (f.applyAsDouble(p) - f.applyAsDouble(m)) / (2 * h);
        }
        return g;
    }

    /**
     * The Jacobian of a vector function by central differences with step {@code h}, one column at a time:
     * {@code J[i][j] = ∂fᵢ/∂xⱼ}. Applied to a gradient (checked against differences of its own), it gives the
     * Hessian.
     */
    public static double[][] centralJacobian(Function<double[], double[]> f, double[] x, double h) {
        double[][] j = null;
        for (int c = 0; c < x.length; c++) {
            double[] p = x.clone();
            double[] m = x.clone();
            p[c] += h;
            m[c] -= h;
            double[] fp = f.apply(p);
            double[] fm = f.apply(m);
            if (j == null) {
                j = new double[fp.length][x.length];
            }
            for (int r = 0; r < fp.length; r++) {
                j[r][c] = (fp[r] - fm[r]) / (2 * h);
            }
        }
        return j;
    }
}
