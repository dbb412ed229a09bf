package dev.adjoint.bench;

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
 * Gradient time against primal time on loops of 10^6 scalar operations (issue 2: ratio at most 3), and from the
 * same numbers the AD overhead per operation: (gradient - primal) / 10^6.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
public class ScalarLoopBenchmark {

    public double r = 3.7;
    public double x = 0.8;

    @Benchmark
    public double logisticPrimal() {
        return ScalarLoops.logistic(r);
    }

    @Benchmark
    public double logisticGradient() {
        return AD.gradient(ScalarLoops::logistic, r);
    }

    @Benchmark
    public double dampedPrimal() {
        return ScalarLoops.damped(x);
    }

    @Benchmark
    public double dampedGradient() {
        return AD.gradient(ScalarLoops::damped, x);
    }
}
