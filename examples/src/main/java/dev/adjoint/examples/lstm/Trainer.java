package dev.adjoint.examples.lstm;

import dev.adjoint.AD;

/**
 * Truncated backpropagation through time over a corpus: each step takes the next window of text, starting from
 * the state the previous window ended in, gets the gradient of the window's loss from Adjoint and hands it to
 * Adam. At the end of the text it starts again from the beginning with a fresh state.
 */
public final class Trainer {

    private final CharModel model;
    private final Corpus corpus;
    private final int windowLength;
    private final Adam adam;
    private State state;
    private int position;

    /**
     * @param model        the model to train, updated in place
     * @param corpus       the text
     * @param windowLength the number of characters per step
     * @param adam         the optimizer
     */
    public Trainer(CharModel model, Corpus corpus, int windowLength, Adam adam) {
        if (windowLength + 1 > corpus.length()) {
            throw new IllegalArgumentException("the corpus is shorter than one window");
        }
        this.model = model;
        this.corpus = corpus;
        this.windowLength = windowLength;
        this.adam = adam;
        this.state = State.zero(model.width());
    }

    /**
     * Takes one gradient step on the next window.
     *
     * @return the window's loss before the step, nats per character
     */
    public double step() {
        if (position + windowLength + 1 > corpus.length()) {
            position = 0;
            state = State.zero(model.width());
        }
        Window window = corpus.window(position, windowLength, state);
        CharModel gradient = AD.gradient(model, m -> m.loss(window));
        adam.step(model.parameters(), gradient.parameters());
        state = window.end();
        position += windowLength;
        return window.loss();
    }
}
