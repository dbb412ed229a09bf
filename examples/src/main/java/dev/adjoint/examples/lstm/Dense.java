package dev.adjoint.examples.lstm;

import java.util.Random;

/**
 * A fully connected layer {@code y = W x + b}, with {@code W} stored row by row in one array.
 */
public final class Dense {

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
        this.inputs = inputs;
        this.outputs = outputs;
        this.weights = new double[outputs * inputs];
        this.bias = new double[outputs];
        double scale = 1 / Math.sqrt(inputs);
        for (int k = 0; k < weights.length; k++) {
            weights[k] = scale * (2 * random.nextDouble() - 1);
        }
    }

    /**
     * @param x the input
     * @return {@code W x + b}, a new array
     */
    public double[] apply(double[] x) {
        double[] y = new double[outputs];
        for (int r = 0; r < outputs; r++) {
            double sum = bias[r];
            for (int j = 0; j < inputs; j++) {
                sum += weights[r * inputs + j] * x[j];
            }
            y[r] = sum;
        }
        return y;
    }
}
