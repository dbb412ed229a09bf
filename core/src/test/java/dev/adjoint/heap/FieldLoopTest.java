package dev.adjoint.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.function.DoubleUnaryOperator;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.testing.Oracle;

/**
 * Loops of instance methods that read fields of {@code this}: a weight matrix, its width, a bias. The reads move out
 * of the loops that cannot change them (ir.FieldHoisting); these gradients, with respect to the input and to the
 * weights the object holds, are checked against their analytic values, including when the loop does change the
 * field or calls code that could, and when the weights are the object's own copy updated between gradients. Final
 * fields move out of loops that call (their values cannot change outside a constructor); those gradients, through an
 * explicit integrator's tableau and a kernel applied through an operator, are checked against central differences.
 */
class FieldLoopTest {

    /** A dense layer y = W x + b, summed with weights c: s = Σ_r c_r (Σ_i W[r n + i] x_i + b). */
    static final class Layer {
        private final double[] weights;
        private final int width;
        private double bias;

        Layer(double[] weights, int width, double bias) {
            this.weights = weights;
            this.width = width;
            this.bias = bias;
        }

        double weightedSum(double[] x, double[] c) {
            double s = 0;
            for (int r = 0; r < c.length; r++) {
                double y = bias;
                for (int i = 0; i < width; i++) {
                    y += weights[r * width + i] * x[i];
                }
                s += c[r] * y;
            }
            return s;
        }

        /** The same sum, with the bias raised after each row: the loop writes a field, so nothing moves. */
        double driftingBias(double[] x, double[] c) {
            double s = 0;
            for (int r = 0; r < c.length; r++) {
                double y = bias;
                for (int i = 0; i < width; i++) {
                    y += weights[r * width + i] * x[i];
                }
                s += c[r] * y;
                bias = bias + 1;
            }
            return s;
        }
    }

    /** A polynomial as a record whose loop reads its component at every iteration (Horner's scheme). */
    record Polynomial(double[] coefficients) {
        double at(double x) {
            double s = 0;
            for (int k = coefficients.length - 1; k >= 0; k--) {
                s = s * x + coefficients[k];
            }
            return s;
        }
    }

    private static final double[] W = {0.5, -1.0, 2.0, 1.5, 0.25, -0.75};
    private static final double[] C = {2.0, -3.0};

    @Test
    void the_gradient_with_respect_to_the_input_is_the_weighted_column_sums() {
        Layer layer = new Layer(W.clone(), 3, 0.1);
        double[] x = {1.0, -2.0, 0.5};
        double[] g = AD.gradient(v -> layer.weightedSum(v, C), x);
        double[] expected = new double[3];
        for (int r = 0; r < 2; r++) {
            for (int i = 0; i < 3; i++) {
                expected[i] += C[r] * W[r * 3 + i];
            }
        }
        assertArrayEquals(expected, g, 1e-14);
    }

    @Test
    void the_gradient_with_respect_to_the_weights_held_in_a_field_is_the_outer_product() {
        double[] x = {1.0, -2.0, 0.5};
        double[] g = AD.gradient(w -> new Layer(w, 3, 0.1).weightedSum(x, C), W.clone());
        double[] expected = new double[6];
        for (int r = 0; r < 2; r++) {
            for (int i = 0; i < 3; i++) {
                expected[r * 3 + i] = C[r] * x[i];
            }
        }
        assertArrayEquals(expected, g, 1e-14);
    }

    @Test
    void a_loop_that_writes_a_field_reads_it_again_at_every_iteration() {
        double[] x = {1.0, -2.0, 0.5};
        Layer layer = new Layer(W.clone(), 3, 0.1);
        var result = AD.valueAndGradient(v -> layer.driftingBias(v, C), x);
        // bias 0.1 on the first row, 1.1 on the second
        double expected = C[0] * (0.1 + 0.5 * 1 - 1.0 * -2 + 2.0 * 0.5)
                + C[1] * (1.1 + 1.5 * 1 + 0.25 * -2 - 0.75 * 0.5);
        assertEquals(expected, result.value(), 1e-14);
        assertArrayEquals(new double[] {C[0] * 0.5 + C[1] * 1.5, C[0] * -1.0 + C[1] * 0.25,
                C[0] * 2.0 + C[1] * -0.75}, result.gradient(), 1e-14);
    }

    @Test
    void weights_updated_between_gradients_are_read_afresh() {
        double[] weights = W.clone();
        Layer layer = new Layer(weights, 3, 0.0);
        double[] x = {1.0, -2.0, 0.5};
        double[] before = AD.gradient(v -> layer.weightedSum(v, C), x);
        weights[0] += 1.0;
        double[] after = AD.gradient(v -> layer.weightedSum(v, C), x);
        assertEquals(before[0] + C[0], after[0], 1e-14);
        assertEquals(before[1], after[1], 1e-14);
    }

