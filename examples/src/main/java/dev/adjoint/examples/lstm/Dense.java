package dev.adjoint.examples.lstm;

import java.util.List;
import java.util.Random;

/** A fully connected layer {@code y = W x + b}, with {@code W} stored row by row in one array. */
public final class Dense implements Layer {

    final int inputs;
    final int outputs;
    /** {@code W[r][j]} is {@code weights[r * inputs + j]}. */
    final double[] weights;
    final double[] bias;

    /**
     * A layer with weights drawn uniformly from ±1/√inputs and zero bias.
     *
     * @param inputs  the input width
     * @param outputs the output width
     * @param random  the source of the initial weights
     */
    public Dense(int inputs, int outputs, Random random) {
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("a dense layer needs at least one input and one output");
        }
        this.inputs = inputs;
        this.outputs = outputs;
        this.weights = new double[outputs * inputs];
        this.bias = new double[outputs];
        double scale = 1 / Math.sqrt(inputs);
        for (int k = 0; k < weights.length; k++) {
            weights[k] = scale * (2 * random.nextDouble() - 1);
        }
    }

    @Override
    public double[] apply(double[] x, int batch) {
        if (x.length != batch * inputs) {
            throw new IllegalArgumentException(x.length + " inputs do not make " + batch + " vectors of " + inputs);
        }
        double[] w = weights;
        double[] b0 = bias;
        int n = inputs;
        double[] y = new double[batch * outputs];
        for (int b = 0; b < batch; b++) {
            for (int r = 0; r < outputs; r++) {
                double sum = b0[r];
                for (int j = 0; j < n; j++) {
                    sum += w[r * n + j] * x[b * n + j];
                }
                y[b * outputs + r] = sum;
            }
        }
        return y;
    }

    @Override
    public double[] applyOneHot(int[] codes, int inputWidth) {
        if (inputWidth != inputs) {
            throw new IllegalArgumentException("one-hot vectors of " + inputWidth + " for a layer of " + inputs
                    + " inputs");
        }
        double[] w = weights;
        double[] b0 = bias;
        double[] y = new double[codes.length * outputs];
        for (int b = 0; b < codes.length; b++) {
            for (int r = 0; r < outputs; r++) {
                y[b * outputs + r] = b0[r] + w[r * inputs + codes[b]];
            }
        }
        return y;
    }

    @Override
    public List<double[]> parameters() {
        return List.of(weights, bias);
    }
}
