package dev.adjoint.examples.report;

import java.io.PrintStream;
import java.time.Duration;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress of a training run. On a terminal it is a progress bar (the progressbar library) showing the step,
 * the loss, the rate and the time left; when the output goes to a file or a pipe it is a plain line every tenth
 * of the run with the same facts, so that logs hold no terminal control codes.
 *
 * <pre>
 * try (Progress progress = Progress.start("training", steps)) {
 *     for (...) { ...; progress.step(loss); }
 * }
 * </pre>
 */
public final class Progress implements AutoCloseable {

    private static final int LINES = 10;

    private final String task;
    private final long totalSteps;
    private final ProgressBar bar;
    private final PrintStream out;
    private final long started;
    private long done;
    private long nextLine;

    private Progress(String task, long totalSteps, ProgressBar bar, PrintStream out) {
        this.task = task;
        this.totalSteps = totalSteps;
        this.bar = bar;
        this.out = out;
        this.started = System.nanoTime();
        this.nextLine = lineAfter(0);
    }

    /**
     * Starts showing progress on standard output.
     *
     * @param task       what is being done, shown before the bar or at the start of each line
     * @param totalSteps the number of steps the run will take, at least 0
     * @return the progress, to {@link #step} once a step and {@link #close} at the end
     */
    public static Progress start(String task, long totalSteps) {
        if (totalSteps < 0) {
            throw new IllegalArgumentException("a run of " + totalSteps + " steps");
        }
        if (!onTerminal()) {
            return new Progress(task, totalSteps, null, System.out);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalSteps)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" steps", 1)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.out))
                .build();
        return new Progress(task, totalSteps, bar, System.out);
    }

    /**
     * Records one step done.
     *
     * @param loss the loss at that step
     */
    public void step(double loss) {
        done++;
        if (bar != null) {
            bar.setExtraMessage(String.format(" loss %.4g", loss));
            bar.step();
        } else if (done >= nextLine || done == totalSteps) {
            out.println(line(loss));
            nextLine = lineAfter(done);
        }
    }

    /** Ends the bar (on a terminal, moves to the next line). */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    private String line(double loss) {
        double seconds = (System.nanoTime() - started) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String left = rate > 0 ? clock(Math.max(0, totalSteps - done) / rate) : "?";
        return String.format("%s: step %d/%d  loss %.4g  %.2f steps/s  %s left", task, done, totalSteps, loss, rate,
                left);
    }

    /** The step at which the next line is due: the next tenth of the run. */
    private long lineAfter(long step) {
        long tenth = Math.max(1, (totalSteps + LINES - 1) / LINES);
        return (step / tenth + 1) * tenth;
    }

    private static String clock(double seconds) {
        Duration d = Duration.ofMillis(Math.round(1000 * seconds));
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    /**
     * Whether standard output is an interactive terminal. Java 22 and later return a console even when output is
     * redirected, and say whether it is a terminal through {@code Console.isTerminal()}, looked up by name so that
     * this compiles for Java 17.
     */
    private static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException absentBefore22) {
            return true;
        }
    }
}
