package dev.adjoint.bench;

import java.util.Locale;
import java.util.function.Supplier;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.examples.adbench.Gmm;
import dev.adjoint.examples.adbench.GmmData;
import dev.adjoint.examples.adbench.GmmInput;
import dev.adjoint.examples.adbench.Lstm;
import dev.adjoint.examples.adbench.LstmData;
import dev.adjoint.examples.adbench.LstmInput;

/**
 * The tape's peak size for the benchmark objectives, and per floating-point operation of the primal (counted by
 * {@link OpCounter} on an instrumented copy). Run with {@code -javaagent:agent/target/ad.jar}:
 * {@code java -javaagent:agent/target/ad.jar -cp bench/target/benchmarks.jar dev.adjoint.bench.TapeReport}.
 */
public final class TapeReport {

    private TapeReport() {
    }

    /** The primal once per objective, returning the operations it executed; loaded instrumented. */
    public static final class Primals {
        private Primals() {
        }

        public static long rosenbrock() {
            double[] x = RosenbrockBenchmark.point(100_000);
            long before = OpCounter.count;
            Rosenbrock.value(x);
            return OpCounter.count - before;
        }

        public static long gmm() {
            GmmInput in = GmmInput.load(GmmInput.D10_K5);
            GmmData data = in.data();
            double[] p = in.parameters();
            long before = OpCounter.count;
            Gmm.objective(p, data);
            return OpCounter.count - before;
        }

        public static long lstm() {
            LstmInput in = LstmInput.load(LstmInput.L2_C1024);
            LstmData data = in.data();
            double[] p = in.parameters();
            long before = OpCounter.count;
            Lstm.objective(p, data);
            return OpCounter.count - before;
        }
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        OpCounter.Loader loader = new OpCounter.Loader(TapeReport.class.getClassLoader(),
                "dev.adjoint.bench.TapeReport$Primals", "dev.adjoint.bench.Rosenbrock",
                "dev.adjoint.examples.adbench.");
        Class<?> primals = loader.loadClass("dev.adjoint.bench.TapeReport$Primals");
        System.out.printf(Locale.ROOT, "%-34s %14s %14s %12s%n", "objective", "tape bytes", "primal flops",
                "bytes/flop");
        double[] x = RosenbrockBenchmark.point(100_000);
        report("Rosenbrock, n = 100000", (long) primals.getMethod("rosenbrock").invoke(null),
                () -> AD.gradient(Rosenbrock::value, x));
        GmmInput gi = GmmInput.load(GmmInput.D10_K5);
        GmmData gd = gi.data();
        MultivariateFunction gmm = p -> Gmm.objective(p, gd);
        report("GMM, d = 10, K = 5, n = 1000", (long) primals.getMethod("gmm").invoke(null),
                () -> AD.gradient(gmm, gi.parameters()));
        LstmInput li = LstmInput.load(LstmInput.L2_C1024);
        LstmData ld = li.data();
        long lstmOps = (long) primals.getMethod("lstm").invoke(null);
        MultivariateFunction lstm = p -> Lstm.objective(p, ld);
        MultivariateFunction checkpointed = p -> Lstm.objectiveCheckpointed(p, ld);
        report("LSTM, l = 2, c = 1024", lstmOps, () -> AD.gradient(lstm, li.parameters()));
        report("LSTM, l = 2, c = 1024, checkpointed", lstmOps, () -> AD.gradient(checkpointed, li.parameters()));
    }

    private static void report(String name, long ops, Supplier<double[]> gradient) {
        gradient.get();
        long bytes = AD.lastTapeBytes();
        System.out.printf(Locale.ROOT, "%-34s %14d %14d %12.2f%n", name, bytes, ops, (double) bytes / ops);
    }
}
