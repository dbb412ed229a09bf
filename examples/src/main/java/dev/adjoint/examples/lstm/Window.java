package dev.adjoint.examples.lstm;

/**
 * A stretch of text for truncated backpropagation through time: the model reads {@code codes[0..n-1]} one by one,
 * starting from a given state, and predicts each next character {@code codes[1..n]}. The loss records its value and
 * the state it ended in, so that the next window continues from there (as min-char-rnn passes {@code hprev} along); the
 * derivative does not flow back across windows, because each window's start is a constant to its own gradient.
 */
public final class Window {

    private final int[] codes;
    private final State start;
    private State end;
    private double loss = Double.NaN;

    /**
     * @param codes the characters: inputs and, shifted by one, targets
     * @param start the state before the first input
     */
    public Window(int[] codes, State start) {
        if (codes.length < 2) {
            throw new IllegalArgumentException("a window needs at least one input and its target");
        }
        this.codes = codes;
        this.start = start;
    }

    /** @return the number of predictions */
    public int length() {
        return codes.length - 1;
    }

    /**
     * @param t a time step
     * @return the character read at step {@code t}
     */
    public int input(int t) {
        return codes[t];
    }

    /**
     * @param t a time step
     * @return the character to predict at step {@code t}
     */
    public int target(int t) {
        return codes[t + 1];
    }

    /** @return the state before the first input */
    public State start() {
        return start;
    }

    /** @return the state after the last input, once the loss has run; otherwise null */
    public State end() {
        return end;
    }

    /** @return the loss the model last computed on this window, or NaN before */
    public double loss() {
        return loss;
    }

    void finish(State state, double value) {
        end = state;
        loss = value;
    }
}
