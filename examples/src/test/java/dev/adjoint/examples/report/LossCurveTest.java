package dev.adjoint.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCurveTest {

    @Test
    void a_falling_loss_is_drawn_as_a_png_in_a_new_folder(@TempDir Path out) throws Exception {
        double[] losses = new double[200];
        for (int k = 0; k < losses.length; k++) {
            losses[k] = 10 * Math.exp(-k / 30.0);
        }
        Path png = out.resolve("plots/loss.png");

        assertEquals(png, LossCurve.write(png, "falling", losses));

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
        assertTrue(colours(image) > 10, "a chart, not a blank picture");
    }

    @Test
    void no_losses_or_a_nan_loss_is_refused_with_the_step() {
        assertThrows(IllegalArgumentException.class, () -> LossCurve.write(Path.of("x.png"), "t", new double[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossCurve.write(Path.of("x.png"), "t", new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("step 2"), e.getMessage());
    }

    private static int colours(BufferedImage image) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
