import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;

/**
 * Cases written as a new user would, of the kinds issue #12 names, none of them among the project's other tests:
 * JDK collections and callbacks, lambdas made outside the function, numbers through text and bits, callbacks with
 * side effects, other threads, a long unrolled method, and Hipparchus and Commons Math classes not tested
 * elsewhere. For each case named on the command line, at x = (0.7, -1.3, 2.1) (some library cases at
 * (0.7, 1.3, 2.1)), it prints NAME.fd=central differences of the function as it runs without a gradient,
 * NAME=the reverse-mode gradient and NAME.forward=the forward-mode one, or threw CLASS: MESSAGE.
 */
public final class Unseen {

    static final double[] X = {0.7, -1.3, 2.1};
    static final double[] POSITIVE = {0.7, 1.3, 2.1};
    static final Map<String, MultivariateFunction> CASES = new LinkedHashMap<>();
    static final Map<String, double[]> POINTS = new LinkedHashMap<>();

    static final DoubleUnaryOperator CUBE = t -> t * t * t;
    static final Function<Double, Double> HALF = t -> t / 2;
    static final ToDoubleFunction<double[]> NORM = v -> Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    static final DoubleBinaryOperator PRODUCT = (a, b) -> a * b;
    static final Supplier<double[]> WEIGHTS = () -> new double[] {1, 2, 3};
    static final Comparator<double[]> BY_FIRST = Comparator.comparingDouble(p -> p[0]);
    static final BiFunction<Double, Double, Point> MAKE = Point::new;
    static final Scaler TRIPLE = new Scaler(3);
    static final DoubleUnaryOperator BOUND = TRIPLE::scale;
    static final DoubleUnaryOperator PASSIVE_WEIGHT = t -> 1 + t * t;
    static final Holder HELD = new Holder(t -> Math.sin(t) * t);
    static final DoubleUnaryOperator SINE_OF_CUBE = CUBE.andThen(Math::sin);

    private Unseen() {
    }

    record Scaler(double k) {
        double scale(double t) {
            return k * t;
        }
    }

    /** Holds a function given to its constructor, as a library's solver holds its integrand. */
    static final class Holder {
        final DoubleUnaryOperator op;

        Holder(DoubleUnaryOperator op) {
            this.op = op;
        }
    }

    static final class Point {
        final double x;
        final double y;

        Point(double x, double y) {
            this.x = x;
            this.y = y;
        }

        double norm2() {
            return x * x + y * y;
        }
    }

    static void put(String name, MultivariateFunction f) {
        CASES.put(name, f);
        POINTS.put(name, X);
    }

    static void putPositive(String name, MultivariateFunction f) {
        CASES.put(name, f);
        POINTS.put(name, POSITIVE);
    }

    static long bitsOf(double d) {
        return Double.doubleToLongBits(d);
    }

    static double fromBits(long b) {
        return Double.longBitsToDouble(b);
    }

    static String text(double d) {
        return String.valueOf(d);
    }

    static {
        collections();
        streamsAndOptionals();
        functions();
        textBitsAndThreads();
        libraries();
    }

    static void collections() {
        put("treeMap.reverseOrder", v -> {
            TreeMap<Double, Double> m = new TreeMap<>(Comparator.reverseOrder());
            for (double e : v) {
                m.put(e, e * e);
            }
            double s = 0;
            int i = 1;
            for (double w : m.values()) {
                s += i++ * w;
            }
            return s;
        });
        put("linkedHashMap.compute", v -> {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("a", v[0]);
            m.compute("a", (k, old) -> old * v[1]);
            m.computeIfAbsent("b", k -> v[2] * v[2]);
            m.replaceAll((k, x) -> x + 1);
            return m.getOrDefault("a", 0.0) + m.getOrDefault("b", 0.0) + m.getOrDefault("z", v[0]);
        });
        put("arrayDeque", v -> {
            ArrayDeque<Double> q = new ArrayDeque<>();
            for (double e : v) {
                q.push(e * e);
            }
            double s = 0;
            int i = 1;
            while (!q.isEmpty()) {
                s += i++ * q.pollLast();
            }
            return s;
        });
        put("priorityQueue.comparator", v -> {
            PriorityQueue<double[]> q = new PriorityQueue<>((a, b) -> Double.compare(b[0], a[0]));
            for (double e : v) {
                q.add(new double[] {e, Math.exp(e)});
            }
            return q.poll()[1] + 2 * q.poll()[1];
        });
        put("list.sort", v -> {
            List<Double> l = new ArrayList<>();
            for (double e : v) {
                l.add(Math.sin(e));
            }
            l.sort(Comparator.naturalOrder());
            return l.get(0) + 3 * l.get(2);
        });
        put("collections.max", v -> {
            List<double[]> l = new ArrayList<>();
            for (double e : v) {
                l.add(new double[] {e, e * e});
            }
            return Collections.max(l, BY_FIRST)[1];
        });
        put("iterator.loop", v -> {
            List<Double> l = new LinkedList<>();
            for (double e : v) {
                l.add(e);
            }
            double s = 0;
            for (Iterator<Double> it = l.iterator(); it.hasNext();) {
                double d = it.next();
                s += d * d;
            }
            return s;
        });
        put("listIterator.set", v -> {
            List<Double> l = new ArrayList<>(List.of(v[0], v[1], v[2]));
            for (ListIterator<Double> it = l.listIterator(); it.hasNext();) {
                double d = it.next();
                it.set(d * d * d);
            }
            return l.get(0) + l.get(1) * l.get(2);
        });
        put("arrays.sort.comparator", v -> {
            Double[] a = {v[0], v[1], v[2]};
            Arrays.sort(a, (p, q) -> Double.compare(Math.abs(p), Math.abs(q)));
            return a[0] + 10 * a[2];
        });
        put("arrays.asList", v -> {
            double s = 0;
            for (Double d : Arrays.asList(v[0] * 2, v[1], v[2])) {
                s += d * d;
            }
            return s;
        });
    }

    static void streamsAndOptionals() {
        put("collectors.summingAndAveraging", v -> {
            List<Double> l = List.of(v[0], v[1], v[2]);
            return l.stream().collect(Collectors.summingDouble(d -> d * d))
                    + l.stream().collect(Collectors.averagingDouble(d -> Math.exp(d)));
        });
        put("collectors.reducing", v -> List.of(v[0], v[1], v[2]).stream()
                .collect(Collectors.reducing(1.0, (a, b) -> a * b)));
        put("collectors.groupingBy", v -> {
            Map<Boolean, Double> g = List.of(v[0], v[1], v[2]).stream()
                    .collect(Collectors.groupingBy(d -> d > 0, Collectors.summingDouble(d -> d * d)));
            return g.get(true) * 2 + g.get(false);
        });
        put("collectors.toMap", v -> {
            Map<Integer, Double> m = IntStream.range(0, 3).boxed()
                    .collect(Collectors.toMap(i -> i, i -> v[i] * (i + 1)));
            return m.get(0) * m.get(1) + m.get(2);
        });
        put("stream.iterate", v -> Stream.iterate(v[0], t -> t * v[1]).limit(4).mapToDouble(Double::doubleValue)
                .sum());
        put("doubleStream.generate", v -> DoubleStream.generate(() -> 2.0).limit(3).map(t -> t * v[0]).sum());
        put("stream.reduce.combiner", v -> List.of(v[0], v[1], v[2]).stream()
                .reduce(0.0, (acc, d) -> acc + d * d, Double::sum));
        put("flatMapToDouble", v -> Stream.of(new double[] {v[0], v[1]}, new double[] {v[2]})
                .flatMapToDouble(Arrays::stream).map(t -> t * t).sum());
        put("optional.chain", v -> {
            double[] out = new double[1];
            Optional.of(v[0]).filter(t -> t > 0).flatMap(t -> Optional.of(t * v[1])).or(() -> Optional.of(0.0))
                    .ifPresent(t -> out[0] = t);
            return out[0] + Optional.<Double>empty().or(() -> Optional.of(v[2] * v[2])).get();
        });
        put("optionalDouble", v -> DoubleStream.of(v).map(t -> t * t).max().orElse(0)
                + OptionalDouble.of(v[1]).getAsDouble());
        put("objects.requireNonNullElse", v -> Objects.requireNonNullElse((Double) null, v[0] * v[1])
                + Objects.requireNonNullElse(v[2], 0.0));
        put("side.comparatorWritesArray", v -> {
            double[] acc = new double[1];
            Double[] a = {v[0], v[1], v[2]};
            Arrays.sort(a, (p, q) -> {
                acc[0] += p * q;
                return Double.compare(p, q);
            });
            return acc[0];
        });
        put("side.forEach", v -> {
            double[] acc = new double[1];
            List.of(v[0], v[1], v[2]).forEach(d -> acc[0] += d * d);
            return acc[0];
        });
        put("side.peek", v -> {
            double[] acc = new double[1];
            double s = Arrays.stream(v).peek(t -> acc[0] += t * t).map(Math::exp).sum();
            return s + acc[0];
        });
    }

    static void functions() {
        put("function.andThenCompose", v -> {
            Function<Double, Double> f = t -> t * t;
            return f.andThen(HALF).compose((Double t) -> t + v[1]).apply(v[0]);
        });
        put("doubleUnaryOperator.andThen", v -> CUBE.andThen(Math::sin).applyAsDouble(v[0])
                + DoubleUnaryOperator.identity().compose(CUBE).applyAsDouble(v[1]));
        put("biFunction.andThen", v -> {
            BiFunction<Double, Double, Double> f = (a, b) -> a * b;
            return f.andThen(t -> t * t).apply(v[0], v[1]);
        });
        put("supplier.cache", v -> {
            Map<String, Supplier<Double>> cache = new LinkedHashMap<>();
            cache.put("k", () -> v[0] * v[2]);
            return cache.get("k").get() + WEIGHTS.get()[1] * v[1];
        });
        put("outside.staticFinal", v -> CUBE.applyAsDouble(v[0]) + HALF.apply(v[1]) + NORM.applyAsDouble(v)
                + PRODUCT.applyAsDouble(v[0], v[2]));
        put("outside.heldByAnObject", v -> HELD.op.applyAsDouble(v[0]) * v[1]);
        put("outside.boundMethodReference", v -> BOUND.applyAsDouble(v[0]) + v[1]);
        put("outside.constructorReference", v -> MAKE.apply(v[0], v[1]).norm2());
        put("outside.passiveOnly", v -> PASSIVE_WEIGHT.applyAsDouble(2.0) * v[0]);
        put("outside.combinedByTheJdk", v -> SINE_OF_CUBE.applyAsDouble(v[0]));
    }

