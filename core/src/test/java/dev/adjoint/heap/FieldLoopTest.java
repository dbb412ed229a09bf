package dev.adjoint.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;

/**
 * Loops of instance methods that read fields of {@code this}: a weight matrix, its width, a bias. The reads move out
 * of the loops that cannot change them (ir.FieldHoisting); these gradients, with respect to the input and to the
 * weights the object holds, are checked against their analytic values, including when the loop does change the
 * field or calls code that could, and when the weights are the object's own copy updated between gradients.
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

    @Test
    void a_record_whose_loop_reads_its_component_has_the_derivative_of_its_polynomial() {
        double[] c = {1.0, -2.0, 0.5, 3.0}; // 1 - 2x + x²/2 + 3x³
        double x = 0.7;
        assertEquals(-2.0 + x + 9 * x * x, AD.gradient(v -> new Polynomial(c).at(v), x), 1e-14);
        double[] dc = AD.gradient(k -> new Polynomial(k).at(x), c.clone());
        assertArrayEquals(new double[] {1, x, x * x, x * x * x}, dc, 1e-14);
    }
}
