package dev.adjoint.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.bench.shapes.SmallInverse;
import dev.adjoint.examples.adbench.Gmm;
import dev.adjoint.examples.adbench.GmmData;
import dev.adjoint.examples.adbench.GmmInput;

/**
 * One first gradient in a fresh JVM, timed from call to return, for {@link CacheFirstGradient}: {@code sine} (the
 * seed's Taylor sine), {@code gmm} (ADBench's GMM objective, d = 10, k = 5, n = 1000, its data read before the
 * clock starts), or a library call of {@link LibraryCalls}: {@code invert2} and {@code invert3} (EJML's inverse of
 * a 2×2 and a 3×3 matrix) or {@code dopri} (Commons Math's Dormand–Prince 5(4)). Prints {@code firstGradientMs=T}
 * and {@code firstGradientCpuMs=C}, the CPU time of the calling thread over the same call: on a shared machine the
 * wall time includes waiting for a core, the thread's CPU time does not (nor the JIT's and the GC's threads).
 */
public final class FirstGradientProbe {

    private FirstGradientProbe() {
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double check;
        long start;
        long end;
        long cpuStart;
        if ("gmm".equals(args[0])) {
            GmmInput in = GmmInput.load(GmmInput.D10_K5);
            GmmData data = in.data();
            double[] p = in.parameters();
            MultivariateFunction f = q -> Gmm.objective(q, data);
            cpuStart = threads.getCurrentThreadCpuTime();
            start = System.nanoTime();
            check = AD.gradient(f, p)[0];
            end = System.nanoTime();
        } else if (args[0].startsWith("invert")) {
            double[] matrix = SmallInverse.matrix(Integer.parseInt(args[0].substring("invert".length())));
            cpuStart = threads.getCurrentThreadCpuTime();
            start = System.nanoTime();
            check = AD.gradient(SmallInverse::inverseSum, matrix)[0];
            end = System.nanoTime();
        } else if ("dopri".equals(args[0])) {
            double[] initial = {1.0, 0.0, 4.0};
            cpuStart = threads.getCurrentThreadCpuTime();
            start = System.nanoTime();
            check = AD.gradient(LibraryCalls::dormandPrince, initial)[0];
            end = System.nanoTime();
        } else {
            cpuStart = threads.getCurrentThreadCpuTime();
            start = System.nanoTime();
            check = AD.gradient(QuietSine::sine, 1.0);
            end = System.nanoTime();
        }
        long cpuEnd = threads.getCurrentThreadCpuTime();
        System.out.println("firstGradientMs=" + (end - start) / 1e6);
        System.out.println("firstGradientCpuMs=" + (cpuEnd - cpuStart) / 1e6);
        System.out.println("check=" + check);
    }
}