    /** The right-hand side of y' = f(t, y) for one scalar state. */
    interface Slope {
        double at(double t, double y);
    }

    /** Logistic growth with a rate: the slope an integrator calls through its interface. */
    static final class Logistic implements Slope {
        private final double rate;

        Logistic(double rate) {
            this.rate = rate;
        }

        @Override
        public double at(double t, double y) {
            return rate * y * (1 - y) + 0.1 * Math.sin(t);
        }
    }

    /**
     * An explicit Runge–Kutta method given by its tableau in final fields, read at every stage of a loop that calls
     * the slope through an interface, as a library's integrator is written.
     */
    static final class Explicit {
        private final double[][] a;
        private final double[] b;
        private final double[] c;
        private final Slope slope;

        Explicit(double[][] a, double[] b, double[] c, Slope slope) {
            this.a = a;
            this.b = b;
            this.c = c;
            this.slope = slope;
        }

        double integrate(double y, double h, int steps) {
            double[] k = new double[b.length];
            double t = 0;
            for (int n = 0; n < steps; n++) {
                for (int s = 0; s < b.length; s++) {
                    double ys = y;
                    for (int j = 0; j < s; j++) {
                        ys += h * a[s][j] * k[j];
                    }
                    k[s] = slope.at(t + c[s] * h, ys);
                }
                for (int s = 0; s < b.length; s++) {
                    y += h * b[s] * k[s];
                }
                t += h;
            }
            return y;
        }
    }

    /** Heun's method (RK2): rows of the tableau, then weights and nodes. */
    private static final double[][] HEUN = {{}, {1}};

    static double heun(double[] p) {
        return new Explicit(HEUN, new double[] {0.5, 0.5}, new double[] {0, 1}, new Logistic(p[0]))
                .integrate(p[1], 0.05, 40);
    }

    /** The same integration with Heun's weights taken from the gradient's input, so their partials count. */
    static double heunWeights(double[] w) {
        return new Explicit(HEUN, w, new double[] {0, 1}, new Logistic(1.3)).integrate(0.2, 0.05, 40);
    }

    /** A kernel applied to each element through an operator held in a final field, called per element. */
    static final class Smoother {
        private final double[] kernel;
        private final DoubleUnaryOperator activation;

        Smoother(double[] kernel, DoubleUnaryOperator activation) {
            this.kernel = kernel;
            this.activation = activation;
        }

        double apply(double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += kernel[i % kernel.length] * activation.applyAsDouble(x[i]);
            }
            return s;
        }
    }

    private static final double[] KERNEL = {0.25, -0.5, 1.5};

    @Test
    void an_integrator_whose_tableau_is_read_across_calls_of_its_slope_has_the_gradient_of_central_differences() {
        check(FieldLoopTest::heun, new double[] {1.3, 0.2});
        check(FieldLoopTest::heunWeights, new double[] {0.5, 0.5});
    }

    @Test
    void a_kernel_read_across_calls_of_an_operator_has_the_gradient_of_central_differences() {
        double[] x = {0.3, -1.2, 0.8, 2.0, -0.4};
        check(v -> new Smoother(KERNEL, Math::tanh).apply(v), x);
        check(v -> new Smoother(KERNEL, t -> v[0] * t * t).apply(v), x);
        check(k -> new Smoother(k, Math::tanh).apply(x), KERNEL.clone());
        Smoother shared = new Smoother(KERNEL.clone(), Math::sin);
        check(shared::apply, x);
    }

    private static void check(MultivariateFunction f, double[] x) {
        double[] g = AD.gradient(f, x);
        double[] fd = Oracle.centralGradient(f::apply, x);
        for (int k = 0; k < x.length; k++) {
            assertEquals(fd[k], g[k], 1e-7 * Math.max(1, Math.abs(fd[k])), "component " + k);
        }
    }

    @Test
    void a_record_whose_loop_reads_its_component_has_the_derivative_of_its_polynomial() {
        double[] c = {1.0, -2.0, 0.5, 3.0}; // 1 - 2x + x²/2 + 3x³
        double x = 0.7;
        assertEquals(-2.0 + x + 9 * x * x, AD.gradient(v -> new Polynomial(c).at(v), x), 1e-14);
        double[] dc = AD.gradient(k -> new Polynomial(k).at(x), c.clone());
        assertArrayEquals(new double[] {1, x, x * x, x * x * x}, dc, 1e-14);
    }
}
