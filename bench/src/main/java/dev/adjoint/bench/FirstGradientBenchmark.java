package dev.adjoint.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import dev.adjoint.AD;

/**
 * The first {@code AD.gradient} call in a fresh JVM, from call to return, everything included: loading the engine,
 * analysing and transforming the code, defining the companions, linking the calls (issue 2: at most 150 ms). Each
 * fork is a new JVM and measures one call. The persistent cache is off, so every fork compiles;
 * {@link CacheFirstGradient} measures the same with a cold and a warm cache.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 15, jvmArgsAppend = "-Dadjoint.cache=off")
public class FirstGradientBenchmark {

    @Benchmark
    public double seedSine() {
        return AD.gradient(QuietSine::sine, 1.0);
    }
}
