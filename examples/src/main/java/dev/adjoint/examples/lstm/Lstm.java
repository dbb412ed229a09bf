package dev.adjoint.examples.lstm;

import java.util.List;
import java.util.Random;

/**
 * An LSTM layer (Hochreiter and Schmidhuber 1997, with a forget gate), stateful as Flux's {@code LSTM}: each call
 * reads one input per sequence of the batch and continues from the hidden and cell vectors the previous call left,
 * until {@link #reset}. Its four gates are stacked in one pre-activation vector {@code z = Wx x + Wh h + b} of
 * length {@code 4n}: input gate, forget gate, output gate, candidate, in that order.
 */
public final class Lstm implements Layer {

    final int inputs;
    final int width;
    /** {@code Wx[r][k]} is {@code inputWeights[r * inputs + k]}. */
    final double[] inputWeights;
    /** {@code Wh[r][j]} is {@code recurrentWeights[r * width + j]}. */
    final double[] recurrentWeights;
    final double[] bias;
    /** The hidden vectors the last call left, one per sequence of the batch; null after a reset. */
    double[] hidden;
    /** The cell vectors the last call left; null after a reset. */
    double[] cell;

    /**
     * A layer with weights drawn uniformly from ±1/√width and a forget-gate bias of 1, so that the cell remembers
     * by default while training starts (Jozefowicz et al. 2015).
     *
     * @param inputs the input width
     * @param width  the number of units
     * @param random the source of the initial weights
     */
    public Lstm(int inputs, int width, Random random) {
        if (inputs < 1 || width < 1) {
            throw new IllegalArgumentException("an LSTM layer needs at least one input and one unit");
        }
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

    /** @return the number of units */
    public int width() {
        return width;
    }

    @Override
    public double[] apply(double[] x, int batch) {
        if (x.length != batch * inputs) {
            throw new IllegalArgumentException(x.length + " inputs do not make " + batch + " vectors of " + inputs);
        }
        double[] h = state(hidden, batch);
        double[] w = inputWeights;
        double[] u = recurrentWeights;
        double[] b0 = bias;
        int m = inputs;
        int n = width;
        double[] z = new double[batch * 4 * n];
        for (int b = 0; b < batch; b++) {
            for (int r = 0; r < 4 * n; r++) {
                double sum = b0[r];
                for (int k = 0; k < m; k++) {
                    sum += w[r * m + k] * x[b * m + k];
                }
                for (int j = 0; j < n; j++) {
                    sum += u[r * n + j] * h[b * n + j];
                }
                z[b * 4 * n + r] = sum;
            }
        }
        return gates(z, batch);
    }

    @Override
    public double[] applyOneHot(int[] codes, int inputWidth) {
        if (inputWidth != inputs) {
            throw new IllegalArgumentException("one-hot vectors of " + inputWidth + " for a layer of " + inputs
                    + " inputs");
        }
        int batch = codes.length;
        double[] h = state(hidden, batch);
        double[] w = inputWeights;
        double[] u = recurrentWeights;
        double[] b0 = bias;
        int m = inputs;
        int n = width;
        double[] z = new double[batch * 4 * n];
        for (int b = 0; b < batch; b++) {
            int code = codes[b];
            for (int r = 0; r < 4 * n; r++) {
                // Wx times a one-hot vector is the column of its one
                double sum = b0[r] + w[r * m + code];
                for (int j = 0; j < n; j++) {
                    sum += u[r * n + j] * h[b * n + j];
                }
                z[b * 4 * n + r] = sum;
            }
        }
        return gates(z, batch);
    }

    /** The new cell and hidden vectors from the pre-activations; keeps both as the state for the next call. */
    private double[] gates(double[] z, int batch) {
        int n = width;
        double[] c = state(cell, batch);
        double[] hNext = new double[batch * n];
        double[] cNext = new double[batch * n];
        for (int b = 0; b < batch; b++) {
            int g = b * 4 * n;
            for (int i = 0; i < n; i++) {
                double in = sigmoid(z[g + i]);
                double forget = sigmoid(z[g + n + i]);
                double out = sigmoid(z[g + 2 * n + i]);
                double candidate = Math.tanh(z[g + 3 * n + i]);
                double ci = forget * c[b * n + i] + in * candidate;
                cNext[b * n + i] = ci;
                hNext[b * n + i] = out * Math.tanh(ci);
            }
        }
        hidden = hNext;
        cell = cNext;
        return hNext;
    }

    /** The carried state, or zeros at the start or when the batch changed size. */
    private double[] state(double[] carried, int batch) {
        return carried != null && carried.length == batch * width ? carried : new double[batch * width];
    }

    @Override
    public void reset() {
        hidden = null;
        cell = null;
    }

    @Override
    public List<double[]> parameters() {
        return List.of(inputWeights, recurrentWeights, bias);
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
