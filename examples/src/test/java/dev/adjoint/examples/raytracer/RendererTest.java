package dev.adjoint.examples.raytracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;

class RendererTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** ∂f/∂xᵢ by central differences of the plain function, h = 1e-5. */
    private static double centralDifference(MultivariateFunction f, double[] x, int i) {
        double h = 1e-5;
        double[] p = x.clone();
        p[i] = x[i] + h;
        double up = f.apply(p);
        p[i] = x[i] - h;
        double down = f.apply(p);
        return (up - down) / (2 * h);
    }

    @Test
    void gradient_of_the_image_loss_in_the_light_agrees_with_central_differences() {
        Renderer renderer = LightRecovery.renderer(16, 12);
        Image target = renderer.render(LightRecovery.HIDDEN);
        MultivariateFunction loss = xyz -> renderer.loss(new Vec3(xyz[0], xyz[1], xyz[2]), target);
        double[] light = {0.5, 2.5, 3.0};

        double[] gradient = AD.gradient(loss, light);

        for (int i = 0; i < 3; i++) {
            double expected = centralDifference(loss, light, i);
            assertEquals(expected, gradient[i], 1e-6 * Math.max(1e-3, Math.abs(expected)), "component " + i);
        }
    }

    @Test
    void gradient_of_one_pixel_through_a_soft_shadow_agrees_with_central_differences() {
        // a floor point behind the green ball as seen from the light, in the ball's penumbra
        Scene scene = Scene.balls();
        Vec3 floor = new Vec3(1.4, 0, 4.0);
        Hit hit = new Hit(floor, scene.shapes().get(0));
        MultivariateFunction red = xyz -> scene.shade(hit, new Vec3(xyz[0], xyz[1], xyz[2])).x();
        double[] light = {0.2, 1.4, 3.0};
        assertTrue(scene.shapes().get(2).occlusion(floor, new Vec3(0.2, 1.4, 3.0), scene.penumbra()) > 0.05,
                "the point is in the penumbra");

        double[] gradient = AD.gradient(red, light);

        for (int i = 0; i < 3; i++) {
            double expected = centralDifference(red, light, i);
            assertEquals(expected, gradient[i], 1e-6 * Math.max(1e-3, Math.abs(expected)), "component " + i);
        }
    }

    @Test
    void gradient_descent_recovers_the_hidden_light_from_a_small_image() {
        Vec3 recovered = LightRecovery.recover(new LightRecovery.Settings(150, 16, 12, 0.2, null), QUIET);
        assertEquals(0, recovered.minus(LightRecovery.HIDDEN).length(), 0.05,
                "recovered " + recovered + ", hidden " + LightRecovery.HIDDEN);
        assertTrue(LightRecovery.GUESS.minus(LightRecovery.HIDDEN).length() > 4, "the guess starts far away");
    }

    @Test
    void the_target_and_the_recovered_render_are_written_as_pngs(@TempDir Path out) throws Exception {
        LightRecovery.recover(new LightRecovery.Settings(2, 8, 6, 0.2, out), QUIET);
        assertEquals(8, ImageIO.read(out.resolve("target.png").toFile()).getWidth());
        assertEquals(6, ImageIO.read(out.resolve("recovered.png").toFile()).getHeight());
        assertTrue(Files.size(out.resolve("target.png")) > 0);
    }
}
