package dev.adjoint.examples.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;

class LstmTest {

    private static final int WIDTH = 5;
    private static final int INPUTS = 3;

    /** A loss of two steps over dense inputs, so that the recurrent weights and the cell matter. */
    private static double loss(Lstm layer, double[] first, double[] second) {
        State s = layer.step(State.zero(WIDTH), first);
        s = layer.step(s, second);
        double sum = 0;
        for (int i = 0; i < WIDTH; i++) {
            sum += (i + 1) * s.h()[i] + s.c()[i] * s.c()[i];
        }
        return sum;
    }

    private static double centralDifference(Lstm layer, double[] array, int k, double[] first, double[] second) {
        double h = 1e-6;
        double saved = array[k];
        array[k] = saved + h;
        double up = loss(layer, first, second);
        array[k] = saved - h;
        double down = loss(layer, first, second);
        array[k] = saved;
        return (up - down) / (2 * h);
    }

    @Test
    void a_step_over_a_dense_input_has_the_gradient_of_central_differences_in_every_weight_array() {
        Lstm layer = new Lstm(INPUTS, WIDTH, new Random(5));
        double[] first = {0.3, -0.7, 0.2};
        double[] second = {-0.1, 0.4, 0.9};
        Lstm gradient = AD.gradient(layer, l -> loss(l, first, second));

        double[][] parameters = {layer.inputWeights, layer.recurrentWeights, layer.bias};
        double[][] adjoints = {gradient.inputWeights, gradient.recurrentWeights, gradient.bias};
        for (int a = 0; a < parameters.length; a++) {
            for (int k = 0; k < parameters[a].length; k += 3) {
                double expected = centralDifference(layer, parameters[a], k, first, second);
                assertEquals(expected, adjoints[a][k], 1e-6 * Math.max(1, Math.abs(expected)), "array " + a + "[" + k + "]");
            }
        }
    }

    @Test
    void a_step_over_a_one_hot_input_equals_a_step_over_the_dense_one_hot_vector() {
        Lstm layer = new Lstm(INPUTS, WIDTH, new Random(7));
        State start = layer.step(State.zero(WIDTH), new double[] {0.5, 0.1, -0.3});
        State oneHot = layer.step(start, 2);
        State dense = layer.step(start, new double[] {0, 0, 1});
        for (int i = 0; i < WIDTH; i++) {
            assertEquals(oneHot.h()[i], dense.h()[i], 1e-15);
            assertEquals(oneHot.c()[i], dense.c()[i], 1e-15);
        }
    }
}
