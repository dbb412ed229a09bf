package dev.adjoint.bench.shapes;

import java.util.Random;

import dev.adjoint.examples.lstm.Dense;
import dev.adjoint.examples.lstm.Lstm;
import dev.adjoint.examples.lstm.State;

/**
 * A character-level language model of width 64 built from the example's {@link Lstm} layer, stacked: the first
 * layer reads one-hot characters, each further layer the hidden vector of the one below, and a {@link Dense} readout
 * gives the logits of the next character. The loss is what a user differentiates structurally,
 * {@code AD.gradient(model, m -> m.loss(codes))}.
 */
public final class StackedCharModel {

    /** Units per layer. */
    public static final int WIDTH = 64;
    /** Characters per window: 25 predictions. */
    public static final int WINDOW = 26;
    private static final String TEXT = "First Citizen: Before we proceed any further, hear me speak. "
            + "All: Speak, speak. First Citizen: You are all resolved rather to die than to famish?";

    private final Lstm[] layers;
    private final Dense readout;

    private StackedCharModel(int alphabet, int depth, Random random) {
        layers = new Lstm[depth];
        layers[0] = new Lstm(alphabet, WIDTH, random);
        for (int l = 1; l < depth; l++) {
            layers[l] = new Lstm(WIDTH, WIDTH, random);
        }
        readout = new Dense(WIDTH, alphabet, random);
    }

    /**
     * @param depth the number of LSTM layers
     * @return a model over the alphabet of {@link #window()}, weights from a fixed seed
     */
    public static StackedCharModel of(int depth) {
        return new StackedCharModel(alphabetSize(), depth, new Random(13));
    }

    /** @return the codes of a fixed window of {@link #WINDOW} characters */
    public static int[] window() {
        int[] codes = new int[WINDOW];
        for (int t = 0; t < WINDOW; t++) {
            codes[t] = TEXT.charAt(t) - ' ';
        }
        return codes;
    }

    private static int alphabetSize() {
        return 'z' - ' ' + 1;
    }

    /**
     * @param codes the characters: inputs and, shifted by one, targets
     * @return the mean cross-entropy of the next-character predictions, in nats
     */
    public double loss(int[] codes) {
        int depth = layers.length;
        State[] states = new State[depth];
        for (int l = 0; l < depth; l++) {
            states[l] = State.zero(WIDTH);
        }
        double total = 0;
        for (int t = 0; t + 1 < codes.length; t++) {
            states[0] = layers[0].step(states[0], codes[t]);
            for (int l = 1; l < depth; l++) {
                states[l] = layers[l].step(states[l], states[l - 1].h());
            }
            total += crossEntropy(readout.apply(states[depth - 1].h()), codes[t + 1]);
        }
        return total / (codes.length - 1);
    }

    /** −log softmax(logits)[target], shifted by the largest logit. */
    private static double crossEntropy(double[] logits, int target) {
        double max = logits[0];
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (double l : logits) {
            sum += Math.exp(l - max);
        }
        return max + Math.log(sum) - logits[target];
    }
}
