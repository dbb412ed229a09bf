package dev.adjoint.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ad bench table1}: the seed paper's Table 1, AD overhead per operation of LSTM networks, for Adjoint. */
@Command(name = "table1", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "AD overhead per operation of LSTM networks, as in the paper's Table 1.",
            "",
            "Measures Adjoint's AD overhead per operation for LSTM networks of depth 1, 2",
            "and 3 by the method of the seed paper's Table 1 (Innes et al. 2019): the",
            "overhead, gradient time less primal time, is measured at several batch sizes",
            "and fitted by a line in the batch size. Takes about two minutes.",
            "",
            "  per primitive op  the slope of the overhead over the slope of the primal's",
            "                    floating-point operations (arithmetic on double and float,",
            "                    Math calls), counted on an instrumented copy",
            "  per array op      the overhead at batch size 0 (the fit's intercept) over the",
            "                    array-level operations Zygote records for the same Flux",
            "                    model: 13 per LSTM layer and time step, 8 for Dense,",
            "                    softmax and cross-entropy",
            "",
            "The network is the seed's char-LSTM: LSTM layers of WIDTH units over an",
            "alphabet of 65, Dense, softmax, cross-entropy over LENGTH time steps.",
            "Zygote: 576.3, 571.3, 558.6 ns per op (i5-6600, Julia 1.3); PyTorch >= 1 us.",
            ""},
        footer = {"", "Examples:",
            "  ad bench table1",
            "  ad bench table1 --width 128 --batches 1,2,4,8,16 --time 4",
            "  ad bench table1 --clock cpu",
            "  ad bench table1 --depths 1 --width 8 --length 3 --batches 1,2 --time 0.2",
            "", ExitCode.SUMMARY})
final class Table1Command implements Callable<Integer> {

    private static final double[] ZYGOTE_NS = {576.3, 571.3, 558.6};

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--depths", paramLabel = "N", split = ",", defaultValue = "1,2,3",
            description = "LSTM layers of the networks, separated by commas (default: ${DEFAULT-VALUE}).")
    int[] depths;

    @Option(names = "--width", paramLabel = "N", defaultValue = "64",
            description = "Units per LSTM layer (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--length", paramLabel = "N", defaultValue = "20",
            description = "Time steps per sequence (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--batches", paramLabel = "N", split = ",", defaultValue = "1,2,4,8",
            description = "Batch sizes to fit the line through, separated by commas (default: "
                    + "${DEFAULT-VALUE}).")
    int[] batches;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "1",
            description = "Warm-up per network and batch size, for primal and gradient each (default: "
                    + "${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--time", paramLabel = "SECONDS", defaultValue = "3",
            description = "Measurement per network and batch size, for primal and gradient each, in 5 "
                    + "alternating rounds (default: ${DEFAULT-VALUE}).")
    double time;

    @Option(names = "--clock", paramLabel = "wall|cpu", defaultValue = "wall",
            description = "Time by the wall clock, or by the measuring thread's CPU time, which leaves out waiting "
                    + "for a core on a loaded machine but also the garbage collector's threads (default: "
                    + "${DEFAULT-VALUE}).")
    Clock clock;

    /** What the times are read from. */
    enum Clock { wall, cpu }

    @Override
    public Integer call() {
        check();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Table 1: AD overhead per operation, LSTM networks of width %d, %d time steps, "
                + "batch sizes %s, %s time%n", width, length, join(batches), clock == Clock.cpu ? "CPU" : "wall");
        out.println(machine());
        out.flush();
        LstmOverhead.Settings settings = new LstmOverhead.Settings(width, length, batches, warmup, time, 5,
                clock == Clock.cpu);
        List<LstmOverhead.Row> rows = new ArrayList<>();
        for (int depth : depths) {
            LstmOverhead.Row row = LstmOverhead.measure(depth, settings);
            rows.add(row);
            for (LstmOverhead.Point p : row.points()) {
                out.printf(Locale.ROOT, "  depth %d, batch %3d: primal %10.1f us, gradient %10.1f us (%.2f x), "
                        + "%,d primitive ops%n", depth, p.batch(), p.primalNs() / 1e3, p.gradientNs() / 1e3,
                        p.gradientNs() / p.primalNs(), p.primitiveOps());
            }
            out.flush();
        }
        out.println();
        out.println("depth | Adjoint, per primitive op | Adjoint, per array op | Zygote, per array op | PyTorch "
                + "| gradient / primal at batch " + rows.get(0).largest().batch());
        out.println("----- | ------------------------- | --------------------- | -------------------- | ------- "
                + "| ---");
        for (LstmOverhead.Row row : rows) {
            String zygote = row.depth() >= 1 && row.depth() <= 3
                    ? String.format(Locale.ROOT, "%.1f ns", ZYGOTE_NS[row.depth() - 1]) : "-";
            LstmOverhead.Point p = row.largest();
            out.printf(Locale.ROOT, "%5d | %25s | %21s | %20s | >= 1 us | %.2f%n", row.depth(),
                    estimate(row.perPrimitive(), row.perPrimitiveError(), 2),
                    estimate(row.perArrayOp(), row.perArrayOpError(), 1), zygote, p.gradientNs() / p.primalNs());
        }
        out.println();
        out.printf(Locale.ROOT, "per primitive op: the overhead's slope in the batch size over the slope of the "
                + "primal's operations;%nper array op: the overhead fitted at batch size 0 over %s array-level "
                + "operations per sequence;%n+- one standard error of the fit. Target: <= 5 ns per primitive op.%n",
                arrayOps(rows));
        out.println(machine());
        out.flush();
        return ExitCode.OK;
    }

    private void check() {
        if (depths.length == 0 || width < 1 || length < 1 || !(warmup >= 0) || !(time > 0)) {
            throw new InputException("depths, width and length must be at least 1, the warm-up at least 0 and the "
                    + "time positive (see 'ad bench table1 --help')");
        }
        for (int d : depths) {
            if (d < 1) {
                throw new InputException("a depth must be at least 1, not " + d);
            }
        }
        long distinct = java.util.Arrays.stream(batches).distinct().count();
        if (distinct < 2 || java.util.Arrays.stream(batches).anyMatch(b -> b < 1)) {
            throw new InputException("the line needs at least two different batch sizes, each at least 1, not "
                    + join(batches));
        }
    }

    /** A value in nanoseconds with its standard error, when there is one. */
    private static String estimate(double ns, double error, int decimals) {
        String value = String.format(Locale.ROOT, "%." + decimals + "f", ns);
        return Double.isNaN(error) ? value + " ns"
                : value + String.format(Locale.ROOT, " +- %." + decimals + "f ns", error);
    }

    private static String arrayOps(List<LstmOverhead.Row> rows) {
        List<String> counts = new ArrayList<>();
        for (LstmOverhead.Row row : rows) {
            counts.add(row.arrayOps() + " (depth " + row.depth() + ")");
        }
        return String.join(", ", counts);
    }

    private static String join(int[] values) {
        return java.util.Arrays.toString(values).replaceAll("[\\[\\] ]", "");
    }

    private static String machine() {
        return String.format(Locale.ROOT, "machine: %d cores, load average %.2f, Java %s (%s)",
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"));
    }
}
