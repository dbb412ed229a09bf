import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.ScalarFunction;

/**
 * Four threads start together on a cold engine and compute gradients of captured lambdas and of a multivariate
 * function; then the main thread computes the same gradients one after the other. Every result is printed as raw
 * bits: c.T.K from the threads, s.T.K from the sequential pass.
 */
public final class Concurrent {

    static final int THREADS = 4;
    static final int POINTS = 40;

    private Concurrent() {
    }

    static double x(int k) {
        return -2 + k * 0.1;
    }

    static ScalarFunction family(double a) {
        return x -> a * Math.sin(x) * x + Math.exp(-a * x * x);
    }

    static double chain(double[] v) {
        double s = 0;
        for (int i = 0; i + 1 < v.length; i++) {
            s += v[i] * v[i] * Math.cos(v[i + 1]);
        }
        return s;
    }

    static long[] work(int t) {
        double a = 1 + t * 0.25;
        ScalarFunction f = family(a);
        MultivariateFunction g = Concurrent::chain;
        long[] bits = new long[2 * POINTS];
        for (int k = 0; k < POINTS; k++) {
            bits[2 * k] = Double.doubleToRawLongBits(AD.gradient(f, x(k)));
            double[] v = {x(k), a, x(k) * a};
            bits[2 * k + 1] = Double.doubleToRawLongBits(AD.gradient(g, v)[1]);
        }
        return bits;
    }

    public static void main(String[] args) throws Exception {
        long[][] concurrent = new long[THREADS][];
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    concurrent[id] = work(id);
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                    e.printStackTrace();
                }
            }, "gradient-" + t);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        System.out.println("failures=" + failures.size());
        for (int t = 0; t < THREADS; t++) {
            long[] sequential = work(t);
            for (int i = 0; i < sequential.length; i++) {
                System.out.println("c." + t + "." + i + "=" + (concurrent[t] == null ? "missing" : concurrent[t][i]));
                System.out.println("s." + t + "." + i + "=" + sequential[i]);
            }
        }
    }
}
