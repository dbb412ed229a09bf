package dev.adjoint.examples.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress of a training run. On a terminal it is a progress bar (the progressbar library) with the step, the
 * loss, the rate and the time left; when the output is a pipe or a file it is a plain line every tenth of the run,
 * with the same figures and no terminal control codes.
 *
 * <pre>
 * try (Progress progress = Progress.start("lstm", steps)) {
 *     for (int s = 0; s < steps; s++) {
 *         progress.step(trainer.step());
 *     }
 * }
 * </pre>
 */
public final class Progress implements AutoCloseable {

    private static final int LINES = 10;

    private final String task;
    private final long totalSteps;
    private final ProgressBar bar;
    private final PrintStream lines;
    private final long started = System.nanoTime();
    private long steps;
    private long nextLine;

    private Progress(String task, long totalSteps, ProgressBar bar, PrintStream lines) {
        this.task = task;
        this.totalSteps = totalSteps;
        this.bar = bar;
        this.lines = lines;
        this.nextLine = lineAfter(0);
    }

    /**
     * Starts showing the progress of a run: a bar on standard error when the JVM has a terminal, otherwise lines on
     * standard output.
     *
     * @param task       what runs, shown before the figures
     * @param totalSteps the number of steps the run will take
     * @return the progress, to be closed at the end of the run
     */
    public static Progress start(String task, long totalSteps) {
        if (totalSteps < 0) {
            throw new IllegalArgumentException("a run cannot take " + totalSteps + " steps");
        }
        if (System.console() == null) {
            return new Progress(task, totalSteps, null, System.out);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalSteps)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" steps", 1).showSpeed().setUpdateIntervalMillis(250)
                .build();
        return new Progress(task, totalSteps, bar, null);
    }

    /**
     * Records one step.
     *
     * @param loss the step's loss
     */
    public void step(double loss) {
        steps++;
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", loss));
        } else if (steps >= nextLine) {
            lines.println(line(loss));
            nextLine = lineAfter(steps);
        }
    }

    /** The step after which the next plain line is printed: the next tenth of the run, and the last step. */
    private long lineAfter(long step) {
        long tenth = Math.max(1, (totalSteps + LINES - 1) / LINES);
        return Math.min(Math.max(totalSteps, 1), (step / tenth + 1) * tenth);
    }

    private String line(double loss) {
        double seconds = (System.nanoTime() - started) / 1e9;
        double rate = steps / Math.max(seconds, 1e-9);
        long left = Math.round(Math.max(0, totalSteps - steps) / rate);
        return String.format(Locale.ROOT, "%s: step %d/%d  loss %.4f  %.1f steps/s  %s left", task, steps,
                totalSteps, loss, rate, clock(Duration.ofSeconds(left)));
    }

    private static String clock(Duration d) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    /** Finishes the bar; the plain lines need nothing more. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
