package dev.adjoint.examples.lstm;

/**
 * A text cut into equal stretches read side by side, one per sequence of a batch, as char-rnn batches a corpus: each
 * {@link #next} takes the next characters of every stretch, so that a stateful LSTM continues each sequence where
 * the previous batch left it (truncated backpropagation through time). At the end of the stretches reading starts
 * again from their beginnings, and {@link #next} says so, so that the state can be reset.
 */
public final class TextStreams {

    private final int[] codes;
    private final int count;
    private final int stretch;
    private int offset;

    TextStreams(int[] codes, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one stream is needed");
        }
        this.codes = codes;
        this.count = count;
        this.stretch = codes.length / count;
        if (stretch < 2) {
            throw new IllegalArgumentException("a text of " + codes.length + " characters cannot feed " + count
                    + " streams");
        }
    }

    /** @return the number of streams, the batch size */
    public int count() {
        return count;
    }

    /** @return how far each stream has read, in characters */
    public int offset() {
        return offset;
    }

    /**
     * Moves each stream to a position, as when training resumes from a checkpoint.
     *
     * @param characters how far each stream has read
     */
    public void seek(int characters) {
        offset = characters < 0 || characters >= stretch ? 0 : characters;
    }

    /**
     * The next characters of every stream.
     *
     * @param length the number of inputs per stream
     * @return inputs and targets, and whether the streams started again from their beginnings
     */
    public Batch next(int length) {
        if (length + 1 > stretch) {
            throw new IllegalArgumentException("sequences of " + length + " characters do not fit stretches of "
                    + stretch);
        }
        boolean restarted = false;
        if (offset + length + 1 > stretch) {
            offset = 0;
            restarted = true;
        }
        int[][] inputs = new int[length][count];
        int[][] targets = new int[length][count];
        for (int t = 0; t < length; t++) {
            for (int b = 0; b < count; b++) {
                int at = b * stretch + offset + t;
                inputs[t][b] = codes[at];
                targets[t][b] = codes[at + 1];
            }
        }
        offset += length;
        return new Batch(inputs, targets, restarted);
    }
}
