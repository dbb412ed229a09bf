package dev.adjoint.examples.raytracer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.ValueAndGradient;
import dev.adjoint.examples.lstm.Adam;

/**
 * Inverse rendering: renders the ball scene with the light at a hidden position, then finds the light again from
 * a wrong guess by gradient descent on the mean squared pixel difference, differentiating through the renderer
 * (rays, soft shadows, shading) with {@code AD.valueAndGradient}. Writes the target and the final render as PNGs.
 *
 * <pre>
 * java -javaagent:ad.jar -cp adjoint-examples.jar dev.adjoint.examples.raytracer.LightRecovery --out /tmp/render
 * </pre>
 */
public final class LightRecovery {

    /** The hidden light. */
    public static final Vec3 HIDDEN = new Vec3(4.0, 2.5, 5.5);

    /** The first guess. */
    public static final Vec3 GUESS = new Vec3(-1.0, 3.0, 6.0);

    /**
     * What to do.
     *
     * @param iterations   the number of gradient steps
     * @param width        the image width, pixels
     * @param height       the image height, pixels
     * @param learningRate Adam's step size, in the scene's units
     * @param out          the folder for {@code target.png} and {@code recovered.png}, or null for none
     */
    public record Settings(int iterations, int width, int height, double learningRate, Path out) {

        /** Checks the sizes. */
        public Settings {
            if (iterations < 0 || width < 1 || height < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("steps must be at least 0, the image at least 1 x 1 pixels, and"
                        + " the learning rate positive");
            }
        }

        /** @return 64 × 48 pixels, 150 steps, pictures in the working directory */
        public static Settings defaults() {
            return new Settings(150, 64, 48, 0.1, Paths.get("."));
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
     * Recovers the light, printing the loss and the estimate at each step.
     *
     * @param settings what to do
     * @param out      where to print
     * @return the recovered position
     */
    public static Vec3 recover(Settings settings, PrintStream out) {
        Renderer renderer = renderer(settings.width(), settings.height());
        Image target = renderer.render(HIDDEN);
        MultivariateFunction loss = xyz -> renderer.loss(new Vec3(xyz[0], xyz[1], xyz[2]), target);

        double[] light = {GUESS.x(), GUESS.y(), GUESS.z()};
        Adam adam = new Adam(settings.learningRate(), Double.POSITIVE_INFINITY);
        out.printf("%d x %d pixels; light hidden at %s, first guess %s%n", settings.width(), settings.height(),
                format(HIDDEN), format(GUESS));
        long started = System.nanoTime();
        for (int step = 1; step <= settings.iterations(); step++) {
            ValueAndGradient vg = AD.valueAndGradient(loss, light);
            out.printf("step %4d  loss %.3e  light %s  (%.0f ms/step)%n", step, vg.value(),
                    format(new Vec3(light[0], light[1], light[2])), (System.nanoTime() - started) / 1e6 / step);
            adam.step(List.of(light), List.of(vg.gradient()));
        }
        Vec3 recovered = new Vec3(light[0], light[1], light[2]);
        out.printf("recovered %s, %.4f from the hidden light%n", format(recovered),
                recovered.minus(HIDDEN).length());
        if (settings.out() != null) {
            write(target, settings.out().resolve("target.png"), out);
            write(renderer.render(recovered), settings.out().resolve("recovered.png"), out);
            write(renderer.render(GUESS), settings.out().resolve("guess.png"), out);
        }
        return recovered;
    }

    private static void write(Image image, Path file, PrintStream out) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            image.writePng(file);
            out.println("wrote " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String format(Vec3 v) {
        return String.format("(%.3f, %.3f, %.3f)", v.x(), v.y(), v.z());
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
