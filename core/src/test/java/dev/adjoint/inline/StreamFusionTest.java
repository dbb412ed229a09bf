package dev.adjoint.inline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Companion;
import dev.adjoint.internal.engine.Engine;
import dev.adjoint.testing.Oracle;

/**
 * Stream pipelines written as one expression become loops before differentiating ({@code rules.StreamFusion}):
 * the same sums written with lambdas capturing arrays or {@code this}, method references, stages on ints and on
 * doubles, filters, reductions and functions passed in, each with its value equal to the JDK's bit for bit, its
 * gradient against central differences and its forward-mode derivative; the JDK's order of calls, its exceptions
 * and its compensation are kept; and the listing says which pipelines were fused.
 */
class StreamFusionTest {

    private static final double[] X = {0.7, -1.3, 2.1, 0.4, 1.6};

    private static void check(MultivariateFunction f) {
        double[] x = X.clone();
        assertEquals(f.apply(x.clone()), AD.valueAndGradient(f, x.clone()).value(), 0.0, "value");
        double[] expected = Oracle.centralGradient(f::apply, x);
        double[] g = AD.gradient(f, x);
        assertArrayEquals(X, x, 0.0, "input untouched");
        for (int i = 0; i < x.length; i++) {
            double tolerance = 1e-6 * Math.max(1, Math.abs(expected[i]));
            assertEquals(expected[i], g[i], tolerance, "reverse, component " + i);
            double[] axis = new double[x.length];
            axis[i] = 1;
            assertEquals(expected[i], AD.jvp(f, x, axis), tolerance, "forward, component " + i);
        }
    }

    static double rosenbrock(double[] x) {
        return IntStream.range(0, x.length - 1).mapToDouble(i -> term(x[i], x[i + 1])).sum();
    }

    private static double term(double a, double b) {
        double d = b - a * a;
        return 100 * d * d + (1 - a) * (1 - a);
    }

    static double squares(double[] x) {
        return Arrays.stream(x).map(Math::sin).filter(v -> v > -0.5).map(v -> v * v).sum();
    }

    static double harmonic(double[] x) {
        return IntStream.rangeClosed(1, x.length).asDoubleStream().map(k -> x[(int) k - 1] / k).sum();
    }

    static double evenIndices(double[] x) {
        return IntStream.range(0, 2 * x.length).filter(i -> i % 2 == 0).map(i -> i / 2)
                .mapToDouble(i -> x[i] * x[i] * x[i]).sum();
    }

    static double product(double[] x) {
        return DoubleStream.of(x).reduce(1, (a, b) -> a * b) + DoubleStream.of(x).map(Math::exp).reduce(0, Double::sum);
    }

    static double repeated(double[] x) {
        double total = 0;
        for (int r = 1; r <= 3; r++) {
            int scale = r;
            total += IntStream.range(0, x.length).mapToDouble(i -> Math.sin(x[i] * scale)).sum();
        }
        return total;
    }

    /** A model whose lambdas use its fields: their bodies are instance methods, called with {@code this}. */
    static final class Weighted {
        private final double[] weights;

        Weighted(double[] weights) {
            this.weights = weights;
        }

        double energy(double[] x) {
            return IntStream.range(0, x.length).mapToDouble(i -> weights[i] * x[i] * x[i]).sum()
                    + Arrays.stream(x).map(this::soft).sum();
        }

        private double soft(double v) {
            return Math.log1p(Math.exp(v * weights[0]));
        }
    }

    record Pair(double a, double b) {
        double dot() {
            return a * b;
        }
    }

    static double pairsFromIndices(double[] x) {
        return IntStream.range(0, x.length - 1).mapToObj(i -> new Pair(x[i], x[i + 1])).mapToDouble(Pair::dot).sum();
    }

