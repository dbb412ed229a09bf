package dev.adjoint.examples.trebuchet;

import java.io.PrintStream;
import java.util.Random;

import dev.adjoint.AD;
import dev.adjoint.examples.lstm.Adam;

/**
 * Zygote's neural trebuchet (Innes et al. 2019, section 4.2): a network learns to aim a simulated trebuchet at a
 * target in a wind, trained by gradient descent (Adam) on the squared miss distance, differentiating through the
 * simulator's time-stepping loops with {@code AD.gradient(controller, c -> range.meanSquaredMiss(c, shots))}.
 *
 * <pre>
 * java -javaagent:ad.jar -cp adjoint-examples.jar dev.adjoint.examples.trebuchet.NeuralTrebuchet --steps 300
 * </pre>
 */
public final class NeuralTrebuchet {

    /**
     * What to train.
     *
     * @param steps        the number of gradient steps
     * @param batch        the number of random shots per step
     * @param learningRate Adam's step size
     * @param seed         the seed of the weights and the shots
     * @param reportEvery  the number of steps between two progress lines
     */
    public record Settings(int steps, int batch, double learningRate, long seed, int reportEvery) {

        /** Checks the sizes. */
        public Settings {
            if (steps < 0 || batch < 1 || reportEvery < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("steps must be at least 0, the batch at least 1, and the"
                        + " learning rate positive");
            }
        }

        /** @return settings that train in about ten seconds */
        public static Settings defaults() {
            return new Settings(300, 16, 0.03, 7, 25);
        }

        /**
         * Reads {@code --steps N}, {@code --batch N}, {@code --lr X}, {@code --seed N} over the defaults.
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
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; known: --steps --batch --lr --seed");
                }
            }
            return new Settings(steps, batch, learningRate, seed, d.reportEvery);
        }
    }

    private NeuralTrebuchet() {
    }

    /**
     * Trains a controller, printing the mean miss on a fixed set of test shots as it falls, then a few shots.
     *
     * @param settings what to do
     * @param out      where to print
     * @return the trained controller
     */
    public static Controller train(Settings settings, PrintStream out) {
        Random random = new Random(settings.seed());
        Range range = Range.standard();
        Controller controller = new Controller(random);
        Shot[] test = Shot.random(64, new Random(settings.seed() + 1));
        out.printf("targets %.0f-%.0f m, wind up to %.0f m/s either way; %d steps of %d shots%n", Shot.NEAREST,
                Shot.FARTHEST, Shot.STRONGEST_WIND, settings.steps(), settings.batch());
        out.printf("step %5d  mean miss %6.2f m%n", 0, range.meanMiss(controller, test));
        Adam adam = new Adam(settings.learningRate(), Double.POSITIVE_INFINITY);
        long started = System.nanoTime();
        for (int step = 1; step <= settings.steps(); step++) {
            Shot[] shots = Shot.random(settings.batch(), random);
            Controller gradient = AD.gradient(controller, c -> range.meanSquaredMiss(c, shots));
            adam.step(controller.parameters(), gradient.parameters());
            if (step % settings.reportEvery() == 0 || step == settings.steps()) {
                double seconds = (System.nanoTime() - started) / 1e9;
                out.printf("step %5d  mean miss %6.2f m  (%.1f s, %.1f ms/step)%n", step,
                        range.meanMiss(controller, test), seconds, 1000 * seconds / step);
            }
        }
        out.println("test shots:");
        for (int i = 0; i < 5; i++) {
            Shot shot = test[i];
            Aim aim = controller.aim(shot.target(), shot.wind());
            Release release = range.release(aim);
            double landing = range.landing(aim, shot.wind());
            out.printf("  target %5.1f m, wind %+4.1f m/s: counterweight %5.1f kg, launch %4.1f° at %4.1f m/s"
                    + " -> lands at %5.1f m (miss %+.2f m)%n", shot.target(), shot.wind(), aim.counterweight(),
                    release.angleDegrees(), release.speed(), landing, landing - shot.target());
        }
        return controller;
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
