package dev.adjoint.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;

/**
 * An explicit Runge–Kutta step written as Hipparchus 4 writes it: the stage derivatives are the rows
 * {@code yDotK[k]} of an array of arrays that the step loop replaces by each new derivative the equations return,
 * and the Butcher weights are applied by static helpers whose innermost loops read {@code yDotK[l][j]}. Those rows
 * are read once per iteration (ir.RowHoisting) and may be copied per iteration (plan.Snapshots); the gradient of
 * y(1) for y' = −k·y must still be the one of the discrete scheme, written out here in closed form.
 */
class RungeKuttaRowsTest {

    /** The equations: derivatives returned as a new array. */
    interface Equations {
        double[] derivatives(double t, double[] y);
    }

    /** y' = −k·y. */
    record Decay(double k) implements Equations {
        @Override
        public double[] derivatives(double t, double[] y) {
            double[] out = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                out[i] = -k * y[i];
            }
            return out;
        }
    }

    /** A state at a time with its derivative, as the step loop hands it over. */
    record State(double time, double[] y, double[] yDot) {
    }

    /** The classical fourth-order tableau held in final fields, used by a fixed-step loop. */
    static final class Integrator {
        private final double[] c = {0.5, 0.5, 1.0};
        private final double[][] a = {{0.5}, {0.0, 0.5}, {0.0, 0.0, 1.0}};
        private final double[] b = {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6};
        private final double step;
        private State start;
        private double stepSize;

        Integrator(double step) {
            this.step = step;
        }

        double[] integrate(Equations equations, double[] y0, double end) {
            start = new State(0, y0.clone(), equations.derivatives(0, y0));
            int stages = c.length + 1;
            double[] y = start.y();
            double[][] yDotK = new double[stages][];
            double[] yTmp = new double[y.length];
            boolean last;
            do {
                stepSize = Math.min(step, end - start.time());
                y = start.y();
                yDotK[0] = start.yDot();
                applyInternalWeights(equations, start.time(), y, stepSize, a, c, yDotK);
                for (int j = 0; j < y.length; ++j) {
                    double sum = b[0] * yDotK[0][j];
                    for (int l = 1; l < stages; ++l) {
                        sum += b[l] * yDotK[l][j];
                    }
                    yTmp[j] = y[j] + stepSize() * sum;
                }
                double t = start.time() + stepSize;
                double[] yDotEnd = equations.derivatives(t, yTmp);
                State next = new State(t, yTmp.clone(), yDotEnd);
                System.arraycopy(yTmp, 0, y, 0, y.length);
                start = next;
                last = start.time() >= end - 1e-12;
            } while (!last);
            return start.y();
        }

        private double stepSize() {
            return stepSize;
        }
    }

    /** The stages after the first: yDotK[k] = f(t + c·h, y + h·Σ a·yDotK[l]). */
    static void applyInternalWeights(Equations equations, double t, double[] y, double h, double[][] a, double[] c,
            double[][] yDotK) {
        int stages = c.length + 1;
        double[] yTmp = y.clone();
        for (int k = 1; k < stages; ++k) {
            for (int j = 0; j < y.length; ++j) {
                double sum = yDotK[0][j] * a[k - 1][0];
                for (int l = 1; l < k; ++l) {
                    sum += yDotK[l][j] * a[k - 1][l];
                }
                yTmp[j] = y[j] + h * sum;
            }
            yDotK[k] = equations.derivatives(t + h * c[k - 1], yTmp);
        }
    }

    /** y(1) of the scheme from y(0) = p[0] with k = p[1]. */
    static double decay(double[] p) {
        return new Integrator(0.125).integrate(new Decay(p[1]), new double[] {p[0]}, 1.0)[0];
    }

    /** The classical scheme multiplies y by a quartic in z = k·h per step: its value and derivatives, exactly. */
    private static double[] scheme(double y0, double k, double h, int n) {
        double z = k * h;
        double p = 1 - z + z * z / 2 - z * z * z / 6 + z * z * z * z / 24;
        double dp = -1 + z - z * z / 2 + z * z * z / 6;
        return new double[] {Math.pow(p, n), y0 * n * Math.pow(p, n - 1) * dp * h};
    }

    @Test
    void a_runge_kutta_step_over_rows_of_stage_derivatives_gives_the_schemes_gradient() {
        double[] gradient = AD.gradient(RungeKuttaRowsTest::decay, new double[] {2.0, 0.5});
        assertArrayEquals(scheme(2.0, 0.5, 0.125, 8), gradient, 1e-14);
    }
}
