package dev.adjoint.cli;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

import dev.adjoint.AD;
import dev.adjoint.examples.lstm.Batch;
import dev.adjoint.examples.lstm.CharModel;

/**
 * The seed paper's Table 1 method applied to Adjoint: the AD overhead of an LSTM network, measured at several batch
 * sizes and extrapolated to batch size zero by a linear fit.
 *
 * <p>The network is the seed's char-LSTM at a chosen depth and width, {@code Chain(LSTM × depth, Dense, softmax)}
 * with the cross-entropy over a sequence, built from the examples' layers. For each batch size the primal (the
 * loss) and the gradient ({@code AD.gradient(model, m -> m.loss(batch))}) are timed in alternating rounds after a
 * warm-up, and the primitive operations of the primal are counted on an instrumented copy
 * ({@link PrimalOperations}). The overhead is the gradient's time less the primal's. Fitted against the batch size,
 * its slope over the slope of the operation count is the overhead per primitive operation; its intercept, the cost
 * that does not grow with the data, over the array-level operations of the network is the overhead per array
 * operation, the quantity the paper reports for Zygote.
 */
final class LstmOverhead {

    /** The alphabet of the network's input and output: Shakespeare's. */
    static final int ALPHABET = 65;

    /**
     * Array-level operations per time step that Zygote records for Flux's {@code LSTMCell}: {@code Wi*x},
     * {@code Wh*h}, the fused bias broadcast, four gate slices, three sigmoids and a tanh, the fused cell update and
     * the fused {@code o .* tanh.(c)}.
     */
    static final int ARRAY_OPS_PER_LSTM_STEP = 13;
    /**
     * The rest of a time step: Dense's product and bias broadcast (2), softmax (1), the cross-entropy's fused
     * {@code y .* log.(ŷ)}, sum, negation and division (4), and the addition to the sequence's loss (1).
     */
    static final int ARRAY_OPS_PER_OUTPUT_STEP = 8;

    private static volatile double sink;

    private LstmOverhead() {
    }

    /**
     * What to measure.
     *
     * @param width   the units of each LSTM layer
     * @param length  the time steps of a sequence
     * @param batches the batch sizes, at least two different ones
     * @param warmup  the seconds of warm-up per network and batch size, for the primal and for the gradient
     * @param time    the seconds of measurement per network and batch size, for the primal and for the gradient
     * @param rounds  the alternating rounds the measurement is split into; each time is a median over rounds
     * @param cpuTime whether to time by the thread's CPU time rather than by the wall clock: on a loaded machine
     *                it leaves out the time the thread waits for a core, but also the garbage collector's threads
     */
    record Settings(int width, int length, int[] batches, double warmup, double time, int rounds, boolean cpuTime) {
    }

    /**
     * One batch size's measurement.
     *
     * @param batch        the batch size
     * @param primalNs     the loss's time, nanoseconds
     * @param gradientNs   the gradient's time, nanoseconds
     * @param primitiveOps the primal's primitive floating-point operations
     */
    record Point(int batch, double primalNs, double gradientNs, long primitiveOps) {
        double overheadNs() {
            return gradientNs - primalNs;
        }
    }

    /**
     * A depth's result.
     *
     * @param depth         the LSTM layers
     * @param points        one per batch size
     * @param perPrimitive  ns of overhead per primitive operation: the fitted slopes' quotient
     * @param perArrayOp    ns of overhead per array-level operation: the fitted intercept over their count
     * @param arrayOps      the array-level operations of one sequence
     * @param perPrimitiveError the standard error of {@code perPrimitive} from the fit's residuals (NaN for two
     *                          batch sizes)
     * @param perArrayOpError   the standard error of {@code perArrayOp}
     */
    record Row(int depth, List<Point> points, double perPrimitive, double perArrayOp, long arrayOps,
               double perPrimitiveError, double perArrayOpError) {
        Point largest() {
            return points.get(points.size() - 1);
        }
    }

