package dev.adjoint.bench.shapes;

import java.util.List;
import java.util.Random;

import dev.adjoint.examples.lstm.Batch;
import dev.adjoint.examples.lstm.CharModel;
import dev.adjoint.examples.lstm.Lstm;

/**
 * A character-level language model, of width 64 unless asked otherwise, built from the example's layers ({@link CharModel#of}): stacked
 * {@link Lstm} layers, the first reading one-hot characters and each further one the hidden vector of the one
 * below, then a dense readout and a softmax. The loss is what a user differentiates structurally,
 * {@code AD.gradient(model, m -> m.loss(codes))}.
 */
public final class StackedCharModel {

    /** Units per layer. */
    public static final int WIDTH = 64;
    /** Characters per window: 25 predictions. */
    public static final int WINDOW = 26;
    private static final String TEXT = "First Citizen: Before we proceed any further, hear me speak. "
            + "All: Speak, speak. First Citizen: You are all resolved rather to die than to famish?";

    private final CharModel model;

    private StackedCharModel(CharModel model) {
        this.model = model;
    }

    /**
     * @param depth the number of LSTM layers
     * @return a model over the alphabet of {@link #window()}, weights from a fixed seed
     */
    public static StackedCharModel of(int depth) {
        return of(depth, WIDTH);
    }

    /**
     * @param depth the number of LSTM layers
     * @param width the units of each
     * @return a model over the alphabet of {@link #window()}, weights from a fixed seed
     */
    public static StackedCharModel of(int depth, int width) {
        return new StackedCharModel(CharModel.of(alphabetSize(), depth, width, new Random(13)));
    }

    /**
     * The parameter arrays in {@link CharModel#parameters}'s order. Called on a gradient, it returns the matching
     * adjoint arrays.
     *
     * @return the arrays that training updates
     */
    public List<double[]> parameters() {
        return model.parameters();
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
     * @return the mean cross-entropy of the next-character predictions, in nats, from a fresh state
     */
    public double loss(int[] codes) {
        model.reset();
        int steps = codes.length - 1;
        int[][] inputs = new int[steps][];
        int[][] targets = new int[steps][];
        for (int t = 0; t < steps; t++) {
            inputs[t] = new int[] {codes[t]};
            targets[t] = new int[] {codes[t + 1]};
        }
        return model.loss(new Batch(inputs, targets, true));
    }
}
