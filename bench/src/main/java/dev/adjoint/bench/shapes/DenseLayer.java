package dev.adjoint.bench.shapes;

import java.util.Random;

/**
 * A dense layer as an object, written the way one usually is: its loops read the weights, the bias and the sizes
 * from the object's fields at every iteration, rather than from locals read once.
 */
public final class DenseLayer {

    private final double[] weights;
    private final double[] bias;
    private final int inputs;
    private final int outputs;

    /**
     * @param inputs  the input's length
     * @param outputs the output's length
     * @param seed    the seed of the random weights
     */
    public DenseLayer(int inputs, int outputs, long seed) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.weights = new double[inputs * outputs];
        this.bias = new double[outputs];
        Random random = new Random(seed);
        for (int k = 0; k < weights.length; k++) {
            weights[k] = (2 * random.nextDouble() - 1) / Math.sqrt(inputs);
        }
        for (int r = 0; r < outputs; r++) {
            bias[r] = 0.1 * random.nextGaussian();
        }
    }

    /**
     * @param x the input, of length {@code inputs}
     * @return Σ_r tanh((W x + b)_r)
     */
    public double loss(double[] x) {
        double s = 0;
        for (int r = 0; r < outputs; r++) {
            double z = bias[r];
            for (int i = 0; i < inputs; i++) {
                z += weights[r * inputs + i] * x[i];
            }
            s += Math.tanh(z);
        }
        return s;
    }
}
