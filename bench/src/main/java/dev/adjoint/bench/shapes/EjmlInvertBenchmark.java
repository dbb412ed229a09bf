package dev.adjoint.bench.shapes;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.adjoint.AD;

/**
 * The gradient of EJML's 4×4 {@code CommonOps_DDRM.invert} against the inverse itself. A class of its own so that
 * if the engine refuses the library code (a {@code NotDifferentiableException}), JMH reports this benchmark as
 * failed and goes on with the others.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
public class EjmlInvertBenchmark {

    public double[] matrix = Invert4.matrix();

    @Benchmark
    public double primal() {
        return Invert4.inverseSum(matrix);
    }

    @Benchmark
    public double[] gradient() {
        return AD.gradient(Invert4::inverseSum, matrix);
    }
}
