package dev.adjoint.examples.raytracer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.ValueAndGradient;
import dev.adjoint.examples.lstm.Adam;
import dev.adjoint.examples.report.LossCurve;
import dev.adjoint.examples.report.Progress;

/**
 * Inverse rendering, as in the paper's ray tracer (Innes et al. 2019, section 4.3): renders the ball scene with
 * the light at a hidden position, then finds the light again from the paper's first guess, (1, 2, −7), by gradient
 * descent (Adam) on the mean squared pixel difference, differentiating through the renderer (rays, soft shadows,
 * shading) with {@code AD.valueAndGradient}. Writes the paper's three pictures side by side as one PNG (the first
 * render, the render after the last iteration, the target) and the loss curve.
 *
 * <pre>
 * java -javaagent:ad.jar -cp adjoint-examples.jar:lib/* dev.adjoint.examples.raytracer.LightRecovery --out /tmp/render
 * </pre>
 */
public final class LightRecovery {

    /** The hidden light. */
    public static final Vec3 HIDDEN = new Vec3(3.0, 4.5, -1.5);

    /** The first guess: the paper's. */
    public static final Vec3 GUESS = new Vec3(1.0, 2.0, -7.0);

    /** The figure's file name in the output folder. */
    public static final String FIGURE = "raytracer.png";

    /** The loss curve's file name in the output folder. */
    public static final String LOSS_CURVE = "raytracer-loss.png";

    /**
     * What to do.
     *
     * @param iterations   the number of gradient steps
     * @param width        the image width, pixels
     * @param height       the image height, pixels
     * @param learningRate Adam's step size, in the scene's units
     * @param out          the folder for the figure and the loss curve, or null for none
     */
    public record Settings(int iterations, int width, int height, double learningRate, Path out) {

        /** Checks the sizes. */
        public Settings {
            if (iterations < 1 || width < 1 || height < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("steps must be at least 1, the image at least 1 x 1 pixels, and"
                        + " the learning rate positive");
            }
        }

        /** @return the paper's setting: 200 × 200 pixels, 100 iterations; pictures in the working directory */
        public static Settings defaults() {
            return new Settings(100, 200, 200, 0.1, Paths.get("."));
        }

        /**
         * Reads {@code --steps N}, {@code --width N}, {@code --height N}, {@code --lr X}, {@code --out DIR} over the
         * defaults.
         *
         * @param args the command line
         * @return the settings
         */
        public static Settings parse(String[] args) {
            Settings d = defaults();
            int iterations = d.iterations;
            int width = d.width;
            int height = d.height;
            double learningRate = d.learningRate;
            Path out = d.out;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--steps" -> iterations = Integer.parseInt(value);
                    case "--width" -> width = Integer.parseInt(value);
                    case "--height" -> height = Integer.parseInt(value);
                    case "--lr" -> learningRate = Double.parseDouble(value);
                    case "--out" -> out = Paths.get(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; known: --steps --width --height --lr --out");
                }
            }
            return new Settings(iterations, width, height, learningRate, out);
        }
    }

    /**
     * What a run produced.
     *
     * @param light     the recovered light
     * @param losses    the loss at each iteration, before its step
     * @param finalLoss the loss of the recovered light's render
     * @param figure    the three-panel PNG, or null when no output folder was given
     * @param lossCurve the loss curve's PNG, or null when no output folder was given
     */
    public record Recovery(Vec3 light, double[] losses, double finalLoss, Path figure, Path lossCurve) {
    }

    private LightRecovery() {
    }

    /**
     * @param width  pixels
     * @param height pixels
     * @return the renderer of the ball scene, seen from in front and above
     */
    public static Renderer renderer(int width, int height) {
        Camera camera = new Camera(new Vec3(0, 1.6, -1.5), new Vec3(0, 0.6, 4.5), 50, width, height);
        return new Renderer(Scene.balls(), camera);
    }

    /**
     * Recovers the light, showing the progress, then writes the figure and the loss curve.
     *
     * @param settings what to do
     * @param out      where to print
     * @return what the run produced
     */
    public static Recovery recover(Settings settings, PrintStream out) {
        Renderer renderer = renderer(settings.width(), settings.height());
        Image target = renderer.render(HIDDEN);
        Image first = renderer.render(GUESS);
        MultivariateFunction loss = xyz -> renderer.loss(new Vec3(xyz[0], xyz[1], xyz[2]), target);

        double[] light = {GUESS.x(), GUESS.y(), GUESS.z()};
        double[] losses = new double[settings.iterations()];
        Adam adam = new Adam(settings.learningRate(), Double.POSITIVE_INFINITY);
        out.printf("%d x %d pixels; light hidden at %s, first guess %s; %d iterations%n", settings.width(),
                settings.height(), format(HIDDEN), format(GUESS), settings.iterations());
        long started = System.nanoTime();
        try (Progress progress = Progress.start("ray tracer", settings.iterations())) {
            for (int step = 0; step < settings.iterations(); step++) {
                ValueAndGradient vg = AD.valueAndGradient(loss, light);
                losses[step] = vg.value();
                adam.step(List.of(light), List.of(vg.gradient()));
                progress.step(vg.value());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Vec3 recovered = new Vec3(light[0], light[1], light[2]);
        Image after = renderer.render(recovered);
        double finalLoss = after.meanSquaredError(target);
        out.printf("%d iterations in %.1f s (%.2f s each); loss %.3e -> %.3e%n", settings.iterations(), seconds,
                seconds / settings.iterations(), losses[0], finalLoss);
        out.printf("recovered %s, %.4f from the hidden light%n", format(recovered), recovered.minus(HIDDEN).length());
        if (settings.out() == null) {
            return new Recovery(recovered, losses, finalLoss, null, null);
        }
        Path figure = Figure.write(settings.out().resolve(FIGURE), List.of(first, after, target),
                List.of("first render: light at " + format(GUESS, 0),
                        "after " + settings.iterations() + " iterations",
                        "target: light at " + format(HIDDEN, 1)));
        Path curve = LossCurve.write(settings.out().resolve(LOSS_CURVE),
                "Ray tracer: mean squared pixel difference to the target", losses);
        out.println("wrote " + figure);
        out.println("wrote " + curve);
        return new Recovery(recovered, losses, finalLoss, figure, curve);
    }

    private static String format(Vec3 v) {
        return format(v, 3);
    }

    private static String format(Vec3 v, int decimals) {
        String f = "%." + decimals + "f";
        return String.format("(" + f + ", " + f + ", " + f + ")", v.x(), v.y(), v.z());
    }

    /**
     * Runs the example.
     *
     * @param args options, see {@link Settings#parse}
     */
    public static void main(String[] args) {
        recover(Settings.parse(args), System.out);
    }
}