    static void textBitsAndThreads() {
        put("text.valueOf", v -> Double.parseDouble(String.valueOf(v[0])) * v[1]);
        put("text.stringBuilder", v -> Double.parseDouble(new StringBuilder().append(v[0]).toString()));
        put("text.acrossMethods", v -> Double.parseDouble(text(v[0])) + v[1]);
        put("bits.acrossMethods", v -> fromBits(bitsOf(v[0])) * v[1]);
        put("bits.rawSignFlip", v -> Double.longBitsToDouble(Double.doubleToRawLongBits(v[0]) ^ 0x8000000000000000L));
        put("bits.mathFunctions", v -> Math.nextUp(v[0]) + Math.ulp(v[1]) + Math.getExponent(v[2])
                + Math.scalb(v[0], 3) + Math.copySign(v[1], v[2]));
        put("thread.parallelStream", v -> List.of(v[0], v[1]).parallelStream().mapToDouble(d -> d * d).sum());
        put("thread.completableFuture", v -> {
            try {
                return CompletableFuture.supplyAsync(() -> v[0] * v[0]).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        put("thread.executorService", v -> {
            ExecutorService ex = Executors.newSingleThreadExecutor();
            try {
                return ex.submit(() -> v[0] * v[1]).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                ex.shutdown();
            }
        });
        put("unrolled.det6", Unseen::det6);
        put("unrolled.longStraightLine", Unseen::longStraightLine);
    }

    static void libraries() {
        put("hipparchus.fastMath", v -> org.hipparchus.util.FastMath.atan2(v[0], v[1])
                + org.hipparchus.util.FastMath.cbrt(v[2])
                + org.hipparchus.util.FastMath.expm1(v[0]) * org.hipparchus.util.FastMath.log1p(v[2])
                + org.hipparchus.util.FastMath.sinh(v[2]) + org.hipparchus.util.FastMath.tanh(v[1]));
        putPositive("hipparchus.digammaAndGammaQ", v -> org.hipparchus.special.Gamma.digamma(v[1])
                + org.hipparchus.special.Gamma.regularizedGammaQ(v[2], v[0]));
        putPositive("hipparchus.erfOfTwo", v -> org.hipparchus.special.Erf.erf(v[0], v[1]));
        putPositive("hipparchus.gaussLegendre", v -> new org.hipparchus.analysis.integration.gauss
                .GaussIntegratorFactory().legendre(6, 0, v[2]).integrate(t -> Math.exp(-v[0] * t * t)));
        putPositive("hipparchus.pearsonsCorrelation", v -> new org.hipparchus.stat.correlation.PearsonsCorrelation()
                .correlation(new double[] {v[0], v[1], v[2], 3.0}, new double[] {1.0, 2.5, 2.0, 4.0}));
        putPositive("hipparchus.skewness", v -> new org.hipparchus.stat.descriptive.moment.Skewness()
                .evaluate(new double[] {v[0], v[1], v[2], 0.2}));
        putPositive("hipparchus.akimaSpline", v -> new org.hipparchus.analysis.interpolation.AkimaSplineInterpolator()
                .interpolate(new double[] {0, 1, 2, 3, 4}, new double[] {v[0], v[1], v[2], 1, 0}).value(1.7));
        putPositive("hipparchus.symmetricEigenvalue", v -> new org.hipparchus.linear.EigenDecompositionSymmetric(
                new org.hipparchus.linear.Array2DRowRealMatrix(new double[][] {{v[0] + 2, v[1]}, {v[1], v[2]}}))
                .getEigenvalue(0));
        putPositive("hipparchus.singularValue", v -> new org.hipparchus.linear.SingularValueDecomposition(
                new org.hipparchus.linear.Array2DRowRealMatrix(new double[][] {{v[0], v[1]}, {0.5, v[2]}}))
                .getSingularValues()[0]);
        putPositive("hipparchus.brentSolver", v -> new org.hipparchus.analysis.solvers.BrentSolver(1e-14)
                .solve(100, t -> t * t * t - v[0], 0, 3));
        putPositive("hipparchus.complexExp", v -> new org.hipparchus.complex.Complex(v[0], v[1])
                .multiply(new org.hipparchus.complex.Complex(v[2], 1)).exp().norm());
        putPositive("hipparchus.normalCdf", v -> new org.hipparchus.distribution.continuous.NormalDistribution(v[0],
                v[1]).cumulativeProbability(v[2]));
        putPositive("hipparchus.simpleRegression", v -> {
            org.hipparchus.stat.regression.SimpleRegression r = new org.hipparchus.stat.regression.SimpleRegression();
            r.addData(0, v[0]);
            r.addData(1, v[1]);
            r.addData(2, v[2]);
            r.addData(3, 4.0);
            return r.getSlope() + r.getIntercept();
        });
        putPositive("commonsMath.tDistribution", v -> new org.apache.commons.math3.distribution.TDistribution(
                v[2] + 3).cumulativeProbability(v[0]));
        putPositive("commonsMath.eigenvalue", v -> new org.apache.commons.math3.linear.EigenDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(new double[][] {{v[0] + 2, v[1]},
                    {v[1], v[2]}})).getRealEigenvalue(0));
        putPositive("commonsMath.complexPow", v -> new org.apache.commons.math3.complex.Complex(v[0], v[1])
                .pow(new org.apache.commons.math3.complex.Complex(v[2], 0.5)).getReal());
        putPositive("commonsMath.fft", v -> new org.apache.commons.math3.transform.FastFourierTransformer(
                org.apache.commons.math3.transform.DftNormalization.STANDARD).transform(new double[] {v[0], v[1], v[2],
                    1}, org.apache.commons.math3.transform.TransformType.FORWARD)[1].abs());
        putPositive("commonsMath.loess", v -> new org.apache.commons.math3.analysis.interpolation.LoessInterpolator(
                0.8, 0).smooth(new double[] {0, 1, 2, 3, 4, 5}, new double[] {v[0], v[1], v[2], 1, 0, 2})[2]);
        putPositive("commonsMath.kurtosis", v -> new org.apache.commons.math3.stat.descriptive.moment.Kurtosis()
                .evaluate(new double[] {v[0], v[1], v[2], 0.2, 1.1}));
        putPositive("commonsMath.dfp", v -> new org.apache.commons.math3.dfp.DfpField(20).newDfp(v[0]).multiply(2)
                .toDouble());
    }

    /** The determinant of a 6x6 matrix of polynomials in v, unrolled by cofactors as generated code is. */
    static double det6(double[] v) {
        double a = v[0];
        double b = v[1];
        double c = v[2];
        double m00 = a + 2, m01 = b, m02 = c * a, m03 = 1, m04 = 0.5, m05 = a * b;
        double m10 = b * b, m11 = c + 3, m12 = 0.2, m13 = a, m14 = b, m15 = 0.1;
        double m20 = 0.3, m21 = a * c, m22 = b + 4, m23 = c, m24 = 0.7, m25 = a;
        double m30 = c, m31 = 0.4, m32 = a, m33 = b + c + 1, m34 = a * a, m35 = 0.6;
        double m40 = 0.9, m41 = b, m42 = c * c, m43 = 0.8, m44 = a + 5, m45 = b * c;
        double m50 = a - b, m51 = 1.1, m52 = 0.5, m53 = c, m54 = a * b * c, m55 = 6 + c;
        double s01 = m40 * m51 - m41 * m50, s02 = m40 * m52 - m42 * m50, s03 = m40 * m53 - m43 * m50;
        double s04 = m40 * m54 - m44 * m50, s05 = m40 * m55 - m45 * m50, s12 = m41 * m52 - m42 * m51;
        double s13 = m41 * m53 - m43 * m51, s14 = m41 * m54 - m44 * m51, s15 = m41 * m55 - m45 * m51;
        double s23 = m42 * m53 - m43 * m52, s24 = m42 * m54 - m44 * m52, s25 = m42 * m55 - m45 * m52;
        double s34 = m43 * m54 - m44 * m53, s35 = m43 * m55 - m45 * m53, s45 = m44 * m55 - m45 * m54;
        double t012 = m30 * s12 - m31 * s02 + m32 * s01, t013 = m30 * s13 - m31 * s03 + m33 * s01;
        double t014 = m30 * s14 - m31 * s04 + m34 * s01, t015 = m30 * s15 - m31 * s05 + m35 * s01;
        double t023 = m30 * s23 - m32 * s03 + m33 * s02, t024 = m30 * s24 - m32 * s04 + m34 * s02;
        double t025 = m30 * s25 - m32 * s05 + m35 * s02, t034 = m30 * s34 - m33 * s04 + m34 * s03;
        double t035 = m30 * s35 - m33 * s05 + m35 * s03, t045 = m30 * s45 - m34 * s05 + m35 * s04;
        double t123 = m31 * s23 - m32 * s13 + m33 * s12, t124 = m31 * s24 - m32 * s14 + m34 * s12;
        double t125 = m31 * s25 - m32 * s15 + m35 * s12, t134 = m31 * s34 - m33 * s14 + m34 * s13;
        double t135 = m31 * s35 - m33 * s15 + m35 * s13, t145 = m31 * s45 - m34 * s15 + m35 * s14;
        double t234 = m32 * s34 - m33 * s24 + m34 * s23, t235 = m32 * s35 - m33 * s25 + m35 * s23;
        double t245 = m32 * s45 - m34 * s25 + m35 * s24, t345 = m33 * s45 - m34 * s35 + m35 * s34;
        double u0123 = m20 * t123 - m21 * t023 + m22 * t013 - m23 * t012;
        double u0124 = m20 * t124 - m21 * t024 + m22 * t014 - m24 * t012;
        double u0125 = m20 * t125 - m21 * t025 + m22 * t015 - m25 * t012;
        double u0134 = m20 * t134 - m21 * t034 + m23 * t014 - m24 * t013;
        double u0135 = m20 * t135 - m21 * t035 + m23 * t015 - m25 * t013;
        double u0145 = m20 * t145 - m21 * t045 + m24 * t015 - m25 * t014;
        double u0234 = m20 * t234 - m22 * t034 + m23 * t024 - m24 * t023;
        double u0235 = m20 * t235 - m22 * t035 + m23 * t025 - m25 * t023;
        double u0245 = m20 * t245 - m22 * t045 + m24 * t025 - m25 * t024;
        double u0345 = m20 * t345 - m23 * t045 + m24 * t035 - m25 * t034;
        double u1234 = m21 * t234 - m22 * t134 + m23 * t124 - m24 * t123;
        double u1235 = m21 * t235 - m22 * t135 + m23 * t125 - m25 * t123;
        double u1245 = m21 * t245 - m22 * t145 + m24 * t125 - m25 * t124;
        double u1345 = m21 * t345 - m23 * t145 + m24 * t135 - m25 * t134;
        double u2345 = m22 * t345 - m23 * t245 + m24 * t235 - m25 * t234;
        double w01234 = m10 * u1234 - m11 * u0234 + m12 * u0134 - m13 * u0124 + m14 * u0123;
        double w01235 = m10 * u1235 - m11 * u0235 + m12 * u0135 - m13 * u0125 + m15 * u0123;
        double w01245 = m10 * u1245 - m11 * u0245 + m12 * u0145 - m14 * u0125 + m15 * u0124;
        double w01345 = m10 * u1345 - m11 * u0345 + m13 * u0145 - m14 * u0135 + m15 * u0134;
        double w02345 = m10 * u2345 - m12 * u0345 + m13 * u0245 - m14 * u0235 + m15 * u0234;
        double w12345 = m11 * u2345 - m12 * u1345 + m13 * u1245 - m14 * u1235 + m15 * u1234;
        return m00 * w12345 - m01 * w02345 + m02 * w01345 - m03 * w01245 + m04 * w01235 - m05 * w01234;
    }

    /** 1,200 statements of straight-line code, as a code generator writes them: over 8,000 bytes of bytecode. */
    static double longStraightLine(double[] v) {
        double s = 0;
        s = s * 0.999 + -0.051 * v[0] - v[1] * 0.58;
        s = s * 0.999 + -0.3 * v[1] + v[2] * 0.11;
        s = s * 0.999 + -0.25 * v[2] + v[0] * 0.68;
        s = s * 0.999 + -0.08 * v[0] - v[1] * 0.3;
        s = s * 0.999 + -0.997 * v[1] - v[2] * 0.23;
        s = s * 0.999 + -0.12 * v[2] * v[0] * 0.41;
        s = s * 0.999 + -0.579 * v[0] - v[1] * 0.84;
        s = s * 0.999 + -0.851 * v[1] - v[2] * 0.84;
        s = s * 0.999 + 0.363 * v[2] * v[0] * 0.12;
        s = s * 0.999 + -0.878 * v[0] - v[1] * 0.56;
        s = s * 0.999 + -0.818 * v[1] + v[2] * 0.95;
        s = s * 0.999 + -0.775 * v[2] + v[0] * 0.97;
        s = s * 0.999 + 0.079 * v[0] - v[1] * 0.6;
        s = s * 0.999 + 0.952 * v[1] * v[2] * 0.6;
        s = s * 0.999 + 0.014 * v[2] * v[0] * 0.46;
        s = s * 0.999 + -0.162 * v[0] - v[1] * 0.52;
        s = s * 0.999 + 0.219 * v[1] - v[2] * 0.13;
        s = s * 0.999 + 0.453 * v[2] * v[0] * 0.98;
        s = s * 0.999 + 0.327 * v[0] + v[1] * 0.95;
        s = s * 0.999 + 0.732 * v[1] + v[2] * 0.71;
        s = s * 0.999 + -0.772 * v[2] * v[0] * 0.4;
        s = s * 0.999 + -0.257 * v[0] - v[1] * 0.83;
        s = s * 0.999 + 0.0 * v[1] * v[2] * 0.44;
        s = s * 0.999 + 0.718 * v[2] * v[0] * 0.57;
        s = s * 0.999 + -0.556 * v[0] + v[1] * 0.14;
        s = s * 0.999 + -0.591 * v[1] - v[2] * 0.19;
        s = s * 0.999 + 0.1 * v[2] * v[0] * 0.17;
        s = s * 0.999 + -0.452 * v[0] + v[1] * 0.35;
        s = s * 0.999 + -0.312 * v[1] - v[2] * 0.75;
        s = s * 0.999 + 0.028 * v[2] + v[0] * 0.29;
        s = s * 0.999 + -0.436 * v[0] + v[1] * 0.73;
        s = s * 0.999 + 0.711 * v[1] * v[2] * 0.96;
        s = s * 0.999 + -0.665 * v[2] - v[0] * 0.43;
        s = s * 0.999 + -0.622 * v[0] - v[1] * 0.3;
        s = s * 0.999 + 0.214 * v[1] + v[2] * 0.92;
        s = s * 0.999 + 0.603 * v[2] * v[0] * 0.32;
        s = s * 0.999 + -0.983 * v[0] * v[1] * 0.32;
        s = s * 0.999 + -0.768 * v[1] + v[2] * 1.0;
        s = s * 0.999 + 0.007 * v[2] * v[0] * 0.93;
        s = s * 0.999 + 0.764 * v[0] - v[1] * 0.85;
        s = s * 0.999 + 0.279 * v[1] * v[2] * 0.81;
        s = s * 0.999 + 0.004 * v[2] + v[0] * 0.66;
        s = s * 0.999 + -0.475 * v[0] + v[1] * 0.9;
        s = s * 0.999 + -0.676 * v[1] + v[2] * 0.66;
        s = s * 0.999 + -0.908 * v[2] + v[0] * 0.95;
        s = s * 0.999 + 0.03 * v[0] - v[1] * 0.5;
        s = s * 0.999 + 0.584 * v[1] - v[2] * 0.36;
        s = s * 0.999 + -0.49 * v[2] - v[0] * 0.1;
        s = s * 0.999 + -0.945 * v[0] - v[1] * 0.9;
        s = s * 0.999 + -0.159 * v[1] * v[2] * 0.28;
        s = s * 0.999 + -0.056 * v[2] * v[0] * 0.6;
        s = s * 0.999 + 0.249 * v[0] + v[1] * 0.78;
        s = s * 0.999 + -0.165 * v[1] - v[2] * 0.18;
        s = s * 0.999 + -0.191 * v[2] * v[0] * 0.62;
        s = s * 0.999 + -0.305 * v[0] + v[1] * 0.67;
        s = s * 0.999 + -0.23 * v[1] * v[2] * 0.12;
        s = s * 0.999 + 0.42 * v[2] * v[0] * 0.82;
        s = s * 0.999 + 0.795 * v[0] + v[1] * 0.58;
        s = s * 0.999 + 0.578 * v[1] + v[2] * 0.81;
        s = s * 0.999 + 0.421 * v[2] * v[0] * 0.38;
        s = s * 0.999 + 0.868 * v[0] - v[1] * 0.72;
        s = s * 0.999 + -0.017 * v[1] - v[2] * 0.21;
        s = s * 0.999 + 0.069 * v[2] - v[0] * 0.71;
        s = s * 0.999 + 0.161 * v[0] * v[1] * 0.47;
        s = s * 0.999 + -0.353 * v[1] - v[2] * 0.4;
        s = s * 0.999 + 0.373 * v[2] - v[0] * 0.38;
        s = s * 0.999 + 0.392 * v[0] - v[1] * 0.69;
        s = s * 0.999 + 0.869 * v[1] + v[2] * 0.26;
        s = s * 0.999 + -0.582 * v[2] - v[0] * 0.5;
        s = s * 0.999 + -0.641 * v[0] - v[1] * 0.63;
        s = s * 0.999 + -0.086 * v[1] + v[2] * 0.19;
        s = s * 0.999 + -0.551 * v[2] + v[0] * 0.43;
        s = s * 0.999 + 0.698 * v[0] - v[1] * 0.49;
        s = s * 0.999 + -0.559 * v[1] * v[2] * 0.55;
        s = s * 0.999 + 0.396 * v[2] * v[0] * 0.55;
        s = s * 0.999 + -0.222 * v[0] - v[1] * 0.86;
        s = s * 0.999 + -0.5 * v[1] + v[2] * 0.81;
        s = s * 0.999 + -0.902 * v[2] * v[0] * 0.47;
        s = s * 0.999 + 0.398 * v[0] + v[1] * 0.57;
        s = s * 0.999 + -0.12 * v[1] * v[2] * 0.98;
        s = s * 0.999 + 0.108 * v[2] - v[0] * 0.38;
        s = s * 0.999 + 0.524 * v[0] * v[1] * 0.39;
        s = s * 0.999 + -0.0 * v[1] + v[2] * 0.67;
        s = s * 0.999 + -0.659 * v[2] + v[0] * 0.3;
        s = s * 0.999 + 0.089 * v[0] + v[1] * 0.55;
        s = s * 0.999 + -0.142 * v[1] + v[2] * 0.36;
        s = s * 0.999 + 0.872 * v[2] - v[0] * 0.35;
        s = s * 0.999 + 0.626 * v[0] - v[1] * 0.39;
        s = s * 0.999 + -0.748 * v[1] - v[2] * 0.13;
        s = s * 0.999 + 0.316 * v[2] + v[0] * 0.47;
        s = s * 0.999 + 0.236 * v[0] + v[1] * 0.41;
        s = s * 0.999 + 0.537 * v[1] + v[2] * 0.45;
        s = s * 0.999 + -0.201 * v[2] * v[0] * 0.25;
        s = s * 0.999 + -0.59 * v[0] + v[1] * 0.2;
        s = s * 0.999 + -0.464 * v[1] * v[2] * 0.88;
        s = s * 0.999 + 0.306 * v[2] - v[0] * 0.84;
        s = s * 0.999 + -0.282 * v[0] - v[1] * 0.92;
        s = s * 0.999 + 0.542 * v[1] + v[2] * 0.85;
        s = s * 0.999 + -0.578 * v[2] * v[0] * 0.6;
        s = s * 0.999 + -0.915 * v[0] * v[1] * 0.28;
        s = s * 0.999 + -0.606 * v[1] + v[2] * 0.93;
        s = s * 0.999 + 0.963 * v[2] + v[0] * 0.59;
        s = s * 0.999 + -0.957 * v[0] * v[1] * 0.43;
        s = s * 0.999 + -0.004 * v[1] * v[2] * 0.5;
        s = s * 0.999 + 0.055 * v[2] - v[0] * 0.21;
        s = s * 0.999 + -0.214 * v[0] + v[1] * 0.67;
        s = s * 0.999 + -0.065 * v[1] - v[2] * 0.86;
        s = s * 0.999 + 0.706 * v[2] - v[0] * 0.13;
        s = s * 0.999 + 0.69 * v[0] * v[1] * 0.93;
        s = s * 0.999 + -0.017 * v[1] + v[2] * 0.72;
        s = s * 0.999 + 0.913 * v[2] - v[0] * 0.82;
        s = s * 0.999 + 0.098 * v[0] - v[1] * 0.44;
        s = s * 0.999 + -0.856 * v[1] * v[2] * 0.41;
        s = s * 0.999 + -0.537 * v[2] + v[0] * 0.18;
        s = s * 0.999 + -0.887 * v[0] * v[1] * 0.94;
        s = s * 0.999 + -0.938 * v[1] - v[2] * 0.72;
        s = s * 0.999 + 0.232 * v[2] - v[0] * 0.96;
        s = s * 0.999 + 0.493 * v[0] * v[1] * 0.63;
        s = s * 0.999 + 0.174 * v[1] + v[2] * 0.67;
        s = s * 0.999 + -0.078 * v[2] + v[0] * 0.48;
        s = s * 0.999 + 0.086 * v[0] + v[1] * 0.82;
        s = s * 0.999 + -0.218 * v[1] - v[2] * 0.65;
        s = s * 0.999 + 0.905 * v[2] - v[0] * 0.94;
        s = s * 0.999 + -0.276 * v[0] + v[1] * 0.21;
        s = s * 0.999 + -0.029 * v[1] * v[2] * 0.7;
        s = s * 0.999 + -0.975 * v[2] * v[0] * 0.21;
        s = s * 0.999 + -0.128 * v[0] + v[1] * 0.84;
        s = s * 0.999 + 0.515 * v[1] + v[2] * 0.63;
        s = s * 0.999 + 0.53 * v[2] + v[0] * 0.41;
        s = s * 0.999 + 0.779 * v[0] - v[1] * 0.58;
        s = s * 0.999 + -0.277 * v[1] * v[2] * 0.41;
        s = s * 0.999 + -0.467 * v[2] - v[0] * 0.21;
        s = s * 0.999 + 0.082 * v[0] + v[1] * 0.77;
        s = s * 0.999 + -0.496 * v[1] + v[2] * 0.99;
        s = s * 0.999 + -0.761 * v[2] - v[0] * 0.67;
        s = s * 0.999 + -0.654 * v[0] - v[1] * 0.24;
        s = s * 0.999 + 0.242 * v[1] + v[2] * 0.44;
        s = s * 0.999 + -0.38 * v[2] + v[0] * 0.92;
        s = s * 0.999 + 0.832 * v[0] - v[1] * 0.64;
        s = s * 0.999 + -0.858 * v[1] - v[2] * 0.46;
        s = s * 0.999 + -0.59 * v[2] + v[0] * 0.66;
        s = s * 0.999 + 0.232 * v[0] * v[1] * 0.37;
        s = s * 0.999 + -0.335 * v[1] - v[2] * 0.68;
        s = s * 0.999 + -0.914 * v[2] + v[0] * 0.68;
        s = s * 0.999 + -0.853 * v[0] - v[1] * 0.57;
        s = s * 0.999 + 0.731 * v[1] * v[2] * 0.83;
        s = s * 0.999 + 0.979 * v[2] - v[0] * 0.38;
        s = s * 0.999 + 0.586 * v[0] * v[1] * 0.35;
        s = s * 0.999 + 0.682 * v[1] * v[2] * 0.27;
        s = s * 0.999 + -0.452 * v[2] * v[0] * 0.67;
        s = s * 0.999 + 0.179 * v[0] + v[1] * 0.77;
        s = s * 0.999 + -0.38 * v[1] * v[2] * 0.94;
        s = s * 0.999 + -0.217 * v[2] + v[0] * 0.45;
        s = s * 0.999 + -0.454 * v[0] * v[1] * 0.32;
        s = s * 0.999 + 0.052 * v[1] - v[2] * 0.54;
        s = s * 0.999 + 0.318 * v[2] - v[0] * 0.65;
        s = s * 0.999 + 0.429 * v[0] + v[1] * 0.46;
        s = s * 0.999 + -0.727 * v[1] * v[2] * 0.9;
        s = s * 0.999 + 0.58 * v[2] + v[0] * 0.7;
        s = s * 0.999 + -0.42 * v[0] + v[1] * 0.24;
        s = s * 0.999 + 0.673 * v[1] + v[2] * 0.62;
        s = s * 0.999 + -0.641 * v[2] + v[0] * 0.47;
        s = s * 0.999 + -0.896 * v[0] * v[1] * 0.51;
        s = s * 0.999 + 0.062 * v[1] * v[2] * 0.24;
        s = s * 0.999 + -0.756 * v[2] - v[0] * 0.44;
        s = s * 0.999 + -0.019 * v[0] - v[1] * 0.18;
        s = s * 0.999 + -0.615 * v[1] * v[2] * 0.44;
        s = s * 0.999 + 0.058 * v[2] + v[0] * 0.94;
        s = s * 0.999 + 0.057 * v[0] + v[1] * 0.81;
        s = s * 0.999 + -0.748 * v[1] * v[2] * 0.79;
        s = s * 0.999 + 0.103 * v[2] * v[0] * 0.33;
        s = s * 0.999 + 0.067 * v[0] + v[1] * 0.2;
        s = s * 0.999 + 0.235 * v[1] * v[2] * 0.97;
        s = s * 0.999 + 0.136 * v[2] - v[0] * 0.15;
        s = s * 0.999 + -0.398 * v[0] + v[1] * 0.45;
        s = s * 0.999 + 0.683 * v[1] * v[2] * 0.17;
        s = s * 0.999 + 0.841 * v[2] - v[0] * 0.51;
        s = s * 0.999 + 0.577 * v[0] - v[1] * 0.46;
        s = s * 0.999 + -0.984 * v[1] - v[2] * 0.44;
        s = s * 0.999 + 0.801 * v[2] * v[0] * 0.4;
        s = s * 0.999 + -0.855 * v[0] - v[1] * 0.66;
        s = s * 0.999 + 0.981 * v[1] * v[2] * 0.37;
        s = s * 0.999 + -0.44 * v[2] - v[0] * 0.77;
        s = s * 0.999 + 0.048 * v[0] - v[1] * 0.71;
        s = s * 0.999 + 0.738 * v[1] - v[2] * 0.97;
        s = s * 0.999 + 0.385 * v[2] + v[0] * 0.17;
        s = s * 0.999 + -0.753 * v[0] * v[1] * 0.2;
        s = s * 0.999 + 0.615 * v[1] * v[2] * 0.64;
        s = s * 0.999 + -0.732 * v[2] - v[0] * 0.58;
        s = s * 0.999 + -0.646 * v[0] + v[1] * 0.98;
        s = s * 0.999 + -0.553 * v[1] + v[2] * 0.12;
        s = s * 0.999 + -0.711 * v[2] + v[0] * 0.61;
        s = s * 0.999 + 0.402 * v[0] * v[1] * 0.84;
        s = s * 0.999 + 0.502 * v[1] + v[2] * 0.49;
        s = s * 0.999 + 0.528 * v[2] * v[0] * 0.25;
        s = s * 0.999 + -0.959 * v[0] - v[1] * 0.42;
        s = s * 0.999 + -0.415 * v[1] - v[2] * 0.54;
        s = s * 0.999 + -0.17 * v[2] + v[0] * 0.14;
        s = s * 0.999 + -0.395 * v[0] - v[1] * 0.66;
        s = s * 0.999 + 0.11 * v[1] * v[2] * 0.37;
        s = s * 0.999 + 0.744 * v[2] + v[0] * 0.23;
        s = s * 0.999 + 0.678 * v[0] + v[1] * 0.32;
        s = s * 0.999 + 0.091 * v[1] - v[2] * 0.9;
        s = s * 0.999 + 0.769 * v[2] * v[0] * 0.96;
        s = s * 0.999 + -0.868 * v[0] * v[1] * 0.77;
        s = s * 0.999 + 0.987 * v[1] - v[2] * 0.41;
        s = s * 0.999 + -0.465 * v[2] * v[0] * 0.49;
        s = s * 0.999 + 0.823 * v[0] + v[1] * 0.4;
        s = s * 0.999 + 0.263 * v[1] + v[2] * 0.69;
        s = s * 0.999 + -0.04 * v[2] * v[0] * 0.87;
        s = s * 0.999 + 0.242 * v[0] * v[1] * 0.7;
        s = s * 0.999 + -0.013 * v[1] * v[2] * 0.56;
        s = s * 0.999 + 0.347 * v[2] + v[0] * 0.58;
        s = s * 0.999 + -0.22 * v[0] + v[1] * 0.99;
        s = s * 0.999 + 0.691 * v[1] - v[2] * 0.22;
        s = s * 0.999 + 0.365 * v[2] - v[0] * 0.52;
        s = s * 0.999 + -0.105 * v[0] * v[1] * 0.2;
        s = s * 0.999 + 0.3 * v[1] * v[2] * 0.26;
        s = s * 0.999 + 0.248 * v[2] + v[0] * 0.52;
        s = s * 0.999 + 0.847 * v[0] + v[1] * 0.56;
        s = s * 0.999 + -0.132 * v[1] + v[2] * 0.92;
        s = s * 0.999 + -0.662 * v[2] - v[0] * 0.69;
        s = s * 0.999 + 0.3 * v[0] * v[1] * 0.18;
        s = s * 0.999 + 0.403 * v[1] - v[2] * 0.39;
        s = s * 0.999 + 0.174 * v[2] * v[0] * 0.14;
        s = s * 0.999 + -0.056 * v[0] + v[1] * 0.77;
        s = s * 0.999 + -0.72 * v[1] * v[2] * 0.87;
        s = s * 0.999 + -0.079 * v[2] - v[0] * 0.61;
        s = s * 0.999 + -0.541 * v[0] + v[1] * 0.81;
        s = s * 0.999 + 0.942 * v[1] + v[2] * 0.56;
        s = s * 0.999 + 0.189 * v[2] - v[0] * 0.87;
        s = s * 0.999 + -0.479 * v[0] * v[1] * 0.45;
        s = s * 0.999 + 0.097 * v[1] - v[2] * 0.89;
        s = s * 0.999 + 0.339 * v[2] + v[0] * 0.64;
        s = s * 0.999 + -0.099 * v[0] - v[1] * 0.21;
        s = s * 0.999 + -0.6 * v[1] + v[2] * 0.79;
        s = s * 0.999 + 0.114 * v[2] - v[0] * 0.16;
        s = s * 0.999 + 0.815 * v[0] * v[1] * 0.21;
        s = s * 0.999 + 0.066 * v[1] + v[2] * 0.37;
        s = s * 0.999 + -0.585 * v[2] + v[0] * 0.69;
        s = s * 0.999 + 0.418 * v[0] - v[1] * 0.83;
        s = s * 0.999 + 0.021 * v[1] + v[2] * 0.16;
        s = s * 0.999 + -0.673 * v[2] + v[0] * 0.12;
        s = s * 0.999 + -0.331 * v[0] * v[1] * 0.24;
        s = s * 0.999 + -0.84 * v[1] + v[2] * 0.78;
        s = s * 0.999 + -0.258 * v[2] + v[0] * 0.75;
        s = s * 0.999 + -0.762 * v[0] - v[1] * 0.63;
        s = s * 0.999 + -0.123 * v[1] - v[2] * 0.19;
        s = s * 0.999 + 0.402 * v[2] + v[0] * 0.43;
        s = s * 0.999 + -0.44 * v[0] + v[1] * 1.0;
        s = s * 0.999 + -0.788 * v[1] + v[2] * 0.31;
        s = s * 0.999 + -0.348 * v[2] + v[0] * 0.8;
        s = s * 0.999 + -0.042 * v[0] + v[1] * 0.1;
        s = s * 0.999 + -0.83 * v[1] * v[2] * 0.24;
        s = s * 0.999 + -0.124 * v[2] + v[0] * 0.71;
        s = s * 0.999 + 0.726 * v[0] + v[1] * 0.9;
        s = s * 0.999 + 0.531 * v[1] + v[2] * 0.72;
        s = s * 0.999 + -0.815 * v[2] * v[0] * 0.65;
        s = s * 0.999 + -0.664 * v[0] - v[1] * 0.86;
        s = s * 0.999 + -0.102 * v[1] - v[2] * 0.37;
        s = s * 0.999 + 0.455 * v[2] * v[0] * 0.1;
        s = s * 0.999 + -0.608 * v[0] + v[1] * 0.45;
        s = s * 0.999 + -0.374 * v[1] - v[2] * 0.98;
        s = s * 0.999 + 0.844 * v[2] * v[0] * 0.47;
        s = s * 0.999 + -0.842 * v[0] + v[1] * 0.99;
        s = s * 0.999 + -0.988 * v[1] + v[2] * 0.35;
        s = s * 0.999 + -0.848 * v[2] + v[0] * 0.41;
        s = s * 0.999 + -0.784 * v[0] + v[1] * 0.31;
        s = s * 0.999 + -0.61 * v[1] + v[2] * 0.22;
        s = s * 0.999 + 0.856 * v[2] - v[0] * 0.98;
        s = s * 0.999 + 0.236 * v[0] * v[1] * 0.76;
        s = s * 0.999 + -0.546 * v[1] * v[2] * 0.15;
        s = s * 0.999 + 0.591 * v[2] - v[0] * 0.75;
        s = s * 0.999 + -0.713 * v[0] + v[1] * 0.58;
        s = s * 0.999 + -0.824 * v[1] * v[2] * 0.26;
        s = s * 0.999 + -0.131 * v[2] * v[0] * 0.18;
        s = s * 0.999 + -0.838 * v[0] - v[1] * 0.42;
        s = s * 0.999 + -0.044 * v[1] * v[2] * 0.66;
        s = s * 0.999 + 0.44 * v[2] + v[0] * 0.48;
        s = s * 0.999 + -0.628 * v[0] * v[1] * 0.37;
        s = s * 0.999 + 0.51 * v[1] * v[2] * 0.13;
        s = s * 0.999 + -0.885 * v[2] - v[0] * 0.76;
        s = s * 0.999 + 0.536 * v[0] - v[1] * 0.11;
        s = s * 0.999 + -0.377 * v[1] - v[2] * 0.48;
        s = s * 0.999 + -0.17 * v[2] * v[0] * 0.4;
        s = s * 0.999 + -0.751 * v[0] + v[1] * 0.98;
        s = s * 0.999 + 0.351 * v[1] * v[2] * 0.52;
        s = s * 0.999 + 0.282 * v[2] + v[0] * 0.8;
        s = s * 0.999 + 0.16 * v[0] - v[1] * 0.58;
        s = s * 0.999 + -0.004 * v[1] + v[2] * 0.62;
        s = s * 0.999 + 0.095 * v[2] + v[0] * 0.22;
        s = s * 0.999 + -0.607 * v[0] * v[1] * 0.95;
        s = s * 0.999 + 0.546 * v[1] + v[2] * 0.25;
        s = s * 0.999 + 0.947 * v[2] + v[0] * 0.35;
        s = s * 0.999 + 0.189 * v[0] * v[1] * 0.29;
        s = s * 0.999 + 0.65 * v[1] - v[2] * 0.12;
        s = s * 0.999 + -0.014 * v[2] - v[0] * 0.48;
        s = s * 0.999 + -0.553 * v[0] - v[1] * 0.73;
        s = s * 0.999 + 0.326 * v[1] * v[2] * 0.26;
        s = s * 0.999 + 0.365 * v[2] + v[0] * 0.91;
        s = s * 0.999 + 0.1 * v[0] + v[1] * 0.71;
        s = s * 0.999 + 0.849 * v[1] * v[2] * 0.12;
        s = s * 0.999 + 0.855 * v[2] * v[0] * 0.89;
        s = s * 0.999 + -0.506 * v[0] - v[1] * 0.33;
        s = s * 0.999 + 0.431 * v[1] - v[2] * 0.36;
        s = s * 0.999 + -0.328 * v[2] + v[0] * 0.49;
        s = s * 0.999 + -0.868 * v[0] - v[1] * 0.11;
        s = s * 0.999 + 0.278 * v[1] - v[2] * 0.57;
        s = s * 0.999 + -0.764 * v[2] - v[0] * 0.59;
        s = s * 0.999 + -0.71 * v[0] * v[1] * 0.58;
        s = s * 0.999 + 0.834 * v[1] * v[2] * 0.91;
        s = s * 0.999 + -0.753 * v[2] + v[0] * 0.49;
        s = s * 0.999 + 0.887 * v[0] - v[1] * 0.5;
        s = s * 0.999 + 0.597 * v[1] + v[2] * 0.14;
        s = s * 0.999 + -0.301 * v[2] * v[0] * 0.95;
        s = s * 0.999 + -0.791 * v[0] - v[1] * 0.93;
        s = s * 0.999 + 0.101 * v[1] + v[2] * 0.6;
        s = s * 0.999 + 0.372 * v[2] * v[0] * 0.39;
        s = s * 0.999 + -0.783 * v[0] * v[1] * 0.29;
        s = s * 0.999 + -0.023 * v[1] + v[2] * 0.89;
        s = s * 0.999 + 0.948 * v[2] * v[0] * 0.79;
        s = s * 0.999 + 0.253 * v[0] - v[1] * 0.15;
        s = s * 0.999 + 0.549 * v[1] * v[2] * 0.49;
        s = s * 0.999 + 0.512 * v[2] + v[0] * 0.43;
        s = s * 0.999 + 0.01 * v[0] - v[1] * 0.85;
        s = s * 0.999 + -0.007 * v[1] - v[2] * 0.49;
        s = s * 0.999 + 0.358 * v[2] * v[0] * 0.34;
        s = s * 0.999 + -0.031 * v[0] * v[1] * 0.71;
        s = s * 0.999 + 0.614 * v[1] + v[2] * 0.1;
        s = s * 0.999 + -0.52 * v[2] - v[0] * 0.48;
        s = s * 0.999 + 0.229 * v[0] * v[1] * 0.18;
        s = s * 0.999 + 0.941 * v[1] * v[2] * 0.56;
        s = s * 0.999 + 0.294 * v[2] + v[0] * 0.31;
        s = s * 0.999 + -0.913 * v[0] - v[1] * 0.97;
        s = s * 0.999 + 0.781 * v[1] + v[2] * 0.78;
        s = s * 0.999 + 0.222 * v[2] * v[0] * 0.72;
        s = s * 0.999 + -0.801 * v[0] * v[1] * 0.26;
        s = s * 0.999 + 0.182 * v[1] - v[2] * 0.92;
        s = s * 0.999 + 0.948 * v[2] + v[0] * 0.26;
        s = s * 0.999 + 0.631 * v[0] + v[1] * 0.99;
        s = s * 0.999 + 0.188 * v[1] * v[2] * 0.98;
        s = s * 0.999 + -0.792 * v[2] + v[0] * 0.43;
        s = s * 0.999 + 0.536 * v[0] + v[1] * 0.3;
        s = s * 0.999 + 0.863 * v[1] - v[2] * 0.48;
        s = s * 0.999 + 0.527 * v[2] - v[0] * 0.38;
        s = s * 0.999 + -0.557 * v[0] + v[1] * 0.22;
        s = s * 0.999 + 0.665 * v[1] + v[2] * 0.84;
        s = s * 0.999 + 0.255 * v[2] * v[0] * 0.16;
        s = s * 0.999 + 0.504 * v[0] * v[1] * 0.81;
        s = s * 0.999 + 0.492 * v[1] - v[2] * 0.48;
        s = s * 0.999 + -0.376 * v[2] * v[0] * 0.73;
        s = s * 0.999 + 0.665 * v[0] * v[1] * 0.34;
        s = s * 0.999 + -0.039 * v[1] - v[2] * 0.23;
        s = s * 0.999 + -0.509 * v[2] + v[0] * 0.28;
        s = s * 0.999 + 0.901 * v[0] + v[1] * 0.26;
        s = s * 0.999 + 0.36 * v[1] - v[2] * 0.64;
        s = s * 0.999 + 0.789 * v[2] + v[0] * 0.38;
        s = s * 0.999 + 0.8 * v[0] + v[1] * 0.33;
        s = s * 0.999 + -0.747 * v[1] * v[2] * 0.89;
        s = s * 0.999 + 0.73 * v[2] - v[0] * 0.28;
        s = s * 0.999 + 0.484 * v[0] * v[1] * 0.65;
        s = s * 0.999 + -0.351 * v[1] * v[2] * 0.62;
        s = s * 0.999 + 0.501 * v[2] - v[0] * 0.83;
        s = s * 0.999 + 0.417 * v[0] + v[1] * 0.51;
        s = s * 0.999 + 0.567 * v[1] + v[2] * 0.53;
        s = s * 0.999 + 0.228 * v[2] - v[0] * 0.83;
        s = s * 0.999 + 0.478 * v[0] + v[1] * 0.59;
        s = s * 0.999 + -0.724 * v[1] - v[2] * 0.48;
        s = s * 0.999 + 0.437 * v[2] + v[0] * 0.54;
        s = s * 0.999 + -0.264 * v[0] + v[1] * 0.52;
        s = s * 0.999 + -0.383 * v[1] - v[2] * 0.65;
        s = s * 0.999 + 0.227 * v[2] - v[0] * 0.11;
        s = s * 0.999 + 0.882 * v[0] - v[1] * 0.68;
        s = s * 0.999 + -0.108 * v[1] + v[2] * 0.58;
        s = s * 0.999 + 0.46 * v[2] + v[0] * 0.68;
        s = s * 0.999 + 0.566 * v[0] + v[1] * 0.82;
        s = s * 0.999 + -0.712 * v[1] - v[2] * 0.66;
        s = s * 0.999 + -0.363 * v[2] * v[0] * 0.56;
        s = s * 0.999 + -0.136 * v[0] * v[1] * 0.91;
        s = s * 0.999 + 0.433 * v[1] + v[2] * 0.56;
        s = s * 0.999 + -0.985 * v[2] * v[0] * 0.84;
        s = s * 0.999 + 0.731 * v[0] + v[1] * 0.71;
        s = s * 0.999 + -0.004 * v[1] - v[2] * 0.19;
        s = s * 0.999 + 0.679 * v[2] + v[0] * 0.53;
        s = s * 0.999 + 0.803 * v[0] + v[1] * 0.65;
        s = s * 0.999 + -0.56 * v[1] * v[2] * 0.63;
        s = s * 0.999 + 0.661 * v[2] + v[0] * 0.6;
        s = s * 0.999 + -0.68 * v[0] * v[1] * 0.49;
        s = s * 0.999 + 0.084 * v[1] - v[2] * 0.22;
        s = s * 0.999 + -0.008 * v[2] + v[0] * 0.61;
        s = s * 0.999 + -0.232 * v[0] * v[1] * 0.93;
        s = s * 0.999 + 0.458 * v[1] + v[2] * 0.37;
        s = s * 0.999 + 0.855 * v[2] - v[0] * 0.75;
        s = s * 0.999 + -0.187 * v[0] + v[1] * 0.62;
        s = s * 0.999 + 0.565 * v[1] - v[2] * 0.21;
        s = s * 0.999 + 0.523 * v[2] - v[0] * 0.46;
        s = s * 0.999 + -0.317 * v[0] * v[1] * 0.93;
        s = s * 0.999 + 0.414 * v[1] * v[2] * 0.11;
        s = s * 0.999 + -0.822 * v[2] - v[0] * 0.91;
        s = s * 0.999 + -0.544 * v[0] - v[1] * 0.7;
        s = s * 0.999 + -0.797 * v[1] + v[2] * 0.88;
        s = s * 0.999 + 0.614 * v[2] - v[0] * 0.85;
        s = s * 0.999 + 0.367 * v[0] - v[1] * 0.12;
        s = s * 0.999 + 0.98 * v[1] * v[2] * 0.84;
        s = s * 0.999 + -0.278 * v[2] * v[0] * 0.56;
        s = s * 0.999 + -0.322 * v[0] - v[1] * 0.91;
        s = s * 0.999 + -0.91 * v[1] * v[2] * 0.96;
        s = s * 0.999 + 0.558 * v[2] + v[0] * 0.51;
        s = s * 0.999 + -0.96 * v[0] + v[1] * 1.0;
        s = s * 0.999 + -0.132 * v[1] - v[2] * 0.33;
        s = s * 0.999 + -0.697 * v[2] * v[0] * 0.57;
        s = s * 0.999 + 0.621 * v[0] - v[1] * 0.44;
        s = s * 0.999 + 0.746 * v[1] - v[2] * 0.94;
        s = s * 0.999 + 0.976 * v[2] * v[0] * 0.92;
        s = s * 0.999 + -0.271 * v[0] + v[1] * 0.66;
        s = s * 0.999 + 0.299 * v[1] - v[2] * 0.63;
        s = s * 0.999 + 0.12 * v[2] * v[0] * 0.43;
        s = s * 0.999 + -0.568 * v[0] + v[1] * 0.57;
        s = s * 0.999 + -0.553 * v[1] - v[2] * 0.35;
        s = s * 0.999 + -0.972 * v[2] * v[0] * 0.79;
        s = s * 0.999 + 0.159 * v[0] * v[1] * 0.33;
        s = s * 0.999 + -0.239 * v[1] * v[2] * 0.47;
        s = s * 0.999 + 0.428 * v[2] - v[0] * 0.63;
        s = s * 0.999 + -0.499 * v[0] * v[1] * 0.85;
        s = s * 0.999 + -0.56 * v[1] - v[2] * 0.64;
        s = s * 0.999 + -0.071 * v[2] - v[0] * 0.56;
        s = s * 0.999 + -0.854 * v[0] - v[1] * 0.48;
        s = s * 0.999 + 0.113 * v[1] * v[2] * 0.95;
        s = s * 0.999 + -0.355 * v[2] * v[0] * 0.55;
        s = s * 0.999 + 0.681 * v[0] - v[1] * 0.74;
        s = s * 0.999 + 0.063 * v[1] + v[2] * 0.58;
        s = s * 0.999 + -0.408 * v[2] * v[0] * 0.11;
        s = s * 0.999 + 0.126 * v[0] - v[1] * 0.84;
        s = s * 0.999 + -0.38 * v[1] + v[2] * 0.77;
        s = s * 0.999 + 0.772 * v[2] + v[0] * 0.9;
        s = s * 0.999 + -0.546 * v[0] - v[1] * 0.41;
        s = s * 0.999 + -0.405 * v[1] * v[2] * 0.46;
        s = s * 0.999 + 0.293 * v[2] - v[0] * 0.41;
        s = s * 0.999 + -0.491 * v[0] - v[1] * 0.57;
        s = s * 0.999 + -0.784 * v[1] - v[2] * 0.17;
        s = s * 0.999 + -0.314 * v[2] - v[0] * 0.81;
        s = s * 0.999 + -0.872 * v[0] + v[1] * 0.79;
        s = s * 0.999 + -0.994 * v[1] - v[2] * 0.39;
        s = s * 0.999 + 0.488 * v[2] + v[0] * 0.62;
        s = s * 0.999 + 0.725 * v[0] * v[1] * 0.53;
        s = s * 0.999 + -0.682 * v[1] + v[2] * 0.53;
        s = s * 0.999 + 0.801 * v[2] - v[0] * 0.4;
        s = s * 0.999 + -0.132 * v[0] - v[1] * 0.25;
        s = s * 0.999 + 0.213 * v[1] * v[2] * 0.31;
        s = s * 0.999 + -0.278 * v[2] - v[0] * 0.15;
        s = s * 0.999 + -0.386 * v[0] - v[1] * 0.5;
        s = s * 0.999 + 0.864 * v[1] * v[2] * 0.33;
        s = s * 0.999 + -0.271 * v[2] + v[0] * 0.89;
        s = s * 0.999 + 0.716 * v[0] * v[1] * 0.83;
        s = s * 0.999 + -0.811 * v[1] * v[2] * 0.6;
        s = s * 0.999 + 0.5 * v[2] - v[0] * 0.76;
        s = s * 0.999 + -0.375 * v[0] * v[1] * 0.64;
        s = s * 0.999 + 0.341 * v[1] + v[2] * 0.3;
        s = s * 0.999 + -0.514 * v[2] * v[0] * 0.48;
        s = s * 0.999 + 0.055 * v[0] * v[1] * 0.13;
        s = s * 0.999 + 0.723 * v[1] * v[2] * 0.24;
        s = s * 0.999 + 0.964 * v[2] + v[0] * 0.33;
        s = s * 0.999 + -0.352 * v[0] + v[1] * 0.55;
        s = s * 0.999 + 0.599 * v[1] * v[2] * 0.56;
        s = s * 0.999 + 0.665 * v[2] * v[0] * 0.19;
        s = s * 0.999 + 0.863 * v[0] - v[1] * 0.29;
        s = s * 0.999 + 0.059 * v[1] - v[2] * 0.39;
        s = s * 0.999 + -0.318 * v[2] * v[0] * 0.45;
        s = s * 0.999 + 0.179 * v[0] * v[1] * 0.55;
        s = s * 0.999 + 0.725 * v[1] + v[2] * 0.92;
        s = s * 0.999 + 0.636 * v[2] * v[0] * 0.23;
        s = s * 0.999 + -0.04 * v[0] - v[1] * 0.51;
        s = s * 0.999 + 0.259 * v[1] - v[2] * 1.0;
        s = s * 0.999 + 0.393 * v[2] + v[0] * 0.38;
        s = s * 0.999 + -0.787 * v[0] * v[1] * 0.59;
        s = s * 0.999 + 0.926 * v[1] + v[2] * 0.66;
        s = s * 0.999 + 0.123 * v[2] + v[0] * 0.72;
        s = s * 0.999 + -0.793 * v[0] * v[1] * 0.84;
        s = s * 0.999 + 0.469 * v[1] + v[2] * 0.74;
        s = s * 0.999 + 0.806 * v[2] + v[0] * 0.65;
        s = s * 0.999 + 0.686 * v[0] - v[1] * 0.66;
        s = s * 0.999 + -0.6 * v[1] * v[2] * 0.95;
        s = s * 0.999 + -0.129 * v[2] * v[0] * 0.23;
        s = s * 0.999 + 0.157 * v[0] + v[1] * 0.81;
        s = s * 0.999 + 0.881 * v[1] - v[2] * 0.62;
        s = s * 0.999 + 0.755 * v[2] - v[0] * 0.45;
        s = s * 0.999 + -0.212 * v[0] * v[1] * 0.53;
        s = s * 0.999 + -0.97 * v[1] * v[2] * 0.59;
        s = s * 0.999 + -0.726 * v[2] - v[0] * 0.96;
        s = s * 0.999 + -0.594 * v[0] + v[1] * 0.77;
        s = s * 0.999 + -0.109 * v[1] + v[2] * 0.37;
        s = s * 0.999 + -0.844 * v[2] - v[0] * 0.78;
        s = s * 0.999 + 0.324 * v[0] * v[1] * 0.37;
        s = s * 0.999 + -0.801 * v[1] + v[2] * 0.59;
        s = s * 0.999 + 0.027 * v[2] * v[0] * 0.8;
        s = s * 0.999 + -0.006 * v[0] + v[1] * 0.38;
        s = s * 0.999 + -0.458 * v[1] * v[2] * 0.55;
        s = s * 0.999 + -0.438 * v[2] * v[0] * 0.5;
        s = s * 0.999 + -0.983 * v[0] * v[1] * 0.7;
        s = s * 0.999 + 0.297 * v[1] * v[2] * 0.97;
        s = s * 0.999 + 0.724 * v[2] + v[0] * 0.22;
        s = s * 0.999 + -0.703 * v[0] - v[1] * 0.78;
        s = s * 0.999 + 0.293 * v[1] - v[2] * 0.88;
        s = s * 0.999 + 0.594 * v[2] - v[0] * 0.33;
        s = s * 0.999 + 0.468 * v[0] * v[1] * 0.97;
        s = s * 0.999 + 0.54 * v[1] * v[2] * 0.82;
        s = s * 0.999 + -0.896 * v[2] * v[0] * 0.32;
        s = s * 0.999 + -0.747 * v[0] * v[1] * 0.18;
        s = s * 0.999 + -0.609 * v[1] - v[2] * 0.27;
        s = s * 0.999 + 0.426 * v[2] * v[0] * 0.72;
        s = s * 0.999 + -0.712 * v[0] + v[1] * 0.4;
        s = s * 0.999 + -0.955 * v[1] * v[2] * 0.85;
        s = s * 0.999 + -0.649 * v[2] + v[0] * 0.47;
        s = s * 0.999 + -0.486 * v[0] * v[1] * 0.79;
        s = s * 0.999 + -0.696 * v[1] - v[2] * 0.71;
        s = s * 0.999 + -0.558 * v[2] + v[0] * 0.83;
        s = s * 0.999 + -0.689 * v[0] + v[1] * 0.18;
        s = s * 0.999 + 0.243 * v[1] - v[2] * 0.15;
        s = s * 0.999 + 0.294 * v[2] - v[0] * 0.72;
        s = s * 0.999 + 0.389 * v[0] * v[1] * 0.39;
        s = s * 0.999 + 0.504 * v[1] - v[2] * 0.55;
        s = s * 0.999 + -0.014 * v[2] - v[0] * 0.72;
        s = s * 0.999 + -0.249 * v[0] * v[1] * 0.18;
        s = s * 0.999 + -0.478 * v[1] + v[2] * 0.52;
        s = s * 0.999 + -0.385 * v[2] * v[0] * 0.73;
        s = s * 0.999 + 0.649 * v[0] - v[1] * 0.67;
        s = s * 0.999 + 0.495 * v[1] * v[2] * 0.13;
        s = s * 0.999 + -0.785 * v[2] * v[0] * 0.57;
        s = s * 0.999 + 0.478 * v[0] + v[1] * 0.83;
        s = s * 0.999 + -0.641 * v[1] - v[2] * 0.86;
        s = s * 0.999 + 0.81 * v[2] - v[0] * 0.76;
        s = s * 0.999 + -0.477 * v[0] + v[1] * 0.71;
        s = s * 0.999 + -0.436 * v[1] + v[2] * 0.88;
        s = s * 0.999 + 0.91 * v[2] - v[0] * 0.6;
        s = s * 0.999 + -0.648 * v[0] - v[1] * 0.14;
        s = s * 0.999 + -0.39 * v[1] - v[2] * 0.89;
        s = s * 0.999 + -0.832 * v[2] - v[0] * 0.91;
        s = s * 0.999 + 0.53 * v[0] - v[1] * 0.4;
        s = s * 0.999 + -0.485 * v[1] - v[2] * 0.86;
        s = s * 0.999 + 0.231 * v[2] + v[0] * 0.45;
        s = s * 0.999 + 0.792 * v[0] * v[1] * 0.99;
        s = s * 0.999 + 0.339 * v[1] + v[2] * 0.63;
        s = s * 0.999 + -0.525 * v[2] + v[0] * 0.83;
        s = s * 0.999 + 0.05 * v[0] * v[1] * 0.45;
        s = s * 0.999 + -0.644 * v[1] - v[2] * 0.84;
        s = s * 0.999 + 0.562 * v[2] - v[0] * 0.78;
        s = s * 0.999 + 0.221 * v[0] * v[1] * 0.62;
        s = s * 0.999 + -0.982 * v[1] * v[2] * 0.8;
        s = s * 0.999 + 0.612 * v[2] + v[0] * 0.9;
        s = s * 0.999 + 0.953 * v[0] * v[1] * 0.42;
        s = s * 0.999 + -0.589 * v[1] - v[2] * 0.36;
        s = s * 0.999 + -0.819 * v[2] + v[0] * 0.93;
        s = s * 0.999 + 0.983 * v[0] - v[1] * 0.37;
        s = s * 0.999 + -0.497 * v[1] * v[2] * 0.74;
        s = s * 0.999 + -0.122 * v[2] - v[0] * 0.52;
        s = s * 0.999 + -0.194 * v[0] + v[1] * 0.87;
        s = s * 0.999 + -0.426 * v[1] + v[2] * 0.23;
        s = s * 0.999 + 0.331 * v[2] * v[0] * 0.63;
        s = s * 0.999 + -0.343 * v[0] * v[1] * 0.28;
        s = s * 0.999 + 0.06 * v[1] + v[2] * 0.83;
        s = s * 0.999 + 0.827 * v[2] * v[0] * 0.35;
        s = s * 0.999 + -0.559 * v[0] + v[1] * 0.7;
        s = s * 0.999 + 0.445 * v[1] + v[2] * 0.56;
        s = s * 0.999 + 0.439 * v[2] + v[0] * 0.41;
        s = s * 0.999 + 0.457 * v[0] - v[1] * 0.7;
        s = s * 0.999 + -0.902 * v[1] + v[2] * 0.79;
        s = s * 0.999 + 0.968 * v[2] * v[0] * 0.76;
        s = s * 0.999 + -0.448 * v[0] - v[1] * 0.6;
        s = s * 0.999 + -0.595 * v[1] + v[2] * 0.15;
        s = s * 0.999 + -0.281 * v[2] + v[0] * 0.33;
        s = s * 0.999 + 0.107 * v[0] + v[1] * 0.98;
        s = s * 0.999 + -0.241 * v[1] - v[2] * 0.39;
        s = s * 0.999 + -0.927 * v[2] * v[0] * 0.74;
        s = s * 0.999 + -0.784 * v[0] - v[1] * 0.16;
        s = s * 0.999 + 0.778 * v[1] * v[2] * 0.24;
        s = s * 0.999 + -0.587 * v[2] - v[0] * 0.38;
        s = s * 0.999 + -0.329 * v[0] - v[1] * 0.72;
        s = s * 0.999 + -0.972 * v[1] - v[2] * 0.84;
        s = s * 0.999 + 0.837 * v[2] * v[0] * 0.54;
        s = s * 0.999 + -0.354 * v[0] - v[1] * 0.43;
        s = s * 0.999 + 0.356 * v[1] + v[2] * 0.67;
        s = s * 0.999 + -0.336 * v[2] * v[0] * 0.46;
        s = s * 0.999 + 0.396 * v[0] - v[1] * 0.88;
        s = s * 0.999 + 0.73 * v[1] + v[2] * 0.43;
        s = s * 0.999 + 0.338 * v[2] * v[0] * 0.31;
        s = s * 0.999 + -0.19 * v[0] * v[1] * 0.32;
        s = s * 0.999 + 0.665 * v[1] + v[2] * 0.5;
        s = s * 0.999 + 0.87 * v[2] - v[0] * 0.78;
        s = s * 0.999 + 0.695 * v[0] + v[1] * 0.76;
        s = s * 0.999 + 0.883 * v[1] * v[2] * 0.91;
        s = s * 0.999 + -0.271 * v[2] * v[0] * 0.27;
        s = s * 0.999 + 0.168 * v[0] - v[1] * 0.77;
        s = s * 0.999 + 0.514 * v[1] * v[2] * 0.27;
        s = s * 0.999 + 0.316 * v[2] - v[0] * 0.82;
        s = s * 0.999 + -0.524 * v[0] - v[1] * 0.2;
        s = s * 0.999 + -0.711 * v[1] + v[2] * 0.33;
        s = s * 0.999 + -0.802 * v[2] + v[0] * 0.21;
        s = s * 0.999 + 0.863 * v[0] - v[1] * 0.35;
        s = s * 0.999 + 0.189 * v[1] - v[2] * 0.92;
        s = s * 0.999 + -0.612 * v[2] + v[0] * 0.14;
        s = s * 0.999 + 0.732 * v[0] * v[1] * 0.96;
        s = s * 0.999 + -0.262 * v[1] - v[2] * 0.15;
        s = s * 0.999 + 0.057 * v[2] - v[0] * 0.66;
        s = s * 0.999 + -0.116 * v[0] - v[1] * 0.59;
        s = s * 0.999 + -0.479 * v[1] + v[2] * 0.59;
        s = s * 0.999 + 0.773 * v[2] - v[0] * 0.19;
        s = s * 0.999 + 0.286 * v[0] + v[1] * 0.74;
        s = s * 0.999 + -0.172 * v[1] + v[2] * 0.16;
        s = s * 0.999 + 0.646 * v[2] - v[0] * 0.62;
        s = s * 0.999 + 0.063 * v[0] + v[1] * 0.46;
        s = s * 0.999 + -0.934 * v[1] - v[2] * 0.6;
        s = s * 0.999 + 0.071 * v[2] + v[0] * 0.19;
        s = s * 0.999 + 0.598 * v[0] - v[1] * 0.26;
        s = s * 0.999 + 0.638 * v[1] * v[2] * 0.68;
        s = s * 0.999 + 0.094 * v[2] - v[0] * 0.31;
        s = s * 0.999 + -0.214 * v[0] + v[1] * 0.84;
        s = s * 0.999 + -0.81 * v[1] * v[2] * 0.69;
        s = s * 0.999 + 0.72 * v[2] + v[0] * 0.18;
        s = s * 0.999 + -0.889 * v[0] + v[1] * 0.31;
        s = s * 0.999 + 0.267 * v[1] + v[2] * 0.11;
        s = s * 0.999 + 0.479 * v[2] * v[0] * 0.9;
        s = s * 0.999 + -0.695 * v[0] * v[1] * 0.24;
        s = s * 0.999 + -0.173 * v[1] - v[2] * 0.97;
        s = s * 0.999 + -0.128 * v[2] * v[0] * 0.94;
        s = s * 0.999 + -0.997 * v[0] * v[1] * 0.33;
        s = s * 0.999 + 0.216 * v[1] + v[2] * 0.46;
        s = s * 0.999 + 0.099 * v[2] + v[0] * 0.54;
        s = s * 0.999 + -0.24 * v[0] * v[1] * 0.71;
        s = s * 0.999 + -0.168 * v[1] * v[2] * 0.32;
        s = s * 0.999 + -0.799 * v[2] * v[0] * 0.87;
        s = s * 0.999 + -0.86 * v[0] + v[1] * 0.33;
        s = s * 0.999 + -0.853 * v[1] * v[2] * 0.5;
        s = s * 0.999 + -0.476 * v[2] * v[0] * 0.96;
        s = s * 0.999 + -0.332 * v[0] * v[1] * 0.55;
        s = s * 0.999 + -0.199 * v[1] + v[2] * 0.55;
        s = s * 0.999 + 0.687 * v[2] - v[0] * 0.54;
        s = s * 0.999 + -0.818 * v[0] * v[1] * 0.89;
        s = s * 0.999 + 0.149 * v[1] - v[2] * 0.75;
        s = s * 0.999 + -0.413 * v[2] * v[0] * 0.39;
        s = s * 0.999 + 0.37 * v[0] * v[1] * 0.4;
        s = s * 0.999 + 0.766 * v[1] - v[2] * 0.5;
        s = s * 0.999 + 0.484 * v[2] - v[0] * 0.65;
        s = s * 0.999 + 0.523 * v[0] * v[1] * 0.22;
        s = s * 0.999 + 0.405 * v[1] * v[2] * 0.82;
        s = s * 0.999 + 0.101 * v[2] + v[0] * 0.17;
        s = s * 0.999 + 0.832 * v[0] - v[1] * 0.44;
        s = s * 0.999 + -0.795 * v[1] - v[2] * 0.25;
        s = s * 0.999 + -0.164 * v[2] * v[0] * 0.92;
        s = s * 0.999 + 0.557 * v[0] + v[1] * 0.89;
        s = s * 0.999 + -0.047 * v[1] + v[2] * 0.4;
        s = s * 0.999 + -0.657 * v[2] * v[0] * 0.76;
        s = s * 0.999 + -0.501 * v[0] + v[1] * 0.34;
        s = s * 0.999 + 0.359 * v[1] - v[2] * 0.43;
        s = s * 0.999 + -0.15 * v[2] - v[0] * 0.8;
        s = s * 0.999 + -0.794 * v[0] * v[1] * 0.75;
        s = s * 0.999 + 0.228 * v[1] - v[2] * 0.72;
        s = s * 0.999 + 0.709 * v[2] + v[0] * 0.7;
        s = s * 0.999 + 0.848 * v[0] * v[1] * 0.85;
        s = s * 0.999 + -0.705 * v[1] + v[2] * 0.74;
        s = s * 0.999 + 0.007 * v[2] * v[0] * 0.52;
        s = s * 0.999 + 0.782 * v[0] - v[1] * 0.3;
        s = s * 0.999 + 0.025 * v[1] - v[2] * 0.14;
        s = s * 0.999 + -0.426 * v[2] * v[0] * 0.19;
        s = s * 0.999 + -0.239 * v[0] * v[1] * 0.54;
        s = s * 0.999 + -0.972 * v[1] + v[2] * 0.88;
        s = s * 0.999 + 0.933 * v[2] - v[0] * 0.38;
        s = s * 0.999 + 0.278 * v[0] - v[1] * 0.48;
        s = s * 0.999 + -0.126 * v[1] * v[2] * 0.61;
        s = s * 0.999 + -0.977 * v[2] - v[0] * 0.12;
        s = s * 0.999 + 0.324 * v[0] + v[1] * 0.89;
        s = s * 0.999 + 0.51 * v[1] + v[2] * 0.62;
        s = s * 0.999 + 0.799 * v[2] * v[0] * 0.14;
        s = s * 0.999 + -0.886 * v[0] + v[1] * 0.53;
        s = s * 0.999 + 0.958 * v[1] * v[2] * 0.97;
        s = s * 0.999 + -0.047 * v[2] - v[0] * 0.2;
        s = s * 0.999 + 0.445 * v[0] * v[1] * 0.53;
        s = s * 0.999 + -0.494 * v[1] - v[2] * 0.42;
        s = s * 0.999 + -0.219 * v[2] * v[0] * 0.92;
        s = s * 0.999 + 0.338 * v[0] + v[1] * 0.23;
        s = s * 0.999 + -0.443 * v[1] + v[2] * 0.87;
        s = s * 0.999 + -0.863 * v[2] * v[0] * 0.6;
        s = s * 0.999 + 0.428 * v[0] * v[1] * 0.55;
        s = s * 0.999 + -0.834 * v[1] * v[2] * 0.55;
        s = s * 0.999 + 0.618 * v[2] + v[0] * 0.28;
        s = s * 0.999 + -0.343 * v[0] * v[1] * 0.38;
        s = s * 0.999 + -0.996 * v[1] * v[2] * 0.35;
        s = s * 0.999 + 0.665 * v[2] * v[0] * 0.79;
        s = s * 0.999 + -0.563 * v[0] - v[1] * 0.19;
        s = s * 0.999 + 0.951 * v[1] * v[2] * 0.16;
        s = s * 0.999 + 0.725 * v[2] - v[0] * 0.41;
        s = s * 0.999 + -0.79 * v[0] + v[1] * 0.27;
        s = s * 0.999 + -0.9 * v[1] * v[2] * 0.28;
        s = s * 0.999 + -0.522 * v[2] - v[0] * 0.13;
        s = s * 0.999 + 0.809 * v[0] - v[1] * 0.25;
        s = s * 0.999 + 0.797 * v[1] + v[2] * 0.13;
        s = s * 0.999 + -0.462 * v[2] + v[0] * 0.31;
        s = s * 0.999 + -0.153 * v[0] + v[1] * 0.65;
        s = s * 0.999 + 0.185 * v[1] + v[2] * 0.21;
        s = s * 0.999 + 0.999 * v[2] - v[0] * 0.98;
        s = s * 0.999 + 0.016 * v[0] - v[1] * 0.44;
        s = s * 0.999 + 0.13 * v[1] * v[2] * 0.18;
        s = s * 0.999 + -0.762 * v[2] * v[0] * 0.26;
        s = s * 0.999 + -0.469 * v[0] * v[1] * 0.67;
        s = s * 0.999 + 0.67 * v[1] + v[2] * 0.33;
        s = s * 0.999 + -0.868 * v[2] - v[0] * 0.34;
        s = s * 0.999 + -0.649 * v[0] - v[1] * 0.45;
        s = s * 0.999 + 0.564 * v[1] - v[2] * 0.63;
        s = s * 0.999 + -0.696 * v[2] - v[0] * 0.33;
        s = s * 0.999 + -0.858 * v[0] + v[1] * 0.33;
        s = s * 0.999 + 0.304 * v[1] * v[2] * 0.16;
        s = s * 0.999 + 0.156 * v[2] - v[0] * 0.39;
        s = s * 0.999 + 0.544 * v[0] * v[1] * 0.99;
        s = s * 0.999 + 0.6 * v[1] + v[2] * 0.84;
        s = s * 0.999 + 0.85 * v[2] + v[0] * 0.7;
        s = s * 0.999 + -0.941 * v[0] + v[1] * 0.75;
        s = s * 0.999 + 0.41 * v[1] + v[2] * 0.13;
        s = s * 0.999 + 0.457 * v[2] + v[0] * 0.82;
        s = s * 0.999 + 0.771 * v[0] - v[1] * 0.34;
        s = s * 0.999 + 0.342 * v[1] + v[2] * 0.1;
        s = s * 0.999 + -0.386 * v[2] + v[0] * 0.8;
        s = s * 0.999 + 0.176 * v[0] * v[1] * 0.44;
        s = s * 0.999 + -0.649 * v[1] * v[2] * 0.73;
        s = s * 0.999 + -0.408 * v[2] - v[0] * 0.58;
        s = s * 0.999 + -0.166 * v[0] * v[1] * 0.4;
        s = s * 0.999 + -0.204 * v[1] - v[2] * 0.36;
        s = s * 0.999 + 0.36 * v[2] * v[0] * 0.58;
        s = s * 0.999 + 0.027 * v[0] * v[1] * 0.21;
        s = s * 0.999 + 0.441 * v[1] * v[2] * 0.98;
        s = s * 0.999 + -0.983 * v[2] - v[0] * 0.33;
        s = s * 0.999 + -0.451 * v[0] * v[1] * 0.5;
        s = s * 0.999 + 0.802 * v[1] - v[2] * 0.74;
        s = s * 0.999 + 0.46 * v[2] - v[0] * 0.95;
        s = s * 0.999 + -0.864 * v[0] - v[1] * 0.65;
        s = s * 0.999 + -0.325 * v[1] + v[2] * 0.3;
        s = s * 0.999 + -0.158 * v[2] + v[0] * 0.92;
        s = s * 0.999 + 0.218 * v[0] - v[1] * 0.66;
        s = s * 0.999 + 0.794 * v[1] * v[2] * 0.67;
        s = s * 0.999 + -0.753 * v[2] + v[0] * 0.45;
        s = s * 0.999 + 0.967 * v[0] - v[1] * 0.69;
        s = s * 0.999 + 0.386 * v[1] + v[2] * 0.39;
        s = s * 0.999 + 0.207 * v[2] - v[0] * 0.55;
        s = s * 0.999 + -0.359 * v[0] + v[1] * 0.38;
        s = s * 0.999 + -0.265 * v[1] * v[2] * 0.77;
        s = s * 0.999 + -0.375 * v[2] - v[0] * 0.88;
        s = s * 0.999 + -0.609 * v[0] - v[1] * 0.15;
        s = s * 0.999 + -0.284 * v[1] * v[2] * 0.91;
        s = s * 0.999 + 0.172 * v[2] - v[0] * 0.62;
        s = s * 0.999 + -0.424 * v[0] + v[1] * 0.43;
        s = s * 0.999 + 0.265 * v[1] - v[2] * 0.51;
        s = s * 0.999 + -0.435 * v[2] * v[0] * 0.62;
        s = s * 0.999 + -0.78 * v[0] + v[1] * 0.69;
        s = s * 0.999 + -0.052 * v[1] + v[2] * 0.31;
        s = s * 0.999 + -0.705 * v[2] - v[0] * 0.72;
        s = s * 0.999 + 0.418 * v[0] * v[1] * 0.68;
        s = s * 0.999 + 0.718 * v[1] - v[2] * 0.4;
        s = s * 0.999 + -0.666 * v[2] + v[0] * 0.57;
        s = s * 0.999 + -0.577 * v[0] - v[1] * 0.52;
        s = s * 0.999 + 0.299 * v[1] - v[2] * 0.64;
        s = s * 0.999 + 0.456 * v[2] * v[0] * 0.74;
        s = s * 0.999 + -0.504 * v[0] * v[1] * 0.33;
        s = s * 0.999 + 0.369 * v[1] - v[2] * 0.96;
        s = s * 0.999 + -0.184 * v[2] * v[0] * 0.99;
        s = s * 0.999 + -0.643 * v[0] * v[1] * 0.35;
        s = s * 0.999 + -0.595 * v[1] + v[2] * 0.28;
        s = s * 0.999 + -0.223 * v[2] * v[0] * 0.64;
        s = s * 0.999 + 0.149 * v[0] * v[1] * 0.42;
        s = s * 0.999 + -0.286 * v[1] - v[2] * 0.66;
        s = s * 0.999 + 0.056 * v[2] - v[0] * 0.38;
        s = s * 0.999 + 0.045 * v[0] + v[1] * 0.61;
        s = s * 0.999 + -0.545 * v[1] * v[2] * 0.75;
        s = s * 0.999 + 0.736 * v[2] * v[0] * 0.78;
        s = s * 0.999 + -0.419 * v[0] * v[1] * 0.91;
        s = s * 0.999 + 0.822 * v[1] + v[2] * 0.36;
        s = s * 0.999 + 0.897 * v[2] - v[0] * 0.91;
        s = s * 0.999 + 0.4 * v[0] * v[1] * 0.57;
        s = s * 0.999 + -0.317 * v[1] - v[2] * 0.92;
        s = s * 0.999 + 0.795 * v[2] * v[0] * 0.64;
        s = s * 0.999 + -0.119 * v[0] + v[1] * 0.2;
        s = s * 0.999 + 0.709 * v[1] * v[2] * 0.34;
        s = s * 0.999 + -0.624 * v[2] * v[0] * 0.56;
        s = s * 0.999 + -0.944 * v[0] * v[1] * 0.4;
        s = s * 0.999 + -0.728 * v[1] * v[2] * 0.23;
        s = s * 0.999 + -0.198 * v[2] * v[0] * 0.41;
        s = s * 0.999 + 0.779 * v[0] + v[1] * 0.14;
        s = s * 0.999 + 0.419 * v[1] * v[2] * 0.6;
        s = s * 0.999 + 0.575 * v[2] + v[0] * 0.78;
        s = s * 0.999 + -0.102 * v[0] - v[1] * 0.16;
        s = s * 0.999 + 0.589 * v[1] - v[2] * 0.34;
        s = s * 0.999 + -0.721 * v[2] - v[0] * 0.35;
        s = s * 0.999 + 0.678 * v[0] * v[1] * 0.3;
        s = s * 0.999 + -0.578 * v[1] * v[2] * 0.36;
        s = s * 0.999 + 0.706 * v[2] + v[0] * 0.93;
        s = s * 0.999 + 0.875 * v[0] - v[1] * 0.28;
        s = s * 0.999 + -0.829 * v[1] - v[2] * 0.28;
        s = s * 0.999 + -0.706 * v[2] * v[0] * 0.2;
        s = s * 0.999 + -0.215 * v[0] + v[1] * 0.86;
        s = s * 0.999 + 0.843 * v[1] - v[2] * 0.9;
        s = s * 0.999 + -0.359 * v[2] * v[0] * 0.21;
        s = s * 0.999 + -0.344 * v[0] - v[1] * 0.62;
        s = s * 0.999 + -0.641 * v[1] * v[2] * 0.29;
        s = s * 0.999 + 0.994 * v[2] * v[0] * 0.95;
        s = s * 0.999 + 0.91 * v[0] - v[1] * 0.37;
        s = s * 0.999 + 0.145 * v[1] + v[2] * 0.9;
        s = s * 0.999 + -0.357 * v[2] * v[0] * 0.61;
        s = s * 0.999 + 0.234 * v[0] + v[1] * 0.72;
        s = s * 0.999 + 0.904 * v[1] * v[2] * 0.7;
        s = s * 0.999 + 0.679 * v[2] - v[0] * 0.5;
        s = s * 0.999 + 0.701 * v[0] - v[1] * 0.61;
        s = s * 0.999 + 0.542 * v[1] * v[2] * 0.18;
        s = s * 0.999 + -0.549 * v[2] * v[0] * 0.97;
        s = s * 0.999 + -0.608 * v[0] * v[1] * 0.17;
        s = s * 0.999 + -0.325 * v[1] - v[2] * 0.6;
        s = s * 0.999 + 0.159 * v[2] - v[0] * 0.42;
        s = s * 0.999 + 0.276 * v[0] - v[1] * 0.93;
        s = s * 0.999 + 0.87 * v[1] - v[2] * 0.97;
        s = s * 0.999 + -0.507 * v[2] + v[0] * 0.67;
        s = s * 0.999 + 0.132 * v[0] + v[1] * 0.45;
        s = s * 0.999 + -0.202 * v[1] - v[2] * 0.91;
        s = s * 0.999 + -0.183 * v[2] * v[0] * 0.36;
        s = s * 0.999 + 0.339 * v[0] + v[1] * 0.85;
        s = s * 0.999 + -0.686 * v[1] - v[2] * 0.39;
        s = s * 0.999 + -0.318 * v[2] - v[0] * 0.31;
        s = s * 0.999 + -0.887 * v[0] + v[1] * 0.84;
        s = s * 0.999 + 0.053 * v[1] * v[2] * 0.31;
        s = s * 0.999 + -0.66 * v[2] * v[0] * 0.5;
        s = s * 0.999 + -0.889 * v[0] * v[1] * 0.88;
        s = s * 0.999 + -0.464 * v[1] + v[2] * 0.41;
        s = s * 0.999 + -0.33 * v[2] + v[0] * 0.88;
        s = s * 0.999 + -0.608 * v[0] * v[1] * 0.32;
        s = s * 0.999 + 0.49 * v[1] + v[2] * 0.39;
        s = s * 0.999 + -0.991 * v[2] + v[0] * 0.31;
        s = s * 0.999 + 0.266 * v[0] + v[1] * 0.12;
        s = s * 0.999 + -0.107 * v[1] * v[2] * 0.59;
        s = s * 0.999 + -0.778 * v[2] + v[0] * 0.24;
        s = s * 0.999 + 0.651 * v[0] * v[1] * 0.36;
        s = s * 0.999 + 0.6 * v[1] - v[2] * 0.29;
        s = s * 0.999 + -0.102 * v[2] * v[0] * 0.25;
        s = s * 0.999 + -0.073 * v[0] * v[1] * 0.96;
        s = s * 0.999 + -0.903 * v[1] - v[2] * 0.23;
        s = s * 0.999 + 0.143 * v[2] - v[0] * 0.83;
        s = s * 0.999 + -0.143 * v[0] - v[1] * 0.47;
        s = s * 0.999 + -0.503 * v[1] - v[2] * 0.77;
        s = s * 0.999 + 0.964 * v[2] - v[0] * 0.51;
        s = s * 0.999 + -0.742 * v[0] * v[1] * 0.83;
        s = s * 0.999 + -0.578 * v[1] + v[2] * 0.57;
        s = s * 0.999 + -0.022 * v[2] * v[0] * 0.97;
        s = s * 0.999 + -0.031 * v[0] * v[1] * 0.44;
        s = s * 0.999 + 0.965 * v[1] + v[2] * 0.62;
        s = s * 0.999 + 0.208 * v[2] - v[0] * 0.29;
        s = s * 0.999 + 0.496 * v[0] + v[1] * 0.65;
        s = s * 0.999 + 0.846 * v[1] * v[2] * 0.33;
        s = s * 0.999 + -0.184 * v[2] - v[0] * 0.34;
        s = s * 0.999 + 0.459 * v[0] - v[1] * 0.54;
        s = s * 0.999 + -0.6 * v[1] * v[2] * 0.51;
        s = s * 0.999 + -0.888 * v[2] - v[0] * 0.78;
        s = s * 0.999 + 0.681 * v[0] + v[1] * 0.37;
        s = s * 0.999 + -0.619 * v[1] - v[2] * 0.9;
        s = s * 0.999 + 0.077 * v[2] + v[0] * 0.46;
        s = s * 0.999 + -0.632 * v[0] - v[1] * 0.73;
        s = s * 0.999 + -0.438 * v[1] - v[2] * 0.78;
        s = s * 0.999 + 0.922 * v[2] + v[0] * 0.32;
        s = s * 0.999 + 0.899 * v[0] - v[1] * 0.78;
        s = s * 0.999 + -0.888 * v[1] * v[2] * 0.85;
        s = s * 0.999 + -0.67 * v[2] + v[0] * 0.47;
        s = s * 0.999 + 0.979 * v[0] + v[1] * 0.19;
        s = s * 0.999 + -0.51 * v[1] * v[2] * 0.89;
        s = s * 0.999 + 0.523 * v[2] - v[0] * 0.96;
        s = s * 0.999 + -0.838 * v[0] + v[1] * 0.39;
        s = s * 0.999 + -0.96 * v[1] + v[2] * 0.78;
        s = s * 0.999 + -0.73 * v[2] + v[0] * 0.68;
        s = s * 0.999 + -0.416 * v[0] * v[1] * 0.5;
        s = s * 0.999 + -0.126 * v[1] * v[2] * 0.83;
        s = s * 0.999 + -0.679 * v[2] - v[0] * 0.62;
        s = s * 0.999 + -0.283 * v[0] + v[1] * 0.2;
        s = s * 0.999 + 0.083 * v[1] + v[2] * 0.67;
        s = s * 0.999 + -0.836 * v[2] - v[0] * 0.18;
        s = s * 0.999 + 0.167 * v[0] - v[1] * 0.82;
        s = s * 0.999 + 0.426 * v[1] * v[2] * 0.84;
        s = s * 0.999 + -0.426 * v[2] + v[0] * 0.99;
        s = s * 0.999 + 0.705 * v[0] - v[1] * 0.7;
        s = s * 0.999 + 0.704 * v[1] * v[2] * 0.97;
        s = s * 0.999 + 0.812 * v[2] * v[0] * 0.52;
        s = s * 0.999 + 0.452 * v[0] - v[1] * 0.82;
        s = s * 0.999 + -0.703 * v[1] - v[2] * 0.91;
        s = s * 0.999 + 0.36 * v[2] - v[0] * 0.83;
        s = s * 0.999 + -0.626 * v[0] - v[1] * 0.83;
        s = s * 0.999 + 0.449 * v[1] - v[2] * 0.94;
        s = s * 0.999 + -0.43 * v[2] + v[0] * 0.5;
        s = s * 0.999 + 0.542 * v[0] - v[1] * 0.76;
        s = s * 0.999 + 0.262 * v[1] + v[2] * 0.96;
        s = s * 0.999 + -0.565 * v[2] - v[0] * 0.47;
        s = s * 0.999 + -0.917 * v[0] * v[1] * 0.7;
        s = s * 0.999 + -0.357 * v[1] * v[2] * 0.82;
        s = s * 0.999 + -0.676 * v[2] * v[0] * 0.4;
        s = s * 0.999 + -0.235 * v[0] - v[1] * 0.24;
        s = s * 0.999 + 0.47 * v[1] * v[2] * 0.2;
        s = s * 0.999 + 0.475 * v[2] + v[0] * 0.9;
        s = s * 0.999 + -0.527 * v[0] - v[1] * 0.54;
        s = s * 0.999 + 0.025 * v[1] * v[2] * 0.17;
        s = s * 0.999 + 0.663 * v[2] - v[0] * 0.23;
        s = s * 0.999 + -0.5 * v[0] - v[1] * 0.46;
        s = s * 0.999 + 0.6 * v[1] - v[2] * 0.1;
        s = s * 0.999 + -0.78 * v[2] - v[0] * 0.8;
        s = s * 0.999 + 0.369 * v[0] * v[1] * 0.7;
        s = s * 0.999 + 0.122 * v[1] * v[2] * 0.55;
        s = s * 0.999 + 0.044 * v[2] + v[0] * 0.49;
        s = s * 0.999 + -0.388 * v[0] * v[1] * 0.85;
        s = s * 0.999 + 0.529 * v[1] + v[2] * 0.65;
        s = s * 0.999 + -0.052 * v[2] + v[0] * 0.68;
        s = s * 0.999 + -0.173 * v[0] + v[1] * 0.75;
        s = s * 0.999 + 0.683 * v[1] + v[2] * 0.45;
        s = s * 0.999 + -0.329 * v[2] * v[0] * 0.56;
        s = s * 0.999 + -0.579 * v[0] * v[1] * 0.86;
        s = s * 0.999 + 0.551 * v[1] + v[2] * 0.8;
        s = s * 0.999 + 0.461 * v[2] + v[0] * 0.78;
        s = s * 0.999 + 0.734 * v[0] + v[1] * 0.1;
        s = s * 0.999 + 0.232 * v[1] * v[2] * 0.14;
        s = s * 0.999 + 0.366 * v[2] + v[0] * 0.85;
        s = s * 0.999 + -0.035 * v[0] - v[1] * 0.76;
        s = s * 0.999 + 0.637 * v[1] + v[2] * 0.54;
        s = s * 0.999 + -0.834 * v[2] + v[0] * 0.17;
        s = s * 0.999 + -0.438 * v[0] + v[1] * 0.53;
        s = s * 0.999 + 0.26 * v[1] - v[2] * 0.98;
        s = s * 0.999 + -0.776 * v[2] + v[0] * 0.89;
        s = s * 0.999 + 0.823 * v[0] + v[1] * 0.4;
        s = s * 0.999 + -0.973 * v[1] * v[2] * 0.21;
        s = s * 0.999 + 0.87 * v[2] - v[0] * 0.51;
        s = s * 0.999 + -0.73 * v[0] + v[1] * 0.53;
        s = s * 0.999 + 0.388 * v[1] + v[2] * 0.65;
        s = s * 0.999 + 0.674 * v[2] + v[0] * 0.39;
        s = s * 0.999 + -0.285 * v[0] * v[1] * 0.49;
        s = s * 0.999 + -0.552 * v[1] + v[2] * 0.91;
        s = s * 0.999 + 0.338 * v[2] + v[0] * 0.77;
        s = s * 0.999 + 0.384 * v[0] - v[1] * 0.61;
        s = s * 0.999 + 1.0 * v[1] + v[2] * 0.39;
        s = s * 0.999 + 0.247 * v[2] * v[0] * 0.4;
        s = s * 0.999 + 0.951 * v[0] + v[1] * 0.2;
        s = s * 0.999 + -0.063 * v[1] * v[2] * 0.67;
        s = s * 0.999 + -0.323 * v[2] * v[0] * 0.52;
        s = s * 0.999 + 0.754 * v[0] - v[1] * 0.88;
        s = s * 0.999 + 0.19 * v[1] - v[2] * 0.51;
        s = s * 0.999 + -0.798 * v[2] * v[0] * 0.33;
        s = s * 0.999 + 0.571 * v[0] + v[1] * 0.8;
        s = s * 0.999 + 0.296 * v[1] * v[2] * 0.13;
        s = s * 0.999 + -0.809 * v[2] - v[0] * 1.0;
        s = s * 0.999 + -0.643 * v[0] - v[1] * 0.38;
        s = s * 0.999 + -0.657 * v[1] + v[2] * 0.79;
        s = s * 0.999 + -0.12 * v[2] - v[0] * 0.11;
        s = s * 0.999 + -0.378 * v[0] - v[1] * 0.79;
        s = s * 0.999 + 0.806 * v[1] - v[2] * 0.97;
        s = s * 0.999 + -0.13 * v[2] * v[0] * 0.12;
        s = s * 0.999 + -0.464 * v[0] * v[1] * 0.45;
        s = s * 0.999 + 0.772 * v[1] * v[2] * 0.36;
        s = s * 0.999 + -0.571 * v[2] - v[0] * 0.96;
        s = s * 0.999 + 0.906 * v[0] * v[1] * 0.78;
        s = s * 0.999 + 0.476 * v[1] * v[2] * 0.53;
        s = s * 0.999 + -0.92 * v[2] * v[0] * 0.35;
        s = s * 0.999 + -0.431 * v[0] - v[1] * 0.71;
        s = s * 0.999 + 0.094 * v[1] + v[2] * 0.56;
        s = s * 0.999 + 0.861 * v[2] - v[0] * 0.81;
        s = s * 0.999 + 0.733 * v[0] * v[1] * 0.27;
        s = s * 0.999 + 0.382 * v[1] - v[2] * 0.68;
        s = s * 0.999 + -0.047 * v[2] - v[0] * 0.13;
        s = s * 0.999 + -0.904 * v[0] * v[1] * 0.82;
        s = s * 0.999 + 0.737 * v[1] + v[2] * 0.58;
        s = s * 0.999 + -0.974 * v[2] * v[0] * 0.84;
        s = s * 0.999 + -0.15 * v[0] - v[1] * 0.38;
        s = s * 0.999 + -0.675 * v[1] * v[2] * 0.77;
        s = s * 0.999 + -0.381 * v[2] - v[0] * 0.86;
        s = s * 0.999 + 0.997 * v[0] - v[1] * 0.54;
        s = s * 0.999 + -0.215 * v[1] * v[2] * 0.26;
        s = s * 0.999 + 0.431 * v[2] * v[0] * 0.95;
        s = s * 0.999 + 0.241 * v[0] + v[1] * 0.86;
        s = s * 0.999 + -0.938 * v[1] * v[2] * 0.6;
        s = s * 0.999 + -0.101 * v[2] + v[0] * 0.41;
        s = s * 0.999 + -0.891 * v[0] * v[1] * 0.5;
        s = s * 0.999 + 0.976 * v[1] - v[2] * 0.2;
        s = s * 0.999 + 0.074 * v[2] - v[0] * 0.8;
        s = s * 0.999 + -0.597 * v[0] + v[1] * 0.45;
        s = s * 0.999 + 0.82 * v[1] + v[2] * 0.79;
        s = s * 0.999 + 0.914 * v[2] * v[0] * 0.32;
        s = s * 0.999 + 0.844 * v[0] - v[1] * 0.58;
        s = s * 0.999 + -0.915 * v[1] * v[2] * 0.17;
        s = s * 0.999 + 0.45 * v[2] - v[0] * 0.56;
        s = s * 0.999 + 0.444 * v[0] * v[1] * 0.33;
        s = s * 0.999 + 0.412 * v[1] + v[2] * 0.92;
        s = s * 0.999 + -0.024 * v[2] * v[0] * 0.11;
        s = s * 0.999 + 0.788 * v[0] - v[1] * 0.23;
        s = s * 0.999 + -0.967 * v[1] + v[2] * 0.66;
        s = s * 0.999 + -0.764 * v[2] * v[0] * 0.56;
        s = s * 0.999 + 0.799 * v[0] + v[1] * 0.85;
        s = s * 0.999 + -0.421 * v[1] - v[2] * 0.65;
        s = s * 0.999 + -0.877 * v[2] - v[0] * 0.58;
        s = s * 0.999 + -0.456 * v[0] * v[1] * 0.95;
        s = s * 0.999 + -0.253 * v[1] * v[2] * 0.6;
        s = s * 0.999 + 0.402 * v[2] - v[0] * 0.83;
        s = s * 0.999 + -0.949 * v[0] + v[1] * 0.66;
        s = s * 0.999 + 0.736 * v[1] * v[2] * 0.27;
        s = s * 0.999 + 0.078 * v[2] - v[0] * 0.82;
        s = s * 0.999 + -0.526 * v[0] - v[1] * 0.36;
        s = s * 0.999 + -0.406 * v[1] * v[2] * 0.7;
        s = s * 0.999 + -0.831 * v[2] * v[0] * 0.11;
        s = s * 0.999 + 0.166 * v[0] * v[1] * 0.15;
        s = s * 0.999 + -0.62 * v[1] * v[2] * 0.75;
        s = s * 0.999 + 0.911 * v[2] - v[0] * 0.44;
        s = s * 0.999 + -0.249 * v[0] + v[1] * 0.37;
        s = s * 0.999 + -0.472 * v[1] + v[2] * 0.95;
        s = s * 0.999 + -0.878 * v[2] - v[0] * 0.58;
        s = s * 0.999 + 0.216 * v[0] + v[1] * 0.17;
        s = s * 0.999 + -0.13 * v[1] + v[2] * 0.87;
        s = s * 0.999 + 0.001 * v[2] + v[0] * 0.41;
        s = s * 0.999 + -0.323 * v[0] + v[1] * 0.13;
        s = s * 0.999 + -0.887 * v[1] - v[2] * 0.97;
        s = s * 0.999 + 0.654 * v[2] + v[0] * 0.24;
        s = s * 0.999 + 0.214 * v[0] * v[1] * 0.41;
        s = s * 0.999 + 0.233 * v[1] + v[2] * 0.86;
        s = s * 0.999 + 0.598 * v[2] * v[0] * 0.49;
        s = s * 0.999 + -0.214 * v[0] + v[1] * 0.18;
        s = s * 0.999 + -0.31 * v[1] - v[2] * 0.31;
        s = s * 0.999 + 0.618 * v[2] - v[0] * 0.73;
        s = s * 0.999 + -0.706 * v[0] - v[1] * 0.69;
        s = s * 0.999 + -0.566 * v[1] + v[2] * 0.67;
        s = s * 0.999 + 0.16 * v[2] * v[0] * 0.83;
        s = s * 0.999 + 0.817 * v[0] + v[1] * 0.55;
        s = s * 0.999 + -0.598 * v[1] + v[2] * 0.52;
        s = s * 0.999 + -0.24 * v[2] - v[0] * 0.89;
        s = s * 0.999 + -0.817 * v[0] + v[1] * 0.1;
        s = s * 0.999 + 0.081 * v[1] * v[2] * 0.15;
        s = s * 0.999 + 0.823 * v[2] + v[0] * 0.73;
        s = s * 0.999 + -0.779 * v[0] + v[1] * 0.67;
        s = s * 0.999 + -0.461 * v[1] * v[2] * 0.24;
        s = s * 0.999 + -0.592 * v[2] - v[0] * 0.34;
        s = s * 0.999 + -0.27 * v[0] + v[1] * 0.12;
        s = s * 0.999 + 0.765 * v[1] * v[2] * 0.28;
        s = s * 0.999 + -0.047 * v[2] - v[0] * 0.22;
        s = s * 0.999 + 0.584 * v[0] + v[1] * 0.84;
        s = s * 0.999 + -0.999 * v[1] - v[2] * 0.77;
        s = s * 0.999 + -0.505 * v[2] + v[0] * 0.21;
        s = s * 0.999 + 0.932 * v[0] + v[1] * 0.84;
        s = s * 0.999 + -0.464 * v[1] - v[2] * 0.41;
        s = s * 0.999 + 0.58 * v[2] * v[0] * 0.15;
        s = s * 0.999 + 0.985 * v[0] - v[1] * 0.2;
        s = s * 0.999 + -0.329 * v[1] * v[2] * 0.87;
        s = s * 0.999 + 0.756 * v[2] + v[0] * 0.5;
        s = s * 0.999 + 0.407 * v[0] - v[1] * 0.39;
        s = s * 0.999 + -0.796 * v[1] - v[2] * 0.39;
        s = s * 0.999 + -0.89 * v[2] + v[0] * 0.99;
        s = s * 0.999 + -0.286 * v[0] * v[1] * 0.34;
        s = s * 0.999 + 0.408 * v[1] + v[2] * 0.54;
        s = s * 0.999 + -0.758 * v[2] * v[0] * 0.6;
        s = s * 0.999 + -0.584 * v[0] + v[1] * 0.37;
        s = s * 0.999 + -0.663 * v[1] * v[2] * 0.3;
        s = s * 0.999 + 0.144 * v[2] + v[0] * 0.48;
        s = s * 0.999 + -0.597 * v[0] + v[1] * 0.6;
        s = s * 0.999 + -0.878 * v[1] * v[2] * 0.92;
        s = s * 0.999 + -0.603 * v[2] + v[0] * 0.23;
        s = s * 0.999 + -0.433 * v[0] + v[1] * 0.6;
        s = s * 0.999 + -0.518 * v[1] - v[2] * 0.76;
        s = s * 0.999 + -0.482 * v[2] - v[0] * 0.95;
        s = s * 0.999 + -0.421 * v[0] - v[1] * 1.0;
        s = s * 0.999 + -0.525 * v[1] + v[2] * 0.22;
        s = s * 0.999 + 0.935 * v[2] + v[0] * 0.42;
        s = s * 0.999 + 0.053 * v[0] + v[1] * 0.56;
        s = s * 0.999 + -0.122 * v[1] * v[2] * 0.32;
        s = s * 0.999 + -0.832 * v[2] - v[0] * 0.93;
        s = s * 0.999 + 0.56 * v[0] * v[1] * 0.83;
        s = s * 0.999 + 0.147 * v[1] + v[2] * 0.36;
        s = s * 0.999 + -0.524 * v[2] - v[0] * 0.99;
        s = s * 0.999 + 0.205 * v[0] - v[1] * 0.82;
        s = s * 0.999 + 0.094 * v[1] * v[2] * 0.94;
        s = s * 0.999 + -0.304 * v[2] * v[0] * 0.82;
        s = s * 0.999 + 0.838 * v[0] - v[1] * 0.31;
        s = s * 0.999 + -0.377 * v[1] - v[2] * 0.35;
        s = s * 0.999 + 0.484 * v[2] + v[0] * 0.26;
        s = s * 0.999 + -0.976 * v[0] + v[1] * 0.54;
        s = s * 0.999 + 0.089 * v[1] + v[2] * 0.77;
        s = s * 0.999 + 0.597 * v[2] - v[0] * 0.33;
        s = s * 0.999 + 0.138 * v[0] * v[1] * 0.27;
        s = s * 0.999 + 0.759 * v[1] - v[2] * 0.87;
        s = s * 0.999 + -0.884 * v[2] - v[0] * 0.84;
        s = s * 0.999 + -0.779 * v[0] + v[1] * 0.23;
        s = s * 0.999 + -0.715 * v[1] - v[2] * 0.12;
        s = s * 0.999 + -0.295 * v[2] * v[0] * 0.27;
        s = s * 0.999 + -0.108 * v[0] + v[1] * 0.53;
        s = s * 0.999 + 0.238 * v[1] * v[2] * 0.3;
        s = s * 0.999 + -0.505 * v[2] - v[0] * 0.16;
        s = s * 0.999 + -0.198 * v[0] * v[1] * 0.56;
        s = s * 0.999 + -0.623 * v[1] * v[2] * 0.92;
        s = s * 0.999 + -0.827 * v[2] + v[0] * 0.92;
        s = s * 0.999 + 0.97 * v[0] - v[1] * 0.94;
        s = s * 0.999 + -0.921 * v[1] * v[2] * 0.27;
        s = s * 0.999 + -0.66 * v[2] + v[0] * 0.42;
        s = s * 0.999 + -0.333 * v[0] + v[1] * 0.21;
        s = s * 0.999 + 0.183 * v[1] + v[2] * 0.71;
        s = s * 0.999 + 0.857 * v[2] - v[0] * 0.63;
        s = s * 0.999 + 0.328 * v[0] - v[1] * 0.55;
        s = s * 0.999 + -0.788 * v[1] * v[2] * 0.18;
        s = s * 0.999 + -0.519 * v[2] - v[0] * 0.26;
        s = s * 0.999 + 0.115 * v[0] - v[1] * 0.38;
        s = s * 0.999 + -0.218 * v[1] + v[2] * 0.78;
        s = s * 0.999 + -0.353 * v[2] * v[0] * 0.38;
        s = s * 0.999 + 0.15 * v[0] * v[1] * 0.29;
        s = s * 0.999 + -0.714 * v[1] + v[2] * 0.32;
        s = s * 0.999 + 0.295 * v[2] + v[0] * 0.27;
        s = s * 0.999 + 0.175 * v[0] + v[1] * 0.98;
        s = s * 0.999 + 0.904 * v[1] + v[2] * 0.13;
        s = s * 0.999 + -0.724 * v[2] * v[0] * 0.73;
        s = s * 0.999 + -0.009 * v[0] - v[1] * 0.87;
        s = s * 0.999 + -0.007 * v[1] + v[2] * 0.53;
        s = s * 0.999 + -0.932 * v[2] - v[0] * 0.28;
        s = s * 0.999 + -0.737 * v[0] - v[1] * 0.59;
        s = s * 0.999 + 0.606 * v[1] * v[2] * 0.49;
        s = s * 0.999 + -0.539 * v[2] - v[0] * 0.32;
        s = s * 0.999 + -0.151 * v[0] - v[1] * 0.82;
        s = s * 0.999 + -0.793 * v[1] + v[2] * 0.67;
        s = s * 0.999 + 0.451 * v[2] * v[0] * 0.12;
        s = s * 0.999 + -0.788 * v[0] * v[1] * 0.92;
        s = s * 0.999 + 0.578 * v[1] + v[2] * 0.4;
        s = s * 0.999 + 0.966 * v[2] + v[0] * 0.91;
        s = s * 0.999 + 0.665 * v[0] - v[1] * 0.33;
        s = s * 0.999 + -0.837 * v[1] - v[2] * 0.49;
        s = s * 0.999 + -0.254 * v[2] + v[0] * 0.37;
        s = s * 0.999 + -0.842 * v[0] - v[1] * 0.11;
        s = s * 0.999 + 0.568 * v[1] + v[2] * 0.76;
        s = s * 0.999 + -0.219 * v[2] + v[0] * 0.54;
        s = s * 0.999 + 0.513 * v[0] + v[1] * 0.23;
        s = s * 0.999 + 0.596 * v[1] - v[2] * 0.75;
        s = s * 0.999 + 0.045 * v[2] - v[0] * 0.42;
        s = s * 0.999 + -0.622 * v[0] + v[1] * 0.11;
        s = s * 0.999 + -0.43 * v[1] + v[2] * 0.9;
        s = s * 0.999 + -0.276 * v[2] - v[0] * 0.48;
        s = s * 0.999 + -0.899 * v[0] * v[1] * 0.26;
        s = s * 0.999 + 0.18 * v[1] - v[2] * 0.4;
        s = s * 0.999 + 0.256 * v[2] + v[0] * 0.39;
        s = s * 0.999 + -0.939 * v[0] - v[1] * 0.78;
        s = s * 0.999 + -0.196 * v[1] - v[2] * 0.42;
        s = s * 0.999 + -0.262 * v[2] - v[0] * 0.15;
        s = s * 0.999 + -0.007 * v[0] + v[1] * 0.84;
        s = s * 0.999 + 0.515 * v[1] + v[2] * 0.19;
        s = s * 0.999 + -0.528 * v[2] + v[0] * 0.16;
        s = s * 0.999 + -0.264 * v[0] * v[1] * 0.72;
        s = s * 0.999 + -0.925 * v[1] + v[2] * 0.87;
        s = s * 0.999 + -0.126 * v[2] * v[0] * 0.53;
        s = s * 0.999 + -0.62 * v[0] * v[1] * 0.22;
        s = s * 0.999 + 0.255 * v[1] * v[2] * 0.1;
        s = s * 0.999 + -0.641 * v[2] - v[0] * 0.25;
        s = s * 0.999 + -0.537 * v[0] * v[1] * 0.3;
        s = s * 0.999 + 0.688 * v[1] + v[2] * 0.17;
        s = s * 0.999 + -0.42 * v[2] - v[0] * 0.61;
        s = s * 0.999 + -0.685 * v[0] * v[1] * 0.53;
        s = s * 0.999 + -0.239 * v[1] * v[2] * 0.91;
        s = s * 0.999 + -0.451 * v[2] * v[0] * 0.41;
        s = s * 0.999 + -0.715 * v[0] * v[1] * 0.83;
        s = s * 0.999 + 0.803 * v[1] * v[2] * 0.33;
        s = s * 0.999 + -0.806 * v[2] * v[0] * 0.33;
        s = s * 0.999 + -0.755 * v[0] + v[1] * 0.37;
        s = s * 0.999 + -0.624 * v[1] - v[2] * 0.21;
        s = s * 0.999 + 0.012 * v[2] - v[0] * 0.31;
        s = s * 0.999 + -0.882 * v[0] - v[1] * 0.93;
        s = s * 0.999 + -0.581 * v[1] - v[2] * 0.76;
        s = s * 0.999 + -0.469 * v[2] + v[0] * 0.88;
        s = s * 0.999 + 0.676 * v[0] - v[1] * 0.72;
        s = s * 0.999 + -0.672 * v[1] + v[2] * 0.21;
        s = s * 0.999 + 0.514 * v[2] * v[0] * 0.96;
        s = s * 0.999 + -0.174 * v[0] + v[1] * 0.32;
        s = s * 0.999 + -0.02 * v[1] * v[2] * 0.3;
        s = s * 0.999 + 0.236 * v[2] + v[0] * 0.85;
        s = s * 0.999 + -0.627 * v[0] * v[1] * 0.27;
        s = s * 0.999 + -0.411 * v[1] - v[2] * 0.35;
        s = s * 0.999 + -0.954 * v[2] - v[0] * 0.55;
        s = s * 0.999 + 0.822 * v[0] + v[1] * 0.35;
        s = s * 0.999 + 0.433 * v[1] + v[2] * 0.31;
        s = s * 0.999 + -0.193 * v[2] - v[0] * 0.8;
        s = s * 0.999 + 0.618 * v[0] - v[1] * 0.78;
        s = s * 0.999 + 0.094 * v[1] + v[2] * 0.73;
        s = s * 0.999 + -0.863 * v[2] * v[0] * 0.31;
        s = s * 0.999 + 0.254 * v[0] - v[1] * 0.24;
        s = s * 0.999 + -0.619 * v[1] - v[2] * 0.72;
        s = s * 0.999 + -0.558 * v[2] + v[0] * 0.82;
        s = s * 0.999 + -0.168 * v[0] - v[1] * 0.78;
        s = s * 0.999 + 0.156 * v[1] - v[2] * 0.4;
        s = s * 0.999 + -0.796 * v[2] + v[0] * 0.56;
        s = s * 0.999 + -0.987 * v[0] * v[1] * 0.57;
        s = s * 0.999 + -0.444 * v[1] * v[2] * 0.77;
        s = s * 0.999 + -0.223 * v[2] - v[0] * 0.44;
        s = s * 0.999 + 0.795 * v[0] + v[1] * 0.63;
        s = s * 0.999 + 0.435 * v[1] - v[2] * 0.97;
        s = s * 0.999 + -0.322 * v[2] + v[0] * 0.62;
        s = s * 0.999 + 0.064 * v[0] + v[1] * 0.95;
        s = s * 0.999 + -0.55 * v[1] * v[2] * 0.27;
        s = s * 0.999 + -0.957 * v[2] + v[0] * 0.26;
        s = s * 0.999 + 0.669 * v[0] - v[1] * 0.36;
        s = s * 0.999 + 0.48 * v[1] * v[2] * 0.64;
        s = s * 0.999 + 0.978 * v[2] - v[0] * 0.46;
        s = s * 0.999 + 0.876 * v[0] * v[1] * 0.23;
        s = s * 0.999 + 0.302 * v[1] * v[2] * 0.95;
        s = s * 0.999 + 0.077 * v[2] + v[0] * 0.63;
        s = s * 0.999 + 0.409 * v[0] * v[1] * 0.14;
        s = s * 0.999 + -0.45 * v[1] * v[2] * 0.7;
        s = s * 0.999 + -0.645 * v[2] - v[0] * 0.15;
        return s;
    }

    static double[] centralDifferences(MultivariateFunction f, double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double h = 1e-6 * Math.max(1, Math.abs(x[i]));
            double[] p = x.clone();
            p[i] += h;
            double[] m = x.clone();
            m[i] -= h;
            g[i] = (f.apply(p) - f.apply(m)) / (2 * h);
        }
        return g;
    }

    static double[] forward(MultivariateFunction f, double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] d = new double[x.length];
            d[i] = 1;
            g[i] = AD.jvp(f, x, d);
        }
        return g;
    }

    interface Gradient {
        double[] of(MultivariateFunction f, double[] x);
    }

    static String run(Gradient g, MultivariateFunction f, double[] x) {
        try {
            StringBuilder sb = new StringBuilder();
            for (double d : g.of(f, x)) {
                sb.append(sb.length() == 0 ? "" : ",").append(d);
            }
            return sb.toString();
        } catch (RuntimeException | LinkageError e) {
            return "threw " + e.getClass().getName() + ": " + e.getMessage();
        }
    }

    public static void main(String[] args) {
        for (String name : args) {
            MultivariateFunction f = CASES.get(name);
            if (f == null) {
                System.out.println(name + "=no such case");
                continue;
            }
            double[] x = POINTS.get(name);
            System.out.println(name + "=" + run(AD::gradient, f, x));
            System.out.println(name + ".forward=" + run(Unseen::forward, f, x));
            System.out.println(name + ".fd=" + run(Unseen::centralDifferences, f, x));
        }
    }
}
