package dev.adjoint.bench.shapes;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.adjoint.AD;

/**
 * The gradient of EJML's 4×4 and 5×5 {@code CommonOps_DDRM.invert} (the unrolled {@code inv4} and {@code inv5}, whose
 * derivative code is cut into methods HotSpot compiles) against the inverse itself. A class of its own so that
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

    @Param({"4", "5"})
    public int n;

    public double[] matrix;

    @Setup
    public void setUp() {
        matrix = SmallInverse.matrix(n);
    }

    @Benchmark
    public double primal() {
        return SmallInverse.inverseSum(matrix);
    }

    @Benchmark
    public double[] gradient() {
        return AD.gradient(SmallInverse::inverseSum, matrix);
    }
}
