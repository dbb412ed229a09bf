package dev.adjoint.examples.raytracer;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * Renders side by side, each with its caption underneath, on a white page, written as one PNG: the way the paper
 * shows the first render, the render after the optimisation and the target (its figures 4, 5 and 6).
 */
public final class Figure {

    /** The white space around and between the panels, pixels. */
    static final int MARGIN = 10;

    /** The height of the caption strip under the panels, pixels. */
    static final int CAPTION = 30;

    private static final int LARGEST_FONT = 14;
    private static final int SMALLEST_FONT = 8;

    private Figure() {
    }

    /**
     * @param panels   the pictures, all the same size
     * @param captions one caption a picture
     * @return the figure
     */
    public static BufferedImage compose(List<Image> panels, List<String> captions) {
        if (panels.isEmpty() || panels.size() != captions.size()) {
            throw new IllegalArgumentException(panels.size() + " panels and " + captions.size() + " captions");
        }
        int width = panels.get(0).width();
        int height = panels.get(0).height();
        for (Image panel : panels) {
            if (panel.width() != width || panel.height() != height) {
                throw new IllegalArgumentException("panels of different sizes");
            }
        }
        BufferedImage figure = new BufferedImage(MARGIN + panels.size() * (width + MARGIN),
                MARGIN + height + CAPTION, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = figure.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, figure.getWidth(), figure.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            for (int k = 0; k < panels.size(); k++) {
                int left = MARGIN + k * (width + MARGIN);
                g.drawImage(panels.get(k).toDisplay(), left, MARGIN, null);
                drawCaption(g, captions.get(k), left, width, MARGIN + height);
            }
        } finally {
            g.dispose();
        }
        return figure;
    }

    /**
     * Composes the figure and writes it.
     *
     * @param png      the file, its folder created if missing
     * @param panels   the pictures, all the same size
     * @param captions one caption a picture
     * @return {@code png}
     * @throws UncheckedIOException when the file cannot be written
     */
    public static Path write(Path png, List<Image> panels, List<String> captions) {
        BufferedImage figure = compose(panels, captions);
        try {
            Path folder = png.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            if (!ImageIO.write(figure, "png", png.toFile())) {
                throw new IOException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
        return png;
    }

    /** Centres the caption under its panel, in the largest font (down to a legible size) that fits its width. */
    private static void drawCaption(Graphics2D g, String caption, int left, int width, int top) {
        int size = LARGEST_FONT;
        FontMetrics metrics = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, size));
        while (size > SMALLEST_FONT && metrics.stringWidth(caption) > width) {
            size--;
            metrics = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, size));
        }
        g.setFont(metrics.getFont());
        int x = left + Math.max(0, (width - metrics.stringWidth(caption)) / 2);
        int y = top + (CAPTION + metrics.getAscent() - metrics.getDescent()) / 2;
        g.drawString(caption, x, y);
    }
}
