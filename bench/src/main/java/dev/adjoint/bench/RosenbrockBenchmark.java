package dev.adjoint.bench;

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
 * The extended Rosenbrock function of n = 10^5 variables at the classic start (−1.2, 1, −1.2, 1, …): the primal,
 * its gradient by Adjoint's reverse mode, and the same gradient by Commons Math's forward mode, reported together so
 * that each reads as a ratio to the primal.
 *
 * <p>Commons Math's {@code DerivativeStructure} cannot take 10^5 parameters (its tables grow as n³), so at this size
 * the forward-mode baseline is its {@code SparseGradient}; {@code derivativeStructure} runs with {@code -p n=300}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
public class RosenbrockBenchmark {

    @Param("100000")
    public int n;

    private double[] x;

    @Setup
    public void setUp() {
        x = point(n);
        checkAgainstAnalyticGradient(CommonsMathRosenbrock.gradientBySparseGradient(x), "SparseGradient");
    }

    /** The classic starting point, (-1.2, 1, -1.2, 1, ...). */
    static double[] point(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? -1.2 : 1.0;
        }
        return x;
    }

    @Benchmark
    public double primal() {
        return Rosenbrock.value(x);
    }

    @Benchmark
    public double[] gradient() {
        return AD.gradient(Rosenbrock::value, x);
    }

    @Benchmark
    public double[] sparseGradient() {
        return CommonsMathRosenbrock.gradientBySparseGradient(x);
    }

    @Benchmark
    public double[] derivativeStructure() {
        return CommonsMathRosenbrock.gradientByDerivativeStructure(x);
    }

    /** A baseline that computed something else would make the ratios meaningless. */
    private void checkAgainstAnalyticGradient(double[] g, String by) {
        for (int i = 0; i < n; i++) {
            double expected = (i > 0 ? 200 * (x[i] - x[i - 1] * x[i - 1]) : 0)
                    + (i < n - 1 ? -400 * x[i] * (x[i + 1] - x[i] * x[i]) - 2 * (1 - x[i]) : 0);
            if (Math.abs(g[i] - expected) > 1e-9 * Math.max(1, Math.abs(expected))) {
                throw new IllegalStateException("gradient by " + by + " differs at " + i + ": " + g[i] + " vs "
                        + expected);
            }
        }
    }
}
