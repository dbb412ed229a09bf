package dev.adjoint.examples.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A training run's loss per step, drawn as a PNG line chart with XChart. A noisy curve (stochastic gradients) also
 * gets its moving average, so that the trend can be read.
 */
public final class LossCurve {

    /** The image's width in pixels. */
    static final int WIDTH = 800;
    /** The image's height in pixels. */
    static final int HEIGHT = 500;
    /** Curves longer than this also get a moving average over a twentieth of their steps. */
    private static final int SMOOTHING_FROM = 50;

    private LossCurve() {
    }

    /**
     * Writes the chart, creating the file's folder if needed.
     *
     * @param png    the file to write
     * @param title  the chart's title
     * @param losses the loss after each step, step 1 first
     * @return {@code png}
     * @throws UncheckedIOException when the file cannot be written
     */
    public static Path write(Path png, String title, double[] losses) {
        if (losses.length == 0) {
            throw new IllegalArgumentException("no losses to plot");
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("step").yAxisTitle("loss").build();
        chart.getStyler().setLegendVisible(losses.length > SMOOTHING_FROM);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(0);
        // ticks from 0 rather than from step 1, so that they fall on round numbers
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        double[] steps = new double[losses.length];
        for (int k = 0; k < steps.length; k++) {
            steps[k] = k + 1;
        }
        XYSeries raw = chart.addSeries("loss", steps, losses);
        raw.setMarker(SeriesMarkers.NONE);
        if (losses.length > SMOOTHING_FROM) {
            XYSeries mean = chart.addSeries("moving average", steps, movingAverage(losses, losses.length / 20));
            mean.setMarker(SeriesMarkers.NONE);
        }
        try {
            Path folder = png.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            try (OutputStream out = Files.newOutputStream(png)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the loss curve " + png + ": " + e.getMessage(), e);
        }
        return png;
    }

    /** The mean of each value and the {@code span - 1} before it (fewer at the start). */
    private static double[] movingAverage(double[] values, int span) {
        double[] mean = new double[values.length];
        double sum = 0;
        for (int k = 0; k < values.length; k++) {
            sum += values[k];
            if (k >= span) {
                sum -= values[k - span];
            }
            mean[k] = sum / Math.min(k + 1, span);
        }
        return mean;
    }
}
