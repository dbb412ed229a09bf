package dev.adjoint.examples.lstm;

/**
 * A batch of character sequences for one training step: at time {@code t}, sequence {@code b} reads
 * {@code inputs[t][b]} and should predict {@code targets[t][b]}, the character after it.
 *
 * @param inputs    the characters read, by time step and sequence
 * @param targets   the characters to predict
 * @param restarted whether the sequences start afresh rather than continue the previous batch's
 */
public record Batch(int[][] inputs, int[][] targets, boolean restarted) {

    /** Checks the shapes. */
    public Batch {
        if (inputs.length == 0 || inputs.length != targets.length || inputs[0].length == 0) {
            throw new IllegalArgumentException("a batch needs at least one time step and one sequence, and a target"
                    + " for every input");
        }
    }

    /** @return the number of time steps */
    public int length() {
        return inputs.length;
    }

    /** @return the number of sequences */
    public int size() {
        return inputs[0].length;
    }
}
