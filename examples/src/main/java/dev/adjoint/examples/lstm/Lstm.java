package dev.adjoint.examples.lstm;

import java.util.Random;

/**
 * One LSTM layer over one-hot inputs (Hochreiter and Schmidhuber 1997, with a forget gate). Its four gates are
 * stacked in one pre-activation vector {@code z = Wx x + Wh h + b} of length {@code 4n}: input gate, forget gate,
 * output gate, candidate, in that order.
 */
public final class Lstm {

    final int inputs;
    final int width;
    /** {@code Wx[r][k]} is {@code inputWeights[r * inputs + k]}. */
    final double[] inputWeights;
    /** {@code Wh[r][j]} is {@code recurrentWeights[r * width + j]}. */
    final double[] recurrentWeights;
    final double[] bias;

    /**
     * A layer with weights drawn uniformly from ±1/√width and a forget-gate bias of 1, so that the cell remembers
     * by default while training starts (Jozefowicz et al. 2015).
     *
     * @param inputs the alphabet size
     * @param width  the number of units
     * @param random the source of the initial weights
     */
    public Lstm(int inputs, int width, Random random) {
        this.inputs = inputs;
        this.width = width;
        this.inputWeights = new double[4 * width * inputs];
        this.recurrentWeights = new double[4 * width * width];
        this.bias = new double[4 * width];
        double scale = 1 / Math.sqrt(width);
        for (int k = 0; k < inputWeights.length; k++) {
            inputWeights[k] = scale * (2 * random.nextDouble() - 1);
        }
        for (int k = 0; k < recurrentWeights.length; k++) {
            recurrentWeights[k] = scale * (2 * random.nextDouble() - 1);
        }
        for (int i = 0; i < width; i++) {
            bias[width + i] = 1;
        }
    }

    /**
     * Reads one character.
     *
     * @param previous the state before it
     * @param input    the character's code
     * @return the state after it
     */
    public State step(State previous, int input) {
        int n = width;
        double[] h = previous.h();
        double[] z = new double[4 * n];
        for (int r = 0; r < 4 * n; r++) {
            // Wx times a one-hot vector is the column of the character
            double sum = bias[r] + inputWeights[r * inputs + input];
            for (int j = 0; j < n; j++) {
                sum += recurrentWeights[r * n + j] * h[j];
            }
            z[r] = sum;
        }
        return gates(previous, z);
    }

    /**
     * Reads a dense input vector, such as the hidden vector of the layer below in a stacked model.
     *
     * @param previous the state before it
     * @param input    the input, of length {@code inputs}
     * @return the state after it
     */
    public State step(State previous, double[] input) {
        int n = width;
        double[] h = previous.h();
        double[] z = new double[4 * n];
        for (int r = 0; r < 4 * n; r++) {
            double sum = bias[r];
            for (int k = 0; k < inputs; k++) {
                sum += inputWeights[r * inputs + k] * input[k];
            }
            for (int j = 0; j < n; j++) {
                sum += recurrentWeights[r * n + j] * h[j];
            }
            z[r] = sum;
        }
        return gates(previous, z);
    }

    /** The new state from the stacked pre-activations {@code z}: input, forget and output gates, candidate. */
    private State gates(State previous, double[] z) {
        int n = width;
        double[] c = previous.c();
        double[] hNext = new double[n];
        double[] cNext = new double[n];
        for (int i = 0; i < n; i++) {
            double in = sigmoid(z[i]);
            double forget = sigmoid(z[n + i]);
            double out = sigmoid(z[2 * n + i]);
            double candidate = Math.tanh(z[3 * n + i]);
            cNext[i] = forget * c[i] + in * candidate;
            hNext[i] = out * Math.tanh(cNext[i]);
        }
        return new State(hNext, cNext);
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
