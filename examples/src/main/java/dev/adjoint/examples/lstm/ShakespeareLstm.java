package dev.adjoint.examples.lstm;

import java.io.PrintStream;
import java.util.Random;
/**
 * Trains a character-level LSTM on Shakespeare (Karpathy's char-rnn, at the size of his min-char-rnn) with
 * gradients from {@code AD.gradient(model, m -> m.loss(window))} (see {@link Trainer}): no backward pass is written anywhere. Prints the
 * smoothed loss as it falls from ln(65) ≈ 4.17 nats per character, then a sample of generated text.
 *
 * <pre>
 * java -javaagent:ad.jar -cp adjoint-examples.jar dev.adjoint.examples.lstm.ShakespeareLstm --steps 1500
 * </pre>
 */
public final class ShakespeareLstm {

    /**
     * What to train and for how long.
     *
     * @param steps        the number of gradient steps
     * @param width        the number of LSTM units
     * @param window       the truncated-BPTT length, in characters
     * @param learningRate Adam's step size
     * @param corpus       the text file, or null for {@link Corpus#locate the default}
     * @param seed         the seed of the initial weights and of the sample
     * @param sampleLength the number of characters to generate at the end
     * @param reportEvery  the number of steps between two progress lines
     */
    public record Settings(int steps, int width, int window, double learningRate, String corpus, long seed,
                           int sampleLength, int reportEvery) {

        /** Checks the sizes, so that a bad option fails before the corpus is read. */
        public Settings {
            if (steps < 0 || width < 1 || window < 1 || sampleLength < 0 || reportEvery < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("steps and sample length must be at least 0, hidden size and"
                        + " window at least 1, and the learning rate positive");
            }
        }

        /** @return settings that train for about a minute on two cores */
        public static Settings defaults() {
            return new Settings(2000, 64, 25, 0.01, null, 42, 400, 100);
        }

        /**
         * Reads {@code --steps N}, {@code --hidden N}, {@code --window N}, {@code --lr X}, {@code --data FILE},
         * {@code --seed N}, {@code --sample N} over the defaults.
         *
         * @param args the command line
         * @return the settings
         */
        public static Settings parse(String[] args) {
            Settings d = defaults();
            int steps = d.steps;
            int width = d.width;
            int window = d.window;
            double learningRate = d.learningRate;
            String corpus = d.corpus;
            long seed = d.seed;
            int sampleLength = d.sampleLength;
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--steps" -> steps = Integer.parseInt(value);
                    case "--hidden" -> width = Integer.parseInt(value);
                    case "--window" -> window = Integer.parseInt(value);
                    case "--lr" -> learningRate = Double.parseDouble(value);
                    case "--data" -> corpus = value;
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--sample" -> sampleLength = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; known: --steps --hidden --window --lr --data --seed --sample");
                }
            }
            return new Settings(steps, width, window, learningRate, corpus, seed, sampleLength, d.reportEvery);
        }
    }

    private ShakespeareLstm() {
    }

    /**
     * Trains and samples.
     *
     * @param settings what to do
     * @param out      where to print progress and the sample
     * @return the trained model
     */
    public static CharModel train(Settings settings, PrintStream out) {
        Corpus corpus = Corpus.read(Corpus.locate(settings.corpus()));
        Random random = new Random(settings.seed());
        CharModel model = new CharModel(corpus.alphabetSize(), settings.width(), random);
        Adam adam = new Adam(settings.learningRate(), 5.0);
        out.printf("corpus: %d characters, alphabet of %d; LSTM of %d units, windows of %d, %d steps%n",
                corpus.length(), corpus.alphabetSize(), settings.width(), settings.window(), settings.steps());

        Trainer trainer = new Trainer(model, corpus, settings.window(), adam);
        double smoothed = Math.log(corpus.alphabetSize());
        out.printf("step %5d  loss %.3f nats/char  (uniform guessing)%n", 0, smoothed);
        long started = System.nanoTime();
        for (int step = 1; step <= settings.steps(); step++) {
            smoothed = 0.98 * smoothed + 0.02 * trainer.step();
            if (step % settings.reportEvery() == 0 || step == settings.steps()) {
                double seconds = (System.nanoTime() - started) / 1e9;
                out.printf("step %5d  loss %.3f nats/char  (%.1f s, %.1f ms/step)%n", step, smoothed, seconds,
                        1000 * seconds / step);
            }
        }
        int[] codes = model.sample(corpus.codeOf('\n'), settings.sampleLength(), 0.8, new Random(settings.seed()));
        StringBuilder text = new StringBuilder();
        for (int code : codes) {
            text.append(corpus.symbol(code));
        }
        out.println("sample:");
        out.println(text);
        return model;
    }

    /**
     * Runs the example.
     *
     * @param args options, see {@link Settings#parse}
     */
    public static void main(String[] args) {
        train(Settings.parse(args), System.out);
    }
}
