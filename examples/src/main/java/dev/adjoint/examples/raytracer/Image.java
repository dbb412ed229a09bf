package dev.adjoint.examples.raytracer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * An RGB image of linear intensities, row by row, three doubles a pixel.
 */
public final class Image {

    private final int width;
    private final int height;
    private final double[] rgb;

    /**
     * @param width  pixels
     * @param height pixels
     */
    public Image(int width, int height) {
        this.width = width;
        this.height = height;
        this.rgb = new double[3 * width * height];
    }

    /** @return the width, pixels */
    public int width() {
        return width;
    }

    /** @return the height, pixels */
    public int height() {
        return height;
    }

    /**
     * @param column the column
     * @param row    the row
     * @return the pixel's colour
     */
    public Vec3 get(int column, int row) {
        int k = 3 * (row * width + column);
        return new Vec3(rgb[k], rgb[k + 1], rgb[k + 2]);
    }

    /**
     * @param column the column
     * @param row    the row
     * @param color  the pixel's colour
     */
    public void set(int column, int row, Vec3 color) {
        int k = 3 * (row * width + column);
        rgb[k] = color.x();
        rgb[k + 1] = color.y();
        rgb[k + 2] = color.z();
    }

    /**
     * @param other an image of the same size
     * @return the mean over pixels and channels of the squared difference
     */
    public double meanSquaredError(Image other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("images of different sizes");
        }
        double sum = 0;
        for (int k = 0; k < rgb.length; k++) {
            double d = rgb[k] - other.rgb[k];
            sum += d * d;
        }
        return sum / rgb.length;
    }

    /**
     * Writes the image as a PNG, clipped to [0, 1] and gamma-encoded for display.
     *
     * @param file the file
     * @throws IOException when it cannot be written
     */
    public void writePng(Path file) throws IOException {
        if (!ImageIO.write(toDisplay(), "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    /** @return the image for display: clipped to [0, 1], gamma-encoded, 8 bits a channel */
    public BufferedImage toDisplay() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < height; row++) {
            for (int column = 0; column < width; column++) {
                Vec3 c = get(column, row);
                out.setRGB(column, row, (byte8(c.x()) << 16) | (byte8(c.y()) << 8) | byte8(c.z()));
            }
        }
        return out;
    }

    private static int byte8(double linear) {
        double clipped = Math.min(1, Math.max(0, linear));
        return (int) Math.round(255 * Math.pow(clipped, 1 / 2.2));
    }
}
