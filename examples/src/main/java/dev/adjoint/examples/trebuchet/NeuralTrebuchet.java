package dev.adjoint.examples.trebuchet;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;

import dev.adjoint.AD;
import dev.adjoint.examples.lstm.Adam;
import dev.adjoint.examples.report.LossCurve;
import dev.adjoint.examples.report.Progress;

/**
 * Zygote's neural trebuchet (Innes et al. 2019, section 4.2): a network learns to aim a simulated trebuchet at a
 * target in a wind, trained by gradient descent (Adam) on the squared miss distance, differentiating through the
 * simulator's time-stepping loops with {@code AD.gradient(controller, c -> range.meanSquaredMiss(c, shots))}. Then
 * it aims a set of test shots, and the same shots are aimed the direct way (gradient descent on the controls
 * through the simulator, shot by shot) to compare the times.
 *
 * <pre>
 * java -javaagent:ad.jar -cp adjoint-examples.jar:lib/* dev.adjoint.examples.trebuchet.NeuralTrebuchet --steps 300
 * </pre>
 */
public final class NeuralTrebuchet {

    private static final int WARM_UP_SHOTS = 10;

    /**
     * What to do.
     *
     * @param steps        the number of gradient steps
     * @param batch        the number of random shots per step
     * @param learningRate Adam's step size
     * @param seed         the seed of the weights and the shots
     * @param shots        the number of test shots aimed both ways
     * @param out          the folder for the loss curve {@code trebuchet-loss.png}
     */
    public record Settings(int steps, int batch, double learningRate, long seed, int shots, Path out) {

        /** Checks the sizes. */
        public Settings {
            if (steps < 1 || batch < 1 || shots < 1 || !(learningRate > 0) || out == null) {
                throw new IllegalArgumentException("steps, the batch and the test shots must be at least 1, the"
                        + " learning rate positive, and the output folder given");
            }
        }

        /** @return the example's settings: about a minute of training on 2 cores */
        public static Settings defaults() {
            return new Settings(600, 16, 0.03, 7, 20, Paths.get("."));
        }

        /**
         * Reads {@code --steps N}, {@code --batch N}, {@code --lr X}, {@code --seed N}, {@code --shots N},
         * {@code --out DIR} over the defaults.
         *
         * @param args the command line
         * @return the settings
         */
        public static Settings parse(String[] args) {
            Settings d = defaults();
            int steps = d.steps;
            int batch = d.batch;
            double learningRate = d.learningRate;
            long seed = d.seed;
            int shots = d.shots;
            Path out = d.out;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--steps" -> steps = Integer.parseInt(value);
                    case "--batch" -> batch = Integer.parseInt(value);
                    case "--lr" -> learningRate = Double.parseDouble(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--shots" -> shots = Integer.parseInt(value);
                    case "--out" -> out = Paths.get(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; known: --steps --batch --lr --seed --shots --out");
                }
            }
            return new Settings(steps, batch, learningRate, seed, shots, out);
        }
    }

    /**
     * What a run produced.
     *
     * @param controller the trained network
     * @param losses     the training loss (mean squared miss of the step's batch, m²) at each step
     * @param testMiss   the trained network's mean miss on the test shots, metres
     * @param lossCurve  the loss curve's PNG
     * @param trial      the timing of the two ways of aiming
     */
    public record Run(Controller controller, double[] losses, double testMiss, Path lossCurve,
                      SpeedTrial.Outcome trial) {
    }

    private NeuralTrebuchet() {
    }

    /**
     * Trains a controller, showing the progress, writes the loss curve, then aims the test shots both ways.
     *
     * @param settings what to do
     * @param out      where to print
     * @return what the run produced
     */
    public static Run run(Settings settings, PrintStream out) {
        Random random = new Random(settings.seed());
        Range range = Range.standard();
        Controller controller = new Controller(random);
        Shot[] test = Shot.random(settings.shots(), new Random(settings.seed() + 1));
        out.printf("targets %.0f-%.0f m, wind up to %.0f m/s either way; %d steps of %d shots;"
                + " the untrained network misses by %.1f m on average%n", Shot.NEAREST, Shot.FARTHEST,
                Shot.STRONGEST_WIND, settings.steps(), settings.batch(), range.meanMiss(controller, test));
        double[] losses = new double[settings.steps()];
        Adam adam = new Adam(settings.learningRate(), Double.POSITIVE_INFINITY);
        long started = System.nanoTime();
        try (Progress progress = Progress.start("trebuchet", settings.steps())) {
            for (int step = 0; step < settings.steps(); step++) {
                Shot[] shots = Shot.random(settings.batch(), random);
                losses[step] = range.meanSquaredMiss(controller, shots);
                Controller gradient = AD.gradient(controller, c -> range.meanSquaredMiss(c, shots));
                adam.step(controller.parameters(), gradient.parameters());
                progress.step(losses[step]);
            }
        }
        double testMiss = range.meanMiss(controller, test);
        out.printf("trained in %.1f s; the network misses the %d test shots by %.2f m on average%n",
                (System.nanoTime() - started) / 1e9, test.length, testMiss);
        Path curve = LossCurve.write(settings.out().resolve("trebuchet-loss.png"),
                "Neural trebuchet: mean squared miss (m²) of each step's shots", losses);
        SpeedTrial.Outcome trial = new SpeedTrial(range).run(controller, test,
                Shot.random(WARM_UP_SHOTS, new Random(settings.seed() + 2)), out);
        out.println("wrote " + curve);
        return new Run(controller, losses, testMiss, curve, trial);
    }

    /**
     * Runs the example.
     *
     * @param args options, see {@link Settings#parse}
     */
    public static void main(String[] args) {
        run(Settings.parse(args), System.out);
    }
}
