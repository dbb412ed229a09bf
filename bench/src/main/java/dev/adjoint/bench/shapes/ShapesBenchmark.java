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
 * Issue 13's shapes, each a pair {@code xPrimal} / {@code xGradient} measured in the same run so that it reads as a
 * ratio (target: at most 5). EJML's inverse is in {@link EjmlInvertBenchmark}, the stacked LSTM in
 * {@link DeepLstmBenchmark}, the GMM versions in {@code dev.adjoint.bench.gmm}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
public class ShapesBenchmark {

    public double rate = 0.999;
    public double drag = 0.05;
    public double[] sphere = {0.1, -0.05, 3, 0.8};
    public double[] oscillator = {1, 0, 4};
    public DenseLayer layer = new DenseLayer(64, 64, 7);
    public double[] layerInput = inputOf(64);

    private static double[] inputOf(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(i);
        }
        return x;
    }
    public double[] valley = StreamRosenbrock.start();
    public double[] polyline = StreamSegments.start();
    public double[] matrices = Grids.matrices();
    public double[] temperatures = Grids.temperatures();

    @Benchmark
    public double staticCallPrimal() {
        return CallLoops.staticCalls(rate);
    }

    @Benchmark
    public double staticCallGradient() {
        return AD.gradient(CallLoops::staticCalls, rate);
    }

    @Benchmark
    public double instanceCallPrimal() {
        return CallLoops.instanceCalls(rate);
    }

    @Benchmark
    public double instanceCallGradient() {
        return AD.gradient(CallLoops::instanceCalls, rate);
    }

    @Benchmark
    public double recordPhysicsPrimal() {
        return Projectile.flight(drag);
    }

    @Benchmark
    public double recordPhysicsGradient() {
        return AD.gradient(Projectile::flight, drag);
    }

    @Benchmark
    public double raySpherePrimal() {
        return RaySphere.totalDistance(sphere);
    }

    @Benchmark
    public double[] raySphereGradient() {
        return AD.gradient(RaySphere::totalDistance, sphere);
    }

    @Benchmark
    public double rk4Primal() {
        return Oscillator.finalState(oscillator);
    }

    @Benchmark
    public double[] rk4Gradient() {
        return AD.gradient(Oscillator::finalState, oscillator);
    }

    @Benchmark
    public double layerObjectPrimal() {
        return layer.loss(layerInput);
    }

    @Benchmark
    public double[] layerObjectGradient() {
        return AD.gradient(layer::loss, layerInput);
    }

    @Benchmark
    public double streamPrimal() {
        return StreamRosenbrock.asStream(valley);
    }

    @Benchmark
    public double[] streamGradient() {
        return AD.gradient(StreamRosenbrock::asStream, valley);
    }

    @Benchmark
    public double[] streamLoopGradient() {
        return AD.gradient(StreamRosenbrock::asLoop, valley);
    }

    @Benchmark
    public double streamRecordsPrimal() {
        return StreamSegments.energy(polyline);
    }

    @Benchmark
    public double[] streamRecordsGradient() {
        return AD.gradient(StreamSegments::energy, polyline);
    }

    @Benchmark
    public double matrixProductPrimal() {
        return Grids.productNorm(matrices);
    }

    @Benchmark
    public double[] matrixProductGradient() {
        return AD.gradient(Grids::productNorm, matrices);
    }

    @Benchmark
    public double heatStencilPrimal() {
        return Grids.heat(temperatures);
    }

    @Benchmark
    public double[] heatStencilGradient() {
        return AD.gradient(Grids::heat, temperatures);
    }
}
