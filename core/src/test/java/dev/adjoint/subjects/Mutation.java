package dev.adjoint.subjects;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Code that writes arrays and objects: mutation, aliasing, the JDK's array operations, collections, boxes. */
public final class Mutation {

    private Mutation() {
    }

    /** Overwrites its input in place, then reads it. */
    public static double inPlace(double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] * x[i] + i;
        }
        x[0] = x[1] * x[2];
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    /** Two names for one array. */
    public static double aliasing(double[] x) {
        double[] a = x;
        double[] b = a;
        b[0] = a[0] * 3;
        a[1] += b[0];
        return x[0] + x[1] * x[1];
    }

    public static double allocatedInside(double[] x) {
        double[] work = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            work[i] = Math.exp(x[i]);
        }
        double[][] grid = new double[2][x.length];
        grid[0] = work;
        grid[1][0] = x[0];
        return sum(grid[0]) * grid[1][0];
    }

    static double sum(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e;
        }
        return s;
    }

    /** Returns a new array from a method and mutates an array passed in. */
    public static double passedAndReturned(double[] x) {
        double[] y = squares(x);
        scaleInPlace(y, x[0]);
        return y[0] + y[y.length - 1];
    }

    static double[] squares(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[i] * v[i];
        }
        return r;
    }

    static void scaleInPlace(double[] v, double s) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= s;
        }
    }

    public static double jdkArrays(double[] x) {
        double[] copy = Arrays.copyOf(x, x.length + 1);
        copy[x.length] = 10;
        double[] part = Arrays.copyOfRange(x, 1, 3);
        double[] cloned = x.clone();
        cloned[0] *= 2;
        double[] target = new double[5];
        System.arraycopy(x, 0, target, 1, 3);
        System.arraycopy(target, 1, target, 2, 3); // overlapping, forwards
        double[] filled = new double[3];
        Arrays.fill(filled, x[2]);
        Arrays.fill(filled, 1, 2, x[0] * x[0]);
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        return copy[1] * copy[x.length] + part[0] * part[1] + cloned[0] + target[3] * target[4]
                + filled[0] + filled[1] + sorted[0] * 7 + sorted[sorted.length - 1];
    }

    public static double floatArrays(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        float[] g = f.clone();
        Arrays.sort(g);
        return g[0] * 2.0 + f[1] * f[1];
    }

    public static double collections(double[] x) {
        List<double[]> rows = new ArrayList<>();
        rows.add(x);
        rows.add(new double[] {x[0] * 2, x[1]});
        Map<String, Double> named = new HashMap<>();
        named.put("a", x[2]);
        named.put("b", x[0] * x[1]);
        List<Double> boxed = new ArrayList<>();
        for (double v : x) {
            boxed.add(v * v);
        }
        double s = 0;
        for (double[] r : rows) {
            s += r[1];
        }
        for (Double d : boxed) {
            s += d;
        }
        return s + named.get("a") * named.get("b") + rows.get(1)[0];
    }

    static final class Particle {
        double position;
        double velocity;
        final double[] history = new double[3];
    }

    public static double objects(double[] x) {
        Particle p = new Particle();
        p.position = x[0];
        p.velocity = x[1];
        for (int step = 0; step < 3; step++) {
            p.history[step] = p.position;
            p.position += p.velocity * 0.1;
            p.velocity -= p.position * 0.2;
        }
        Particle[] swarm = {p, new Particle()};
        swarm[1].position = swarm[0].velocity * x[2];
        return swarm[1].position + p.history[2] * p.history[1];
    }
}
