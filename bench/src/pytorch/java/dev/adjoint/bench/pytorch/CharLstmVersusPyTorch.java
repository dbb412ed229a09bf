package dev.adjoint.bench.pytorch;

import java.util.ArrayList;
import java.util.List;
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
import dev.adjoint.bench.shapes.StackedCharModel;

/**
 * A char-LSTM of width 128 over a window of 25 predictions: the example's layers ({@link StackedCharModel} of one
 * layer) differentiated structurally by Adjoint, and the same network by PyTorch ({@link TorchCharLstm}) with 1 and
 * 2 intra-op threads, after checking that both agree.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
public class CharLstmVersusPyTorch {

    /** Units of the LSTM layer. */
    public static final int WIDTH = 128;

    private final StackedCharModel model = StackedCharModel.of(1, WIDTH);
    private final int[] codes = StackedCharModel.window();

    @Benchmark
    public double primal() {
        return model.loss(codes);
    }

    @Benchmark
    public StackedCharModel gradient() {
        return AD.gradient(model, m -> m.loss(codes));
    }

    @Benchmark
    public double pytorchPrimal(Torch torch) {
        return torch.lstm.value(codes);
    }

    @Benchmark
    public double pytorchGradient(Torch torch) {
        return torch.lstm.gradient(codes, torch.gradient);
    }

    /** PyTorch's side, in the JVM's only libtorch, with the threads of the run. */
    @State(Scope.Benchmark)
    public static class Torch {

        @Param({"1", "2"})
        public int threads;

        TorchCharLstm lstm;
        List<double[]> gradient;

        @Setup(Level.Trial)
        public void setUp(CharLstmVersusPyTorch adjoint) {
            lstm = new TorchCharLstm(LibTorch.start(threads), adjoint.model, WIDTH);
            gradient = zerosLike(adjoint.model.parameters());
            System.out.println(agreement(adjoint.model, adjoint.codes, lstm));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            lstm.close();
        }
    }

    /**
     * @param model Adjoint's model
     * @param codes the window
     * @param lstm  PyTorch's network with the same weights
     * @return how far its loss and gradient are from Adjoint's
     */
    static String agreement(StackedCharModel model, int[] codes, TorchCharLstm lstm) {
        List<double[]> pyGradient = zerosLike(model.parameters());
        double pyValue = lstm.gradient(codes, pyGradient);
        List<double[]> gradient = AD.gradient(model, m -> m.loss(codes)).parameters();
        return Agreement.check("char-LSTM, width 128, window 25", model.loss(codes), concatenate(gradient),
                pyValue, concatenate(pyGradient));
    }

    private static List<double[]> zerosLike(List<double[]> arrays) {
        List<double[]> zeros = new ArrayList<>();
        for (double[] array : arrays) {
            zeros.add(new double[array.length]);
        }
        return zeros;
    }

    private static double[] concatenate(List<double[]> arrays) {
        int length = 0;
        for (double[] array : arrays) {
            length += array.length;
        }
        double[] all = new double[length];
        int at = 0;
        for (double[] array : arrays) {
            System.arraycopy(array, 0, all, at, array.length);
            at += array.length;
        }
        return all;
    }
}
