package dev.adjoint.bench.pytorch;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.examples.adbench.Gmm;
import dev.adjoint.examples.adbench.GmmData;
import dev.adjoint.examples.adbench.GmmInput;

/**
 * ADBench GMM, d = 10, K = 5, n = 1000 (330 parameters): the project's {@link Gmm} by Adjoint, and the same
 * objective by PyTorch ({@link TorchGmm}) with 1 and 2 intra-op threads, after checking that both agree. The data
 * folder is {@code -Dadjoint.data}, as for {@code GmmBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
public class GmmVersusPyTorch {

    private final GmmInput input = GmmInput.load(GmmInput.D10_K5);
    private final GmmData data = input.data();
    private final double[] parameters = input.parameters();
    private final MultivariateFunction objective = p -> Gmm.objective(p, data);

    @Benchmark
    public double primal() {
        return Gmm.objective(parameters, data);
    }

    @Benchmark
    public double[] gradient() {
        return AD.gradient(objective, parameters);
    }

    @Benchmark
    public double pytorchPrimal(Torch torch) {
        return torch.gmm.value();
    }

    @Benchmark
    public double pytorchGradient(Torch torch) {
        return torch.gmm.gradient(torch.gradient);
    }

    /** PyTorch's side, in the JVM's only libtorch, with the threads of the run. */
    @State(Scope.Benchmark)
    public static class Torch {

        @Param({"1", "2"})
        public int threads;

        TorchGmm gmm;
        double[] gradient;

        @Setup(Level.Trial)
        public void setUp(GmmVersusPyTorch adjoint) {
            gmm = new TorchGmm(LibTorch.start(threads), adjoint.data, adjoint.parameters);
            gradient = new double[adjoint.parameters.length];
            System.out.println(agreement(adjoint.objective, adjoint.parameters, gmm));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            gmm.close();
        }
    }

    /**
     * @param objective  Adjoint's objective
     * @param parameters where to differentiate
     * @param gmm        PyTorch's objective at the same parameters
     * @return how far its value and gradient are from Adjoint's
     */
    static String agreement(MultivariateFunction objective, double[] parameters, TorchGmm gmm) {
        double[] pyGradient = new double[parameters.length];
        double pyValue = gmm.gradient(pyGradient);
        return Agreement.check("GMM d = 10, K = 5, n = 1000", objective.apply(parameters),
                AD.gradient(objective, parameters), pyValue, pyGradient);
    }
}
