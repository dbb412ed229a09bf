package dev.adjoint.bench;

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
import dev.adjoint.examples.adbench.Lstm;
import dev.adjoint.examples.adbench.LstmData;
import dev.adjoint.examples.adbench.LstmInput;

/**
 * ADBench's LSTM objective on l = 2, c = 1024, b = 14 (266 parameters): the primal, its gradient by Adjoint's
 * reverse mode, and the same gradient by Commons Math's {@code DerivativeStructure} (one forward pass carrying 267
 * numbers per value), reported together so that each reads as a ratio to the primal. The data folder is
 * {@code -Dadjoint.data}, by default {@code data} from the working directory (the project root).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
public class LstmBenchmark {

    private double[] parameters;
    private LstmData data;
    private MultivariateFunction objective;
    private MultivariateFunction checkpointed;

    @Setup
    public void setUp() {
        LstmInput in = LstmInput.load(LstmInput.L2_C1024);
        LstmData fixed = in.data();
        parameters = in.parameters();
        data = fixed;
        objective = p -> Lstm.objective(p, fixed);
        checkpointed = p -> Lstm.objectiveCheckpointed(p, fixed);
        double primal = Lstm.objective(parameters, data);
        double overDs = CommonsMathLstm.objective(DerivativeStructures.variables(parameters), data).getValue();
        if (Math.abs(primal - overDs) > 1e-12 * Math.abs(primal)) {
            throw new IllegalStateException("DerivativeStructure objective " + overDs + " differs from " + primal);
        }
    }

    @Benchmark
    public double primal() {
        return Lstm.objective(parameters, data);
    }

    @Benchmark
    public double[] gradient() {
        return AD.gradient(objective, parameters);
    }

    /** The same gradient with each character's step checkpointed: less tape, each step evaluated twice. */
    @Benchmark
    public double[] gradientCheckpointed() {
        return AD.gradient(checkpointed, parameters);
    }

    @Benchmark
    public double[] derivativeStructure() {
        return CommonsMathLstm.gradient(parameters, data);
    }
}
