package dev.adjoint.examples.lstm;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Random;

import dev.adjoint.examples.report.LossCurve;
import dev.adjoint.examples.report.Progress;

/**
 * The seed paper's character-level LSTM: {@code Chain(LSTM(alphabet, 128), LSTM(128, 128), Dense(128, alphabet),
 * softmax)} trained with {@code ADAM(0.01)} on Shakespeare, with gradients from
 * {@code AD.gradient(model, m -> m.loss(batch))} (see {@link Trainer}): no backward pass is written anywhere. Shows
 * the progress, writes the loss curve as a PNG, can save and resume a checkpoint, and ends with a sample of
 * generated text.
 */
public final class ShakespeareLstm {

    /** The loss curve's file name in the output folder. */
    public static final String CURVE = "lstm-loss.png";

    /**
     * What to train and for how long.
     *
     * @param steps           the number of gradient steps in all; a resumed run continues up to it
     * @param depth           the number of LSTM layers
     * @param width           the units of each LSTM layer
     * @param length          the characters per sequence, the truncated-BPTT length
     * @param batch           the sequences per step
     * @param learningRate    Adam's step size
     * @param corpus          the text file, or null for {@link Corpus#locate the default}
     * @param seed            the seed of the initial weights and of the sample
     * @param sampleLength    the number of characters to generate at the end
     * @param out             the folder for the loss curve
     * @param checkpoint      the checkpoint file to resume from (when it exists) and save to, or null for none
     * @param checkpointEvery the steps between two saves of the checkpoint
     */
    public record Settings(int steps, int depth, int width, int length, int batch, double learningRate,
                           String corpus, long seed, int sampleLength, Path out, Path checkpoint,
                           int checkpointEvery) {

        /** Checks the sizes, so that a bad option fails before the corpus is read. */
        public Settings {
            if (steps < 0 || sampleLength < 0) {
                throw new IllegalArgumentException("steps and sample length must be at least 0");
            }
            if (depth < 1 || width < 1 || length < 1 || batch < 1 || checkpointEvery < 1) {
                throw new IllegalArgumentException("depth, hidden size, window, batch and checkpoint interval must"
                        + " be at least 1");
            }
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("the learning rate must be positive");
            }
        }

        /** @return the seed's model and optimizer, for a few minutes of training on two cores */
        public static Settings defaults() {
            return new Settings(300, 2, 128, 50, 4, 0.01, null, 42, 300, Paths.get("."), null, 50);
        }
    }

    private ShakespeareLstm() {
    }

    /**
     * Trains, writes the loss curve, saves the checkpoint and samples.
     *
     * @param settings what to do
     * @param out      where to print what happens
     * @return the trained model
     */
    public static CharModel train(Settings settings, PrintStream out) {
        Corpus corpus = Corpus.read(Corpus.locate(settings.corpus()));
        CharModel model = CharModel.of(corpus.alphabetSize(), settings.depth(), settings.width(),
                new Random(settings.seed()));
        Adam adam = new Adam(settings.learningRate());
        TextStreams streams = corpus.streams(settings.batch());
        double[] losses = new double[0];
        Path checkpoint = settings.checkpoint();
        if (checkpoint != null && Files.exists(checkpoint)) {
            Checkpoint.Resumed resumed = Checkpoint.load(checkpoint, model, adam);
            streams.seek(resumed.offset());
            losses = resumed.losses();
            out.printf("resumed from %s at step %d%s%n", checkpoint, losses.length, losses.length >= settings.steps()
                    ? " (no steps left to --steps " + settings.steps() + ")" : "");
        }
        double baseline = Math.log(corpus.alphabetSize());
        out.printf("corpus: %d characters, alphabet of %d; model %s (%d parameters)%n", corpus.length(),
                corpus.alphabetSize(), Checkpoint.shape(model), count(model));
        out.printf("Adam(%s); %d sequences of %d characters per step; uniform guessing: ln %d = %.3f nats/char%n",
                settings.learningRate(), settings.batch(), settings.length(), corpus.alphabetSize(), baseline);

        Trainer trainer = new Trainer(model, streams, settings.length(), adam);
        int first = losses.length;
        losses = Arrays.copyOf(losses, Math.max(first, settings.steps()));
        long started = System.nanoTime();
        try (Progress progress = Progress.start("lstm", Math.max(0, settings.steps() - first))) {
            for (int step = first; step < settings.steps(); step++) {
                losses[step] = trainer.step();
                progress.step(losses[step]);
                if (checkpoint != null && (step + 1) % settings.checkpointEvery() == 0) {
                    Checkpoint.save(checkpoint, model, adam, streams.offset(), Arrays.copyOf(losses, step + 1));
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (losses.length > first) {
            out.printf("%d steps in %.1f s (%.2f s/step); mean loss of the last %d: %.3f nats/char (uniform: %.3f)%n",
                    losses.length - first, seconds, seconds / (losses.length - first), recent(losses).length,
                    mean(recent(losses)), baseline);
        }
        if (checkpoint != null) {
            Checkpoint.save(checkpoint, model, adam, streams.offset(), losses);
        }
        Path curve = losses.length > 0 ? LossCurve.write(settings.out().resolve(CURVE), String.format(
                "char-LSTM on Shakespeare: %d LSTM layers of %d, Adam(%s)", settings.depth(), settings.width(),
                settings.learningRate()), losses) : null;

        int[] codes = model.sample(corpus.codeOf('\n'), settings.sampleLength(), 0.8, new Random(settings.seed()));
        StringBuilder text = new StringBuilder();
        for (int code : codes) {
            text.append(corpus.symbol(code));
        }
        out.println("sample:");
        out.println(text);
        if (curve != null) {
            out.println("wrote " + curve);
        }
        if (checkpoint != null) {
            out.println("wrote " + checkpoint);
        }
        return model;
    }

    /** The last tenth of the losses, at least one and at most all. */
    static double[] recent(double[] losses) {
        return Arrays.copyOfRange(losses, losses.length - Math.max(1, losses.length / 10), losses.length);
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static long count(CharModel model) {
        return model.parameters().stream().mapToLong(p -> p.length).sum();
    }
}
