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
import dev.adjoint.bench.OpCounter;

/**
 * The stacked char-LSTM of width 64 ({@link StackedCharModel}) at depth 1, 2 and 3: loss and structural gradient in
 * the same run. The set-up counts the loss's floating-point operations once, on a copy instrumented by
 * {@link OpCounter}, and prints them, so that a time reads as nanoseconds per scalar operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
public class DeepLstmBenchmark {

    @Param({"1", "2", "3"})
    public int depth;

    private StackedCharModel model;
    private int[] codes;

    @Setup
    public void setUp() throws ReflectiveOperationException {
        model = StackedCharModel.of(depth);
        codes = StackedCharModel.window();
        System.out.printf("depth %d: %d scalar operations per loss%n", depth, operations(depth, codes));
    }

    /** The loss's operations, counted on an instrumented copy of the model and the example's layers. */
    static long operations(int depth, int[] codes) throws ReflectiveOperationException {
        ClassLoader loader = new OpCounter.Loader(DeepLstmBenchmark.class.getClassLoader(),
                "dev.adjoint.bench.shapes.StackedCharModel", "dev.adjoint.examples.lstm.");
        Class<?> counted = loader.loadClass(StackedCharModel.class.getName());
        Object copy = counted.getMethod("of", int.class).invoke(null, depth);
        long before = OpCounter.count;
        counted.getMethod("loss", int[].class).invoke(copy, (Object) codes);
        return OpCounter.count - before;
    }

    @Benchmark
    public double primal() {
        return model.loss(codes);
    }

    @Benchmark
    public StackedCharModel gradient() {
        return AD.gradient(model, m -> m.loss(codes));
    }
}
