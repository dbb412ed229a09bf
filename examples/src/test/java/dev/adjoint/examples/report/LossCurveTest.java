package dev.adjoint.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCurveTest {

    @TempDir
    Path folder;

    @Test
    void writes_a_png_of_the_chart_size_that_image_io_reads_back() throws IOException {
        double[] losses = new double[200];
        for (int k = 0; k < losses.length; k++) {
            losses[k] = 4 * Math.exp(-k / 50.0) + 0.1 * Math.sin(k);
        }
        Path png = LossCurve.write(folder.resolve("curves/loss.png"), "a falling loss", losses);

        assertEquals(folder.resolve("curves/loss.png"), png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "ImageIO reads a PNG");
        assertEquals(LossCurve.WIDTH, image.getWidth());
        assertEquals(LossCurve.HEIGHT, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 5, "a chart, not a blank image: " + colours.size() + " colours");
    }
}
