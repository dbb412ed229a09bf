package dev.adjoint.examples.lstm;

import java.util.List;
import java.util.Random;

/**
 * A character-level language model: an LSTM layer reads one-hot characters, a dense layer turns its hidden vector
 * into the logits of a softmax over the alphabet. {@link #loss} is the function Adjoint differentiates:
 * {@code AD.gradient(model, m -> m.loss(window))} returns a {@code CharModel} whose arrays hold the adjoints.
 */
public final class CharModel {

    final Lstm lstm;
    final Dense readout;

    /**
     * @param alphabet the number of distinct characters
     * @param width    the number of LSTM units
     * @param random   the source of the initial weights
     */
    public CharModel(int alphabet, int width, Random random) {
        this.lstm = new Lstm(alphabet, width, random);
        this.readout = new Dense(width, alphabet, random);
    }

    /** @return the number of LSTM units */
    public int width() {
        return lstm.width;
    }

    /** @return the number of distinct characters */
    public int alphabet() {
        return lstm.inputs;
    }

    /**
     * The parameter arrays in a fixed order. Called on a gradient, it returns the matching adjoint arrays.
     *
     * @return the arrays that training updates
     */
    public List<double[]> parameters() {
        return List.of(lstm.inputWeights, lstm.recurrentWeights, lstm.bias, readout.weights, readout.bias);
    }

    /**
     * The mean cross-entropy of the next-character predictions over a window, in nats per character. Records the
     * value and the final state in the window, since the structural gradient returns only the gradient.
     *
     * @param window the inputs, targets and start state
     * @return −(1/n) Σ log softmax(logits)[target]
     */
    public double loss(Window window) {
        State state = window.start();
        double total = 0;
        for (int t = 0; t < window.length(); t++) {
            state = lstm.step(state, window.input(t));
            total += crossEntropy(readout.apply(state.h()), window.target(t));
        }
        double mean = total / window.length();
        window.finish(state, mean);
        return mean;
    }

    /** −log softmax(logits)[target], shifted by the largest logit so that exp cannot overflow. */
    static double crossEntropy(double[] logits, int target) {
        double max = logits[0];
        for (int k = 1; k < logits.length; k++) {
            if (logits[k] > max) {
                max = logits[k];
            }
        }
        double sum = 0;
        for (int k = 0; k < logits.length; k++) {
            sum += Math.exp(logits[k] - max);
        }
        return max + Math.log(sum) - logits[target];
    }

    /**
     * Generates text by sampling each next character from the softmax, sharpened by a temperature.
     *
     * @param first       the code of the first character
     * @param length      the number of characters to generate after it
     * @param temperature below 1 for safer choices, above 1 for more varied ones
     * @param random      the source of the choices
     * @return the codes, starting with {@code first}
     */
    public int[] sample(int first, int length, double temperature, Random random) {
        int[] out = new int[length + 1];
        out[0] = first;
        State state = State.zero(width());
        for (int t = 0; t < length; t++) {
            state = lstm.step(state, out[t]);
            double[] logits = readout.apply(state.h());
            out[t + 1] = draw(logits, temperature, random);
        }
        return out;
    }

    private static int draw(double[] logits, double temperature, Random random) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double[] weights = new double[logits.length];
        double sum = 0;
        for (int k = 0; k < logits.length; k++) {
            weights[k] = Math.exp((logits[k] - max) / temperature);
            sum += weights[k];
        }
        double u = random.nextDouble() * sum;
        for (int k = 0; k < weights.length; k++) {
            u -= weights[k];
            if (u <= 0) {
                return k;
            }
        }
        return weights.length - 1;
    }
}
