package dev.adjoint.examples.lstm;

import java.util.List;
import java.util.Random;

/**
 * A character-level language model: a {@link Chain} that reads one-hot characters and ends in a softmax over the
 * alphabet. {@link #loss} is the function Adjoint differentiates: {@code AD.gradient(model, m -> m.loss(batch))}
 * returns a {@code CharModel} whose arrays hold the adjoints.
 */
public final class CharModel {

    final Chain chain;
    final int alphabet;

    /**
     * @param chain    the network, from one-hot characters to probabilities over the alphabet
     * @param alphabet the number of distinct characters
     */
    public CharModel(Chain chain, int alphabet) {
        this.chain = chain;
        this.alphabet = alphabet;
    }

    /**
     * The seed paper's model at a chosen size: {@code Chain(LSTM(alphabet, width), LSTM(width, width), …,
     * Dense(width, alphabet), softmax)}, with {@code depth} LSTM layers (the paper's has 2 of 128 units).
     *
     * @param alphabet the number of distinct characters
     * @param depth    the number of LSTM layers
     * @param width    the units of each
     * @param random   the source of the initial weights
     * @return the model
     */
    public static CharModel of(int alphabet, int depth, int width, Random random) {
        if (depth < 1) {
            throw new IllegalArgumentException("the model needs at least one LSTM layer");
        }
        Layer[] layers = new Layer[depth + 2];
        for (int k = 0; k < depth; k++) {
            layers[k] = new Lstm(k == 0 ? alphabet : width, width, random);
        }
        layers[depth] = new Dense(width, alphabet, random);
        layers[depth + 1] = new Softmax();
        return new CharModel(new Chain(layers), alphabet);
    }

    /** @return the number of distinct characters */
    public int alphabet() {
        return alphabet;
    }

    /** @return the network */
    public Chain chain() {
        return chain;
    }

    /**
     * The parameter arrays in a fixed order. Called on a gradient, it returns the matching adjoint arrays.
     *
     * @return the arrays that training updates
     */
    public List<double[]> parameters() {
        return chain.parameters();
    }

    /** Forgets the sequences read so far. */
    public void reset() {
        chain.reset();
    }

    /**
     * The mean cross-entropy of the next-character predictions over a batch, in nats per character. The LSTM
     * layers continue from the state the previous batch left and keep the state this one ends in; that state is a
     * constant to the next batch's gradient, so the derivative does not flow back across batches.
     *
     * @param batch the inputs and targets
     * @return −(1 / steps·sequences) Σ log p(target)
     */
    public double loss(Batch batch) {
        double total = 0;
        for (int t = 0; t < batch.length(); t++) {
            double[] p = chain.applyOneHot(batch.inputs()[t], alphabet);
            total += CrossEntropy.mean(p, batch.targets()[t]);
        }
        return total / batch.length();
    }

    /**
     * Generates text by sampling each next character from the predicted probabilities, sharpened by a temperature.
     * Resets the state before and after.
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
        reset();
        for (int t = 0; t < length; t++) {
            double[] p = chain.applyOneHot(new int[] {out[t]}, alphabet);
            out[t + 1] = draw(p, temperature, random);
        }
        reset();
        return out;
    }

    private static int draw(double[] p, double temperature, Random random) {
        double[] weights = new double[p.length];
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            weights[k] = Math.pow(p[k], 1 / temperature);
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
