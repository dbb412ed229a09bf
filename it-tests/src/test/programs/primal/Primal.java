import java.util.Arrays;
import java.util.stream.Collectors;

import dev.adjoint.AD;
import dev.adjoint.ValueAndGradient;

/**
 * Evaluates f directly and through AD.valueAndGradient at a few points, cold and again after warm-up (when the JIT
 * has compiled f), and prints the raw bits of both values, the gradient, and central differences computed here
 * without AD.
 */
public final class Primal {

    private Primal() {
    }

    /** Rosenbrock's valley plus a few elementary functions, so that every path of the engine has work. */
    static double f(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            s += 100 * a * a + b * b;
        }
        s += Math.sin(x[0]) * Math.exp(x[1] / 3);
        s += Math.log1p(x[2] * x[2]);
        s += Math.sqrt(x[3] * x[3] + 1);
        s += Math.pow(x[0], 3) / (1 + x[1] * x[1]);
        return s;
    }

    static final double[][] POINTS = {
        {0.3, -1.2, 0.7, 2.5},
        {1.0, 1.0, 1.0, 1.0},
        {-0.8, 0.45, -2.0, 0.0},
        {2.25, -0.125, 3.5, -1.75},
    };

    public static void main(String[] args) {
        for (int p = 0; p < POINTS.length; p++) {
            report("point" + p, POINTS[p]);
        }
        // enough calls for C2 to compile f and the derivative code before the second report
        double sink = 0;
        for (int i = 0; i < 30_000; i++) {
            sink += f(POINTS[i % POINTS.length]);
        }
        for (int i = 0; i < 3_000; i++) {
            sink += AD.valueAndGradient(Primal::f, POINTS[i % POINTS.length]).value();
        }
        System.out.println("sink=" + sink);
        for (int p = 0; p < POINTS.length; p++) {
            report("warm" + p, POINTS[p]);
        }
    }

    static void report(String name, double[] x) {
        double[] before = x.clone();
        double direct = f(x);
        ValueAndGradient vg = AD.valueAndGradient(Primal::f, x);
        System.out.println(name + ".direct=" + Double.doubleToRawLongBits(direct));
        System.out.println(name + ".ad=" + Double.doubleToRawLongBits(vg.value()));
        System.out.println(name + ".gradient=" + join(vg.gradient()));
        System.out.println(name + ".central=" + join(central(x)));
        System.out.println(name + ".unchanged=" + Arrays.equals(before, x));
    }

    static double[] central(double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double h = 1e-6 * Math.max(1, Math.abs(x[i]));
            double[] up = x.clone();
            double[] down = x.clone();
            up[i] += h;
            down[i] -= h;
            g[i] = (f(up) - f(down)) / (up[i] - down[i]);
        }
        return g;
    }

    static String join(double[] v) {
        return Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(","));
    }
}
