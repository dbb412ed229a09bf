package dev.adjoint.examples.lstm;

import dev.adjoint.AD;

/**
 * Truncated backpropagation through time over a corpus read as side-by-side streams: each step takes the next
 * characters of every stream, gets the gradient of their loss from Adjoint and hands it to Adam. The model's LSTM
 * state carries from one step to the next and is reset when the streams start again.
 */
public final class Trainer {

    private final CharModel model;
    private final TextStreams streams;
    private final int length;
    private final Adam adam;

    /**
     * @param model   the model to train, updated in place
     * @param streams the text, as many streams as sequences per batch
     * @param length  the characters per sequence and step
     * @param adam    the optimizer
     */
    public Trainer(CharModel model, TextStreams streams, int length, Adam adam) {
        if (length < 1) {
            throw new IllegalArgumentException("sequences need at least one character");
        }
        this.model = model;
        this.streams = streams;
        this.length = length;
        this.adam = adam;
    }

    /**
     * Takes one gradient step on the next batch.
     *
     * @return the batch's loss before the step, nats per character
     */
    public double step() {
        Batch batch = streams.next(length);
        if (batch.restarted()) {
            model.reset();
        }
        double[] loss = new double[1];
        CharModel gradient = AD.gradient(model, m -> loss[0] = m.loss(batch));
        adam.step(model.parameters(), gradient.parameters());
        return loss[0];
    }
}
