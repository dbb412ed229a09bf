package dev.adjoint.subjects;

import java.util.*;
import java.util.function.*;
import java.util.stream.*;

/**
 * Everyday Java written without the engine in mind, each a function of a short vector: small value classes with
 * methods, mutable objects, abstract classes and enums with several implementations, functional interfaces held in
 * arrays, arrays of arrays (a matrix product, a stencil on two swapped grids), boxed lists and maps, helpers that
 * return arrays, recursion, exceptions caught in a loop, varargs, the JDK's array utilities, streams, and casts
 * through {@code float} and {@code int}. Written apart from the engine's own benchmarks and tuned for none of them.
 */
public final class EverydayCode {
    // 1. final class Complex with methods, Mandelbrot-like iteration
    static final class Complex {
        final double re, im;
        Complex(double re, double im) { this.re = re; this.im = im; }
        Complex plus(Complex o) { return new Complex(re + o.re, im + o.im); }
        Complex times(Complex o) { return new Complex(re * o.re - im * o.im, re * o.im + im * o.re); }
        double abs2() { return re * re + im * im; }
    }
    public static double complexIter(double[] p) {
        Complex c = new Complex(p[0], p[1]);
        Complex z = new Complex(0, 0);
        double acc = 0;
        for (int i = 0; i < 2000; i++) {
            z = z.times(z).plus(c);
            acc += z.abs2();
            if (z.abs2() > 4) z = new Complex(z.re * 0.5, z.im * 0.5);
        }
        return acc;
    }
    // 2. mutable particle with non-final fields
    static final class Particle {
        double x, y, vx, vy;
        void step(double dt, double g, double drag) {
            vx -= drag * vx * dt;
            vy -= (g + drag * vy) * dt;
            x += vx * dt;
            y += vy * dt;
        }
    }
    public static double particle(double[] p) {
        Particle q = new Particle();
        q.vx = p[0]; q.vy = p[1];
        for (int i = 0; i < 5000; i++) q.step(1e-3, 9.81, p[2]);
        return q.x * q.x + q.y;
    }
    // 3. abstract class, two subclasses, megamorphic
    static abstract class Shape { abstract double area(double s); }
    static final class Circle extends Shape { double area(double s) { return Math.PI * s * s; } }
    static final class Square extends Shape { double area(double s) { return s * s; } }
    static final Shape[] SHAPES = new Shape[64];
    static { for (int i = 0; i < 64; i++) SHAPES[i] = (i % 3 == 0) ? new Circle() : new Square(); }
    public static double shapes(double[] p) {
        double sum = 0;
        for (int r = 0; r < 200; r++)
            for (int i = 0; i < SHAPES.length; i++) sum += SHAPES[i].area(p[i % p.length] + r * 1e-3);
        return sum;
    }
    // 4. DoubleUnaryOperator activations in a loop
    static final DoubleUnaryOperator RELU = v -> Math.max(0, v);
    static final DoubleUnaryOperator TANH = Math::tanh;
    public static double activations(double[] p) {
        DoubleUnaryOperator[] acts = {RELU, TANH, v -> v / (1 + Math.abs(v))};
        double s = 0;
        for (int r = 0; r < 300; r++)
            for (int i = 0; i < p.length; i++) s += acts[(i + r) % 3].applyAsDouble(p[i] * (1 + 1e-3 * r) - 0.1);
        return s;
    }
    // 5. double[][] matmul and trace
    public static double matmul(double[] p) {
        int n = 12;
        double[][] a = new double[n][n], b = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) { a[i][j] = p[(i * n + j) % p.length] * (i + 1); b[i][j] = p[(j * n + i) % p.length] - j; }
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) { double s = 0; for (int k = 0; k < n; k++) s += a[i][k] * b[k][j]; c[i][j] = s; }
        double tr = 0; for (int i = 0; i < n; i++) tr += c[i][i] * c[i][(i + 1) % n];
        return tr;
    }
    // 6. ArrayList<Double> boxing
    public static double boxedList(double[] p) {
        List<Double> xs = new ArrayList<>();
        for (int r = 0; r < 100; r++) for (double v : p) xs.add(v * v + r);
        double s = 0;
        for (Double d : xs) s += Math.sqrt(d);
        return s;
    }
    // 7. Horner
    public static double horner(double[] p) {
        double s = 0;
        for (int k = 0; k < 1000; k++) {
            double x = k * 1e-3, y = 0;
            for (int i = p.length - 1; i >= 0; i--) y = y * x + p[i];
            s += y * y;
        }
        return s;
    }
    // 8. Newton with convergence branch
    public static double newtonCbrt(double[] p) {
        double s = 0;
        for (double a : p) {
            double x = Math.abs(a) + 1;
            a = Math.abs(a) + 1;
            int it = 0;
            while (Math.abs(x * x * x - a) > 1e-13 * a && it++ < 100) x -= (x * x * x - a) / (3 * x * x);
            s += x;
        }
        return s;
    }
    // 9. helper returning arrays: softmax + cross-entropy
    static double[] softmax(double[] z) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : z) m = Math.max(m, v);
        double[] e = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) { e[i] = Math.exp(z[i] - m); sum += e[i]; }
        for (int i = 0; i < z.length; i++) e[i] /= sum;
        return e;
    }
    public static double softmaxCe(double[] p) {
        double loss = 0;
        for (int t = 0; t < 200; t++) {
            double[] z = new double[p.length];
            for (int i = 0; i < p.length; i++) z[i] = p[i] * (1 + 0.01 * t);
            double[] q = softmax(z);
            loss -= Math.log(q[t % p.length]);
        }
        return loss;
    }
    // 10. enum strategy
    enum Op {
        SQUARE { double apply(double v) { return v * v; } },
        SIN { double apply(double v) { return Math.sin(v); } },
        EXP { double apply(double v) { return Math.exp(0.1 * v); } };
        abstract double apply(double v);
    }
    public static double enumOps(double[] p) {
        double s = 0;
        Op[] ops = Op.values();
        for (int r = 0; r < 300; r++) for (int i = 0; i < p.length; i++) s += ops[(i + r) % ops.length].apply(p[i]);
        return s;
    }
    // 11. recursion
    static double power(double x, int n) {
        if (n == 0) return 1;
        double h = power(x, n / 2);
        return (n % 2 == 0) ? h * h : h * h * x;
    }
    public static double recursion(double[] p) {
        double s = 0;
        for (int r = 0; r < 200; r++) for (double v : p) s += power(1 + 0.01 * v, 17 + r % 5);
        return s;
    }
    // 12. try/catch in a loop
    static double checkedLog(double v) {
        if (v <= 0) throw new IllegalArgumentException("non-positive");
        return Math.log(v);
    }
    public static double tryCatch(double[] p) {
        double s = 0;
        for (int r = 0; r < 200; r++)
            for (double v : p) {
                try { s += checkedLog(v - 0.3 + 0.001 * r); } catch (IllegalArgumentException e) { s += v * v; }
            }
        return s;
    }
    // 13. Math library
    public static double mathLib(double[] p) {
        double s = 0;
        for (int r = 0; r < 300; r++) {
            double a = p[0] + 1e-3 * r, b = p[1];
            s += Math.hypot(a, b) + Math.atan2(b, a) + Math.log1p(a * a) + Math.expm1(-b * b) + Math.pow(Math.abs(a) + 1, b) + Math.cbrt(a + 3) + Math.sinh(b) * Math.cosh(a * 0.1);
        }
        return s;
    }
    // 14. HashMap of parameters
    public static double hashMap(double[] p) {
        Map<String, Double> params = new HashMap<>();
        params.put("alpha", p[0]); params.put("beta", p[1]); params.put("gamma", p[2]);
        double s = 0;
        for (int r = 0; r < 300; r++) s += params.get("alpha") * Math.sin(params.get("beta") * r * 0.01) + params.getOrDefault("gamma", 0.0) * r * 1e-3;
        return s;
    }
    // 15. streams in various shapes
    public static double streams(double[] p) {
        double a = DoubleStream.of(p).map(v -> v * v).sum();
        double b = Arrays.stream(p).boxed().mapToDouble(v -> Math.sin(v)).sum();
        List<Double> l = new ArrayList<>(); for (double v : p) l.add(v);
        double c = l.stream().mapToDouble(Double::doubleValue).map(Math::exp).sum();
        double d = IntStream.range(0, p.length).mapToDouble(i -> p[i] * i).max().orElse(0);
        return a + b + c + d;
    }
    // 16. record with compact constructor validation and static factory
    record Interval(double lo, double hi) {
        Interval { if (!(lo <= hi)) throw new IllegalArgumentException("lo > hi"); }
        static Interval around(double c, double r) { return new Interval(c - Math.abs(r), c + Math.abs(r)); }
        double width() { return hi - lo; }
        Interval scale(double k) { return around((lo + hi) / 2, k * width() / 2); }
    }
    public static double intervals(double[] p) {
        double s = 0;
        for (int r = 0; r < 1000; r++) { Interval iv = Interval.around(p[0], p[1]).scale(1 + 1e-3 * r); s += iv.width() * iv.lo(); }
        return s;
    }
    // 17. template method through base class
    static abstract class Model {
        double loss(double[] w) { double s = 0; for (int i = 0; i < w.length; i++) s += penalty(w[i]) + data(w, i); return s; }
        abstract double penalty(double v);
        double data(double[] w, int i) { return w[i] * (i + 1); }
    }
    static final class Ridge extends Model { double penalty(double v) { return 0.5 * v * v; } }
    static final Model RIDGE = new Ridge();
    public static double template(double[] p) { double s = 0; for (int r = 0; r < 300; r++) s += RIDGE.loss(p); return s; }
    // 18. Euler ODE with a lambda-implemented functional interface
    interface Ode { void f(double t, double[] y, double[] dy); }
    public static double eulerOde(double[] p) {
        double k = p[0], c = p[1];
        Ode ode = (t, y, dy) -> { dy[0] = y[1]; dy[1] = -k * y[0] - c * y[1]; };
        double[] y = {1, 0}, dy = new double[2];
        double h = 1e-3;
        for (int i = 0; i < 3000; i++) { ode.f(i * h, y, dy); y[0] += h * dy[0]; y[1] += h * dy[1]; }
        return y[0] * y[0] + y[1];
    }
    // 19. piecewise with floor index (linear interpolation in a table)
    static final double[] TABLE = new double[101];
    static { for (int i = 0; i <= 100; i++) TABLE[i] = Math.sin(i * 0.05); }
    public static double interp(double[] p) {
        double s = 0;
        for (int r = 0; r < 500; r++) {
            double x = (p[0] * 10 + r * 0.013) % 90 + 1;
            int i = (int) Math.floor(x);
            double f = x - i;
            s += TABLE[i] * (1 - f) + TABLE[i + 1] * f;
        }
        return s;
    }
    // 20. 2-D array parameter grid (heat equation explicit step), arrays swapped
    public static double heat(double[] p) {
        int n = 16;
        double[][] u = new double[n][n], v = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) u[i][j] = p[(i + j) % p.length];
        for (int t = 0; t < 40; t++) {
            for (int i = 1; i < n - 1; i++) for (int j = 1; j < n - 1; j++)
                v[i][j] = u[i][j] + 0.2 * (u[i - 1][j] + u[i + 1][j] + u[i][j - 1] + u[i][j + 1] - 4 * u[i][j]);
            double[][] tmp = u; u = v; v = tmp;
        }
        double s = 0; for (double[] row : u) for (double e : row) s += e * e;
        return s;
    }
    // 21. generic container class with getter/setter (Optional-like), varargs helper
    static double sumAll(double... xs) { double s = 0; for (double x : xs) s += x; return s; }
    public static double varargs(double[] p) {
        double s = 0;
        for (int r = 0; r < 500; r++) s += sumAll(p[0] * r, p[1] * p[1], Math.sin(p[2]));
        return s;
    }
    // 22. StringBuilder/logging side effects mixed in (passive)
    public static double withLogging(double[] p) {
        StringBuilder log = new StringBuilder();
        double s = 0;
        for (int r = 0; r < 100; r++) { s += p[0] * Math.cos(p[1] * r); if (r % 25 == 0) log.append(r).append(':').append(s > 0).append('\n'); }
        return s + log.length() * 0;
    }
    // 23. Arrays utility calls: sort copy, fill, copyOf, System.arraycopy
    public static double arraysUtil(double[] p) {
        double[] a = Arrays.copyOf(p, p.length * 2);
        System.arraycopy(p, 0, a, p.length, p.length);
        double[] b = a.clone();
        Arrays.sort(b);
        double s = 0;
        for (int i = 0; i < b.length; i++) s += b[i] * (i + 1);
        double[] z = new double[4]; Arrays.fill(z, p[0]);
        return s + z[3] * z[2];
    }
    // 24. long loop counter and float mix
    public static double mixedTypes(double[] p) {
        double s = 0;
        for (long i = 0; i < 2000L; i++) { float f = (float) (p[0] * 0.5); s += f * p[1] + (double) (i % 7) * p[2]; }
        return s;
    }

    private EverydayCode() {
    }
}
