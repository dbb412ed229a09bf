package dev.adjoint.examples.raytracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

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

    /** One grey ball on a plain floor, the camera and the light on the ball's plane of symmetry x = 0. */
    private static Scene oneBall() {
        Vec3 grey = new Vec3(0.5, 0.5, 0.5);
        return new Scene(List.of(new Plane(0, grey, grey), new Sphere(new Vec3(0, 1, 5), 1, grey)), 3, 4, 0.05,
                0.1, new Vec3(0.1, 0.12, 0.2));
    }

    private static final Camera FRONT = new Camera(new Vec3(0, 1.5, 0), new Vec3(0, 1, 5), 60, 41, 41);

    /** The pixel whose ray meets the scene nearest the point. */
    private static int[] pixelSeeing(Scene scene, Camera camera, Vec3 point) {
        int[] best = null;
        double nearest = Double.POSITIVE_INFINITY;
        for (int row = 0; row < camera.height(); row++) {
            for (int column = 0; column < camera.width(); column++) {
                Hit hit = scene.trace(camera.ray(column, row));
                if (hit != null && hit.point().minus(point).length() < nearest) {
                    nearest = hit.point().minus(point).length();
                    best = new int[] {column, row};
                }
            }
        }
        assertTrue(nearest < 0.2, "a pixel sees " + point + " (nearest " + nearest + ")");
        return best;
    }

    private static double brightness(Image image, int[] pixel) {
        Vec3 c = image.get(pixel[0], pixel[1]);
        return c.x() + c.y() + c.z();
    }

    @Test
    void a_symmetric_scene_renders_as_a_mirror_symmetric_picture() {
        Image image = new Renderer(oneBall(), FRONT).render(new Vec3(0, 5, 3));
        for (int row = 0; row < image.height(); row++) {
            for (int column = 0; column < image.width(); column++) {
                Vec3 left = image.get(column, row);
                Vec3 right = image.get(image.width() - 1 - column, row);
                assertEquals(0, left.minus(right).length(), 1e-9, "pixel " + column + ", " + row);
            }
        }
        assertTrue(brightness(image, new int[] {20, 20}) > 0.3, "the ball in the middle is lit");
    }

    @Test
    void the_lit_ball_is_brighter_than_the_sky_and_its_shadow_darker_than_the_floor_beside_it() {
        // the light behind the ball and above it: its shadow falls on the floor towards the camera
        Scene scene = oneBall();
        Vec3 light = new Vec3(0, 6, 12);
        Image image = new Renderer(scene, FRONT).render(light);
        Vec3 shadow = new Vec3(0, 0, 3.3);
        Vec3 beside = new Vec3(2.0, 0, 4.0);
        Sphere ball = (Sphere) scene.shapes().get(1);
        assertTrue(ball.occlusion(shadow, light, scene.penumbra()) > 0.99, "the point is in the shadow");
        assertTrue(ball.occlusion(beside, light, scene.penumbra()) < 0.01, "the point beside it is lit");

        double inShadow = brightness(image, pixelSeeing(scene, FRONT, shadow));
        double lit = brightness(image, pixelSeeing(scene, FRONT, beside));
        Vec3 sky = image.get(20, 0);
        assertEquals(0, sky.minus(scene.sky()).length(), 1e-12, "the top row sees the sky");
        assertTrue(inShadow < 0.5 * lit, "shadow " + inShadow + ", lit floor " + lit);
        assertEquals(3 * 0.5 * 0.05, inShadow, 0.01, "only ambient light in the shadow");

        // the light in front of the ball, above the camera: the face the camera sees is lit
        Image front = new Renderer(scene, FRONT).render(new Vec3(0, 4, 1));
        double face = brightness(front, pixelSeeing(scene, FRONT, new Vec3(0, 1.5, 5 - Math.sqrt(0.75))));
        assertTrue(face > 3 * (sky.x() + sky.y() + sky.z()), "lit face " + face + ", sky " + sky);
    }

    @Test
    void gradient_descent_recovers_the_hidden_light_from_a_small_image() {
        LightRecovery.Recovery run = LightRecovery.recover(new LightRecovery.Settings(100, 16, 16, 0.1, null), QUIET);
        Vec3 recovered = run.light();
        assertEquals(0, recovered.minus(LightRecovery.HIDDEN).length(), 0.05,
                "recovered " + recovered + ", hidden " + LightRecovery.HIDDEN);
        assertTrue(LightRecovery.GUESS.minus(LightRecovery.HIDDEN).length() > 5, "the guess starts far away");
        assertTrue(run.finalLoss() < 1e-3 * run.losses()[0], "loss " + run.losses()[0] + " -> " + run.finalLoss());
    }

    @Test
    void the_figure_shows_the_first_render_the_recovered_render_and_the_target(@TempDir Path out)
            throws Exception {
        int size = 16;
        LightRecovery.Recovery run = LightRecovery.recover(new LightRecovery.Settings(100, size, size, 0.1, out),
                QUIET);

        BufferedImage figure = ImageIO.read(run.figure().toFile());
        assertEquals(out.resolve(LightRecovery.FIGURE), run.figure());
        assertEquals(Figure.MARGIN + 3 * (size + Figure.MARGIN), figure.getWidth());
        double firstToTarget = meanDifference(figure, 0, 2, size);
        double firstToAfter = meanDifference(figure, 0, 1, size);
        double afterToTarget = meanDifference(figure, 1, 2, size);
        assertTrue(firstToTarget > 10, "the first render is not the target: " + firstToTarget);
        assertTrue(firstToAfter > 10, "the light has moved: " + firstToAfter);
        assertTrue(afterToTarget < 1, "the render after the iterations matches the target: " + afterToTarget);
        assertTrue(afterToTarget < firstToTarget / 20, afterToTarget + " vs " + firstToTarget);
        // the target panel is the target render, as the PNG writer would encode it
        BufferedImage target = LightRecovery.renderer(size, size).render(LightRecovery.HIDDEN).toDisplay();
        assertEquals(target.getRGB(5, 7), figure.getRGB(Figure.MARGIN + 2 * (size + Figure.MARGIN) + 5,
                Figure.MARGIN + 7));
        BufferedImage curve = ImageIO.read(run.lossCurve().toFile());
        assertTrue(curve != null && curve.getWidth() > 100, "the loss curve is a picture");
    }

    /** The mean absolute difference of two panels of the figure, over pixels and channels, in 8-bit levels. */
    private static double meanDifference(BufferedImage figure, int a, int b, int size) {
        double sum = 0;
        for (int row = 0; row < size; row++) {
            for (int column = 0; column < size; column++) {
                int p = figure.getRGB(Figure.MARGIN + a * (size + Figure.MARGIN) + column, Figure.MARGIN + row);
                int q = figure.getRGB(Figure.MARGIN + b * (size + Figure.MARGIN) + column, Figure.MARGIN + row);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
                }
            }
        }
        return sum / (3 * size * size);
    }
}
