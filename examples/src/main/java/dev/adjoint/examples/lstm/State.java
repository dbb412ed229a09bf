package dev.adjoint.examples.lstm;

/**
 * The recurrent state of an LSTM layer between two characters: the hidden vector {@code h} (the layer's output)
 * and the cell vector {@code c} (its memory).
 *
 * @param h the hidden vector
 * @param c the cell vector
 */
public record State(double[] h, double[] c) {

    /**
     * @param width the number of units
     * @return the all-zero state a text starts from
     */
    public static State zero(int width) {
        return new State(new double[width], new double[width]);
    }
}
