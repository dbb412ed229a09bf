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

/**
 * 10,000 dependent scalar operations ({@link ScalarChain}): primal and gradient by Adjoint, and by PyTorch with 1
 * and 2 intra-op threads, after checking that both agree.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
public class ScalarChainVersusPyTorch {

    private final double[] p = ScalarChain.start();

    @Benchmark
    public double primal() {
        return ScalarChain.iterate(p);
    }

    @Benchmark
    public double[] gradient() {
        return AD.gradient(ScalarChain::iterate, p);
    }

    @Benchmark
    public double pytorchPrimal(Torch torch) {
        return torch.chain.value();
    }

    @Benchmark
    public double pytorchGradient(Torch torch) {
        return torch.chain.gradient(torch.gradient);
    }

    /** PyTorch's side, in the JVM's only libtorch, with the threads of the run. */
    @State(Scope.Benchmark)
    public static class Torch {

        @Param({"1", "2"})
        public int threads;

        TorchScalarChain chain;
        final double[] gradient = new double[2];

        @Setup(Level.Trial)
        public void setUp() {
            chain = new TorchScalarChain(LibTorch.start(threads), ScalarChain.start());
            System.out.println(agreement(chain));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            chain.close();
        }
    }

    /**
     * @param chain PyTorch's chain
     * @return how far its value and gradient are from Adjoint's
     */
    static String agreement(TorchScalarChain chain) {
        double[] start = ScalarChain.start();
        double[] pyGradient = new double[2];
        double pyValue = chain.gradient(pyGradient);
        return Agreement.check("scalar chain", ScalarChain.iterate(start),
                AD.gradient(ScalarChain::iterate, start), pyValue, pyGradient);
    }
}