    /**
     * Measures one depth.
     *
     * @param depth    the LSTM layers
     * @param settings the sizes and times
     * @return the points and the fitted overheads
     */
    static Row measure(int depth, Settings settings) {
        int[] batches = Arrays.stream(settings.batches()).sorted().distinct().toArray();
        List<Workload.Timed> timed = new ArrayList<>();
        for (int batch : batches) {
            timed.add(new Workload.Timed(depth, settings.width(), settings.length(), batch));
        }
        // every batch size warmed up before any is measured, then measured in interleaved rounds, so that neither
        // the JIT's progress nor a change in the machine's load leans the line
        long warmupNs = (long) (settings.warmup() * 1e9);
        LongSupplier clock = settings.cpuTime() ? ManagementFactory.getThreadMXBean()::getCurrentThreadCpuTime
                : System::nanoTime;
        for (Workload.Timed t : timed) {
            run(t.primal, warmupNs, clock);
            run(t.gradient, warmupNs, clock);
        }
        long roundNs = (long) (settings.time() * 1e9 / settings.rounds());
        double[][] primalNs = new double[batches.length][settings.rounds()];
        double[][] gradientNs = new double[batches.length][settings.rounds()];
        for (int r = 0; r < settings.rounds(); r++) {
            for (int k = 0; k < batches.length; k++) {
                primalNs[k][r] = run(timed.get(k).primal, roundNs, clock);
                gradientNs[k][r] = run(timed.get(k).gradient, roundNs, clock);
            }
        }
        List<Point> points = new ArrayList<>();
        for (int k = 0; k < batches.length; k++) {
            points.add(new Point(batches[k], median(primalNs[k]), median(gradientNs[k]),
                    countPrimitiveOps(depth, settings.width(), settings.length(), batches[k])));
        }
        double[] x = new double[points.size()];
        double[] overhead = new double[points.size()];
        double[] ops = new double[points.size()];
        for (int k = 0; k < points.size(); k++) {
            x[k] = points.get(k).batch();
            overhead[k] = points.get(k).overheadNs();
            ops[k] = points.get(k).primitiveOps();
        }
        double[] time = fit(x, overhead);
        double[] count = fit(x, ops);
        long arrayOps = (long) settings.length() * (ARRAY_OPS_PER_LSTM_STEP * depth + ARRAY_OPS_PER_OUTPUT_STEP);
        // the operation count is exactly linear in the batch size: only the time's fit carries an error
        return new Row(depth, points, time[1] / count[1], time[0] / arrayOps, arrayOps, time[3] / count[1],
                time[2] / arrayOps);
    }

    /** Runs the task for about a duration of wall time, at least twice; returns its mean time per call. */
    private static double run(DoubleSupplier task, long durationNs, LongSupplier clock) {
        long start = System.nanoTime();
        long startClock = clock.getAsLong();
        int calls = 0;
        double sum = 0;
        do {
            sum += task.getAsDouble();
            calls++;
        } while (System.nanoTime() - start < durationNs || calls < 2);
        sink = sum;
        return (double) (clock.getAsLong() - startClock) / calls;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Least squares {@code y = a + b x}.
     *
     * @return {a, b, the standard error of a, that of b}; the errors are NaN for two points, which any line fits
     */
    static double[] fit(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (int k = 0; k < x.length; k++) {
            sxy += (x[k] - mx) * (y[k] - my);
            sxx += (x[k] - mx) * (x[k] - mx);
        }
        double b = sxy / sxx;
        double a = my - b * mx;
        double squares = 0;
        for (int k = 0; k < x.length; k++) {
            double residual = y[k] - (a + b * x[k]);
            squares += residual * residual;
        }
        double variance = x.length > 2 ? squares / (x.length - 2) : Double.NaN;
        return new double[] {a, b, Math.sqrt(variance * (1.0 / x.length + mx * mx / sxx)), Math.sqrt(variance / sxx)};
    }

    private static long countPrimitiveOps(int depth, int width, int length, int batch) {
        try {
            ClassLoader counting = PrimalOperations.loader(LstmOverhead.class.getClassLoader(),
                    "dev.adjoint.examples.lstm.", Workload.class.getName());
            Class<?> workload = counting.loadClass(Workload.class.getName());
            return (long) workload.getMethod("primitiveOps", int.class, int.class, int.class, int.class)
                    .invoke(null, depth, width, length, batch);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot count the primal's operations: " + e, e);
        }
    }

    /** The network and its data; also loaded instrumented, to count the primal's operations. */
    public static final class Workload {
        private Workload() {
        }

        static CharModel model(int depth, int width) {
            return CharModel.of(ALPHABET, depth, width, new Random(1));
        }

        /** Random characters: the time does not depend on which. */
        static Batch batch(int length, int size) {
            Random random = new Random(2);
            int[][] inputs = new int[length][size];
            int[][] targets = new int[length][size];
            for (int t = 0; t < length; t++) {
                for (int b = 0; b < size; b++) {
                    inputs[t][b] = random.nextInt(ALPHABET);
                    targets[t][b] = random.nextInt(ALPHABET);
                }
            }
            return new Batch(inputs, targets, true);
        }

        /** A network and a batch, with the loss and the gradient as tasks; the model is reset before each. */
        static final class Timed {
            final DoubleSupplier primal;
            final DoubleSupplier gradient;

            Timed(int depth, int width, int length, int size) {
                CharModel model = model(depth, width);
                Batch data = batch(length, size);
                primal = () -> {
                    model.reset();
                    return model.loss(data);
                };
                gradient = () -> {
                    model.reset();
                    return AD.gradient(model, m -> m.loss(data)).parameters().get(0)[0];
                };
            }
        }

        /**
         * @param depth  the LSTM layers
         * @param width  their units
         * @param length the time steps
         * @param size   the batch size
         * @return the primitive operations of one loss, counted when this class is loaded instrumented
         */
        public static long primitiveOps(int depth, int width, int length, int size) {
            CharModel model = model(depth, width);
            Batch data = batch(length, size);
            long before = PrimalOperations.count();
            model.loss(data);
            return PrimalOperations.count() - before;
        }
    }
}
