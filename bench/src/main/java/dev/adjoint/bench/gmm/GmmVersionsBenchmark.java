package dev.adjoint.bench.gmm;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.examples.adbench.GmmInput;

/**
 * ADBench GMM, d = 10, K = 5, n = 1000, in four independently written versions, each as a primal and a gradient in
 * the same run (issue 13's target: every version's gradient at most 4 times its primal). The set-up refuses to
 * run if a version's value differs from the project's, so that every pair measures the same math.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
public class GmmVersionsBenchmark {

    private double[] parameters;
    private MultivariateFunction project;
    private MultivariateFunction adbench;
    private MultivariateFunction object;
    private MultivariateFunction helpers;

    @Setup
    public void setUp() {
        GmmProblem problem = GmmProblem.load(GmmInput.D10_K5);
        parameters = problem.parameters();
        project = problem.project();
        adbench = problem.adbench();
        object = problem.object();
        helpers = problem.helpers();
        double expected = project.apply(parameters);
        for (MultivariateFunction version : new MultivariateFunction[] {adbench, object, helpers}) {
            double value = version.apply(parameters);
            if (Math.abs(value - expected) > 1e-10 * Math.abs(expected)) {
                throw new IllegalStateException("a GMM version computes " + value + ", the project's " + expected);
            }
        }
    }

    @Benchmark
    public double projectPrimal() {
        return project.apply(parameters);
    }

    @Benchmark
    public double[] projectGradient() {
        return AD.gradient(project, parameters);
    }

    @Benchmark
    public double adbenchCppPrimal() {
        return adbench.apply(parameters);
    }

    @Benchmark
    public double[] adbenchCppGradient() {
        return AD.gradient(adbench, parameters);
    }

    @Benchmark
    public double objectPrimal() {
        return object.apply(parameters);
    }

    @Benchmark
    public double[] objectGradient() {
        return AD.gradient(object, parameters);
    }

    @Benchmark
    public double helpersPrimal() {
        return helpers.apply(parameters);
    }

    @Benchmark
    public double[] helpersGradient() {
        return AD.gradient(helpers, parameters);
    }
}