    static double pairsInAList(double[] x) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < x.length; i++) {
            pairs.add(new Pair(x[i], Math.sin(x[i + 1])));
        }
        return pairs.stream().filter(p -> p.a() > -1).mapToDouble(p -> p.a() * p.b()).sum();
    }

    static double pairsInAnArray(double[] x) {
        Pair[] pairs = {new Pair(x[0], x[1]), new Pair(x[2], x[3]), new Pair(x[4], x[0])};
        return Arrays.stream(pairs).map(p -> new Pair(p.b(), p.a() * p.a())).mapToDouble(Pair::dot).sum();
    }

    static double longIndices(double[] x) {
        return LongStream.range(0, x.length).mapToDouble(i -> x[(int) i] * x[(int) i]).sum()
                + LongStream.rangeClosed(1, x.length).filter(i -> i % 2 == 1).asDoubleStream()
                        .map(k -> x[(int) k - 1] / k).sum();
    }

    static double extremes(double[] x) {
        return Arrays.stream(x).map(v -> v * v).max().getAsDouble()
                + IntStream.range(0, x.length).mapToDouble(i -> x[i] * i).min().orElse(0)
                + Arrays.stream(x).map(Math::exp).average().getAsDouble();
    }

    @Test
    void pipelines_of_objects_differentiate_as_their_central_differences() {
        check(StreamFusionTest::pairsFromIndices);
        check(StreamFusionTest::pairsInAList);
        check(StreamFusionTest::pairsInAnArray);
    }

    @Test
    void pipelines_of_longs_differentiate_as_their_central_differences() {
        check(StreamFusionTest::longIndices);
    }

    @Test
    void the_largest_smallest_and_average_element_differentiate_as_their_central_differences() {
        check(StreamFusionTest::extremes);
        MultivariateFunction none = x -> Arrays.stream(x).filter(v -> v > 100).max().orElse(-1)
                + Arrays.stream(x).filter(v -> v > 100).average().orElse(x[0]);
        check(none);
    }

    @Test
    void a_range_mapped_by_a_lambda_that_captures_an_array_differentiates_as_its_central_differences() {
        check(StreamFusionTest::rosenbrock);
        check(StreamFusionTest::harmonic);
    }

    @Test
    void method_references_filters_and_stages_on_doubles_differentiate_as_their_central_differences() {
        check(StreamFusionTest::squares);
    }

    @Test
    void stages_on_ints_before_the_numbers_differentiate_as_their_central_differences() {
        check(StreamFusionTest::evenIndices);
    }

    @Test
    void reductions_differentiate_as_their_central_differences() {
        check(StreamFusionTest::product);
    }

    @Test
    void a_pipeline_inside_a_loop_differentiates_as_its_central_differences() {
        check(StreamFusionTest::repeated);
    }

    @Test
    void lambdas_and_method_references_on_this_differentiate_as_their_central_differences() {
        Weighted model = new Weighted(new double[] {0.5, 1.5, -0.25, 2, 0.75});
        check(model::energy);
    }

    @Test
    void a_function_passed_in_is_called_through_its_interface() {
        DoubleUnaryOperator cube = v -> v * v * v;
        check(x -> Arrays.stream(x).map(cube).sum());
        DoubleUnaryOperator missing = null;
        assertThrows(NullPointerException.class, () -> AD.gradient(x -> Arrays.stream(x).map(missing).sum(),
                X.clone()));
    }

    /** Terms of very different sizes, whose plain sum loses the small ones. */
    @Test
    void the_sum_is_compensated_as_the_jdks_bit_for_bit() {
        double[] x = {1e16, 0.7, -1e16, 0.3, 1.1};
        MultivariateFunction f = v -> IntStream.range(0, v.length).mapToDouble(i -> v[i] * (i + 1)).sum();
        assertEquals(f.apply(x.clone()), AD.valueAndGradient(f, x.clone()).value(), 0.0);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, AD.gradient(f, x.clone()), 0.0);
        MultivariateFunction infinite = v -> Arrays.stream(v).map(t -> t * 1e300).sum();
        double[] opposite = {1e10, -1e10, 2};
        assertEquals(infinite.apply(opposite.clone()), AD.valueAndGradient(infinite, opposite.clone()).value(), 0.0);
    }

    static final List<String> CALLS = new ArrayList<>();

    static double traced(double[] x) {
        return IntStream.range(0, x.length).peek(i -> CALLS.add("index " + i)).filter(i -> i != 2)
                .mapToDouble(i -> x[i]).peek(v -> CALLS.add("value " + (v > 0))).map(v -> v * v).sum();
    }

    @Test
    void the_functions_run_as_often_and_in_the_order_the_jdks_pipeline_runs_them() {
        CALLS.clear();
        traced(X.clone());
        List<String> jdk = new ArrayList<>(CALLS);
        CALLS.clear();
        double[] g = AD.gradient(StreamFusionTest::traced, X.clone());
        assertEquals(jdk, CALLS);
        assertArrayEquals(new double[] {2 * X[0], 2 * X[1], 0, 2 * X[3], 2 * X[4]}, g, 1e-15);
    }

    static double throwing(double[] x) {
        return IntStream.range(0, x.length).mapToDouble(i -> {
            if (x[i] > 2) {
                throw new IllegalArgumentException("too large at " + i);
            }
            return x[i];
        }).sum();
    }

    @Test
    void an_exception_from_a_lambda_leaves_the_gradient_as_it_leaves_the_pipeline() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AD.gradient(StreamFusionTest::throwing, X.clone()));
        assertEquals("too large at 2", e.getMessage());
    }

    @Test
    void the_listing_says_which_pipelines_were_fused_and_their_lambdas_are_called_directly() throws Exception {
        String listing = listing("rosenbrock", "([D)D");
        assertTrue(listing.contains("before differentiating: fused into a loop: range.mapToDouble(lambda$"), listing);
        assertFalse(listing.contains("java/util/stream/IntStream.mapToDouble"), listing);
        assertFalse(listing.contains("StreamReplacements"), listing);
        for (String[] fused : new String[][] {
            {"pairsFromIndices", "range.mapToObj(lambda$pairsFromIndices$", ".mapToDouble(dot).sum"},
            {"pairsInAList", "stream.filter(lambda$pairsInAList$", ".sum"},
            {"pairsInAnArray", "stream.map(lambda$pairsInAnArray$", ".mapToDouble(dot).sum"},
            {"longIndices", "rangeClosed.filter(lambda$longIndices$", ".asDoubleStream.map("},
            {"extremes", "stream.map(exp).average", ".min"}}) {
            String shown = listing(fused[0], "([D)D");
            assertTrue(shown.contains("fused into a loop: ") && shown.contains(fused[1]) && shown.contains(fused[2]),
                    shown);
            assertFalse(shown.contains("StreamReplacements"), shown);
        }
    }

    private static String listing(String name, String desc) throws Exception {
        ClassHierarchy hierarchy = new ClassHierarchy(
                ClassHierarchy.ClassBytes.of(StreamFusionTest.class.getClassLoader()));
        byte[] bytes;
        try (InputStream in = StreamFusionTest.class.getResourceAsStream("StreamFusionTest.class")) {
            bytes = in.readAllBytes();
        }
        Companion c = Engine.standard(true).generate(bytes, name, desc, hierarchy, Engine.Mode.REVERSE);
        return c.listing();
    }
}
