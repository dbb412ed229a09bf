package dev.adjoint.examples.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;


import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.Loss;

/** Each layer's gradient from Adjoint against central differences of its plain forward code. */
class LayerGradientTest {

    private static final double H = 1e-5;

    /** Random numbers in (−1, 1). */
    private static double[] random(int n, long seed) {
        Random random = new Random(seed);
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = 2 * random.nextDouble() - 1;
        }
        return x;
    }

    /** A scalar that weighs every output differently, so that no adjoint is left untested by symmetry. */
    private static double weighed(double[] y, double[] coefficients) {
        double s = 0;
        for (int k = 0; k < y.length; k++) {
            s += coefficients[k] * y[k];
        }
        return s;
    }

    /** ∂f/∂array[k] by central differences, the array changed in place and restored. */
    private static <M> double centralDifference(M model, Loss<M> f, double[] array, int k) {
        double saved = array[k];
        array[k] = saved + H;
        double up = f.apply(model);
        array[k] = saved - H;
        double down = f.apply(model);
        array[k] = saved;
        return (up - down) / (2 * H);
    }

    /** Compares every entry of every parameter array (or every {@code stride}-th, for the large ones). */
    private static <M> int assertGradient(M model, Loss<M> f, List<double[]> parameters,
                                          List<double[]> adjoints, int stride) {
        int checked = 0;
        for (int a = 0; a < parameters.size(); a++) {
            double[] p = parameters.get(a);
            for (int k = a % stride; k < p.length; k += stride) {
                double expected = centralDifference(model, f, p, k);
                assertEquals(expected, adjoints.get(a)[k], 1e-7 * Math.max(1, Math.abs(expected)),
                        "parameter array " + a + ", entry " + k);
                checked++;
            }
        }
        return checked;
    }

    @Test
    void dense_gradient_agrees_with_central_differences_in_weights_and_bias() {
        Dense dense = new Dense(5, 3, new Random(1));
        System.arraycopy(random(3, 9), 0, dense.bias, 0, 3);
        double[] x = random(2 * 5, 2);
        double[] c = random(2 * 3, 3);
        Loss<Dense> f = d -> weighed(d.apply(x, 2), c);

        Dense g = AD.gradient(dense, f);

        assertEquals(15 + 3, assertGradient(dense, f, dense.parameters(), g.parameters(), 1));
        // ∂/∂W[r][j] of Σ_b c[b][r] y[b][r] is Σ_b c[b][r] x[b][j]: one entry by hand
        assertEquals(c[1] * x[2] + c[4] * x[7], g.weights[1 * 5 + 2], 1e-12);
    }

    @Test
    void dense_on_one_hot_codes_has_the_gradient_of_the_dense_product() {
        Dense dense = new Dense(4, 3, new Random(4));
        int[] codes = {2, 0, 2};
        double[] c = random(9, 5);
        Dense viaCodes = AD.gradient(dense, d -> weighed(d.applyOneHot(codes, 4), c));
        double[] x = new double[12];
        for (int b = 0; b < 3; b++) {
            x[4 * b + codes[b]] = 1;
        }
        Dense viaProduct = AD.gradient(dense, d -> weighed(d.apply(x, 3), c));
        assertArrayEquals(viaProduct.weights, viaCodes.weights, 1e-12);
        assertArrayEquals(viaProduct.bias, viaCodes.bias, 1e-12);
        assertEquals(0.0, viaCodes.weights[3], "column 3 is never read");
    }

    @Test
    void lstm_gradient_agrees_with_central_differences_through_three_steps_of_carried_state() {
        Lstm lstm = new Lstm(3, 4, new Random(5));
        System.arraycopy(random(16, 6), 0, lstm.bias, 0, 16);
        double[] start = random(2 * 4, 7);
        double[][] xs = {random(2 * 3, 8), random(2 * 3, 9), random(2 * 3, 10)};
        double[] c = random(2 * 4, 11);
        // the state before the first step is the one a previous call left: the field holds it
        Loss<Lstm> f = l -> {
            l.hidden = start.clone();
            l.cell = start.clone();
            double s = 0;
            for (double[] x : xs) {
                s += weighed(l.apply(x, 2), c);
            }
            return s;
        };

        Lstm g = AD.gradient(lstm, f);

        assertEquals(48 + 64 + 16, assertGradient(lstm, f, lstm.parameters(), g.parameters(), 1));
    }

    @Test
    void lstm_keeps_the_state_of_the_last_call_and_forgets_it_on_reset() {
        Lstm lstm = new Lstm(2, 3, new Random(12));
        double[] x = random(2, 13);
        double[] first = lstm.apply(x, 1);
        double[] second = lstm.apply(x, 1);
        lstm.reset();
        assertArrayEquals(first, lstm.apply(x, 1), 0.0);
        assertEquals(false, java.util.Arrays.equals(first, second), "the second call continues from the first");
    }

    @Test
    void a_batch_of_the_wrong_width_is_refused_with_the_sizes() {
        Lstm lstm = new Lstm(3, 2, new Random(1));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> lstm.apply(new double[7], 2));
        assertEquals("7 inputs do not make 2 vectors of 3", e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Dense(4, 2, new Random(1)).applyOneHot(new int[] {1}, 5));
    }

    @Test
    void softmax_with_cross_entropy_has_the_gradient_p_minus_one_hot_over_the_batch() {
        double[] logits = random(2 * 5, 14);
        int[] targets = {3, 0};
        double[] g = AD.gradient(x -> CrossEntropy.mean(new Softmax().apply(x, 2), targets), logits);
        double[] p = new Softmax().apply(logits, 2);
        for (int b = 0; b < 2; b++) {
            for (int k = 0; k < 5; k++) {
                double expected = (p[5 * b + k] - (k == targets[b] ? 1 : 0)) / 2;
                assertEquals(expected, g[5 * b + k], 1e-12, "vector " + b + ", logit " + k);
            }
        }
    }

    @Test
    void softmax_gradient_agrees_with_central_differences_under_a_weighing() {
        double[] logits = random(6, 15);
        double[] c = random(6, 16);
        double[] g = AD.gradient(x -> weighed(new Softmax().apply(x, 2), c), logits);
        for (int k = 0; k < 6; k++) {
            double[] up = logits.clone();
            double[] down = logits.clone();
            up[k] += H;
            down[k] -= H;
            double expected = (weighed(new Softmax().apply(up, 2), c) - weighed(new Softmax().apply(down, 2), c))
                    / (2 * H);
            assertEquals(expected, g[k], 1e-8, "logit " + k);
        }
    }

    @Test
    void chain_gradient_agrees_with_central_differences_in_every_layer() {
        Corpus text = Corpus.of("to be, or not to be: that is the question.");
        CharModel model = CharModel.of(text.alphabetSize(), 2, 5, new Random(17));
        Batch batch = text.streams(3).next(4);
        // a state carried in from an earlier batch, so that the recurrent weights matter from the first step
        model.loss(text.streams(3).next(4));
        double[][] carried = new double[4][];
        for (int k = 0; k < 2; k++) {
            Lstm l = (Lstm) model.chain().layer(k);
            carried[2 * k] = l.hidden.clone();
            carried[2 * k + 1] = l.cell.clone();
        }
        Loss<CharModel> f = m -> {
            for (int k = 0; k < 2; k++) {
                Lstm l = (Lstm) m.chain().layer(k);
                l.hidden = carried[2 * k].clone();
                l.cell = carried[2 * k + 1].clone();
            }
            return m.loss(batch);
        };

        CharModel g = AD.gradient(model, f);

        List<double[]> parameters = model.parameters();
        assertEquals(3 + 3 + 2, parameters.size());
        assertEquals(parameters.size(), g.parameters().size());
        assertEquals(true, assertGradient(model, f, parameters, g.parameters(), 7) > 100);
    }
}
