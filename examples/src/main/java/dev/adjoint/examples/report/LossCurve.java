package dev.adjoint.examples.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A training run's loss curve, drawn by XChart as a PNG line chart: the loss at each step against the step.
 */
public final class LossCurve {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    /** A loss that falls over more decades than this is drawn on a logarithmic axis, where its tail stays visible. */
    private static final double LOG_SCALE_RANGE = 100;

    private LossCurve() {
    }

    /**
     * Writes the chart.
     *
     * @param png    the file to write, its folder created if missing
     * @param title  the chart's title
     * @param losses the loss at steps 1, 2, …; at least one, all finite
     * @return {@code png}
     * @throws UncheckedIOException when the file cannot be written
     */
    public static Path write(Path png, String title, double[] losses) {
        if (losses.length == 0) {
            throw new IllegalArgumentException("no losses to draw");
        }
        double[] steps = new double[losses.length];
        double smallest = Double.POSITIVE_INFINITY;
        double largest = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < losses.length; k++) {
            if (!Double.isFinite(losses[k])) {
                throw new IllegalArgumentException("the loss at step " + (k + 1) + " is " + losses[k]);
            }
            steps[k] = k + 1;
            smallest = Math.min(smallest, losses[k]);
            largest = Math.max(largest, losses[k]);
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("step").yAxisTitle("loss").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisLogarithmic(smallest > 0 && largest / smallest > LOG_SCALE_RANGE);
        chart.addSeries("loss", steps, losses).setMarker(SeriesMarkers.NONE);
        try {
            Path folder = png.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            try (OutputStream out = Files.newOutputStream(png)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
        return png;
    }
}
