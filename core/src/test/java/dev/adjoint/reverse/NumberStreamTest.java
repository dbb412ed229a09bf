package dev.adjoint.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.NotDifferentiableException;
import dev.adjoint.testing.Oracle;

/**
 * Streams of numbers ({@code DoubleStream}, and streams of ints, longs and objects mapped to doubles): sequential
 * pipelines give the gradient of the numbers they compute, checked against central differences in reverse mode
 * and, one direction at a time, in forward mode; their values equal the JDK's bit for bit; parallel streams are
 * refused.
 */
class NumberStreamTest {

    private static final double[] X = {0.7, -1.3, 2.1, 0.4};

    /** Value bit for bit, gradient against central differences, forward mode along each axis. */
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

    @Test
    void an_array_mapped_and_summed_gives_the_sum_of_the_derivatives() {
        check(x -> Arrays.stream(x).map(v -> v * v).sum());
        check(x -> Arrays.stream(x, 1, 3).map(Math::sin).sum());
        check(x -> DoubleStream.of(x).map(v -> v * x[0]).filter(v -> v > -1).sum());
        check(x -> DoubleStream.of(x[0], x[1] * x[2]).map(Math::exp).reduce(1, (a, b) -> a * b));
    }

    /**
     * A pipeline without stages is summed by its source in its own loop; the compensation must still be the JDK's:
     * terms of very different sizes, whose plain sum loses the small ones, agree bit for bit, and the gradient with
     * them, through an array, indices and longs, and through a pipeline with a stage that a sink sums.
     */
    @Test
    void a_sum_without_stages_is_compensated_as_the_jdk_compensates_it() {
        double[] x = {1e16, 0.7, -1e16, 0.3, 1.1};
        List<MultivariateFunction> sums = List.of(
                v -> Arrays.stream(v).sum(),
                v -> IntStream.range(0, v.length).mapToDouble(i -> v[i] * (i + 1)).sum(),
                v -> LongStream.range(0, v.length).mapToDouble(i -> v[(int) i] * v[(int) i] * 1e-16).sum(),
                v -> Arrays.stream(v).map(t -> 2 * t).sum());
        for (MultivariateFunction f : sums) {
            assertEquals(f.apply(x.clone()), AD.valueAndGradient(f, x.clone()).value(), 0.0, "value");
        }
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, AD.gradient(sums.get(0), x.clone()), 0.0);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, AD.gradient(sums.get(1), x.clone()), 0.0);
        double[] g = AD.gradient(sums.get(2), x.clone());
        for (int i = 0; i < x.length; i++) {
            assertEquals(2 * x[i] * 1e-16, g[i], 1e-30, "component " + i);
        }
        assertArrayEquals(new double[] {2, 2, 2, 2, 2}, AD.gradient(sums.get(3), x.clone()), 0.0);
        check(v -> IntStream.range(0, v.length - 1).mapToDouble(i -> Math.exp(v[i]) * v[i + 1]).sum());
    }

    @Test
    void averages_extremes_and_optional_doubles_carry_the_derivative() {
        check(x -> Arrays.stream(x).map(v -> v * v * v).average().getAsDouble());
        check(x -> Arrays.stream(x).max().getAsDouble() * Arrays.stream(x).min().orElse(0));
        check(x -> DoubleStream.of(x).filter(v -> v > 100).average().orElseGet(() -> x[1] * x[2]));
        check(x -> Arrays.stream(x).reduce((a, b) -> a * b + 1).orElseThrow());
        check(x -> DoubleStream.of(x).skip(1).findFirst().getAsDouble() + Arrays.stream(x).sorted().limit(2).sum());
    }

    @Test
    void indices_objects_and_longs_mapped_to_doubles() {
        check(x -> IntStream.range(0, x.length).mapToDouble(i -> x[i] * x[i]).sum());
        check(x -> IntStream.rangeClosed(1, 3).asDoubleStream().map(k -> k * x[(int) k]).sum());
        check(x -> LongStream.range(0, 2).mapToDouble(i -> Math.cos(x[(int) i])).average().getAsDouble());
        check(x -> {
            List<Double> l = new ArrayList<>();
            for (double v : x) {
                l.add(v);
            }
            return l.stream().mapToDouble(v -> v * v).sum() + l.stream().mapToDouble(Double::doubleValue).max()
                    .getAsDouble();
        });
    }

    @Test
    void boxing_collecting_and_mapping_to_objects() {
        check(x -> Arrays.stream(x).boxed().collect(Collectors.toList()).get(2) * x[0]);
        check(x -> {
            List<Double> l = Arrays.stream(x).map(v -> 2 * v).boxed().collect(Collectors.toList());
            return l.stream().collect(Collectors.summingDouble(v -> v * v))
                    + l.stream().collect(Collectors.averagingDouble(v -> Math.sin(v)));
        });
        check(x -> Arrays.stream(x).mapToObj(v -> new double[] {v, v * v}).mapToDouble(p -> p[0] * p[1]).sum());
        check(x -> Arrays.stream(x).collect(() -> new double[1], (acc, v) -> acc[0] += v * v,
                (a, b) -> a[0] += b[0])[0]);
        check(x -> Arrays.stream(x).flatMap(v -> DoubleStream.of(v, -v * v)).sum());
        check(x -> DoubleStream.builder().add(x[0] * x[1]).add(Math.sin(x[2])).build().map(v -> v * v).sum());
        check(x -> {
            double[] out = new double[1];
            Arrays.stream(x).forEach(v -> out[0] += Math.exp(v));
            return out[0];
        });
    }

    @Test
    void grouped_sums_and_averages_of_numbers_a_callback_computes() {
        check(x -> {
            java.util.Map<Boolean, Double> sums = Arrays.stream(x).boxed()
                    .collect(Collectors.partitioningBy(v -> v > 0, Collectors.summingDouble(v -> v * v)));
            java.util.Map<Integer, Double> means = Arrays.stream(x).boxed()
                    .collect(Collectors.groupingBy(v -> (int) Math.signum(v), Collectors.averagingDouble(Math::exp)));
            return sums.get(true) * 2 + sums.get(false) + means.get(1) * means.get(-1);
        });
    }

    private record Point(double a, double b) {
    }

    @Test
    void pipelines_as_people_write_them() {
        check(x -> IntStream.iterate(0, i -> i + 1).limit(3).mapToDouble(i -> x[i] * x[i + 1]).sum());
        check(x -> java.util.stream.Stream.of(x[0], x[1] * x[3]).mapToDouble(Double::doubleValue).sum());
        check(x -> Arrays.stream(x).mapToObj(v -> v * 2).mapToDouble(Double::doubleValue).map(Math::sin).sum());
        check(x -> DoubleStream.of(x).map(Math::abs).max().orElse(0) + Arrays.stream(x).reduce(0, Double::sum));
        check(x -> Arrays.stream(x).dropWhile(v -> v > 0).takeWhile(v -> v < 2).map(v -> v * v).sum());
        check(x -> IntStream.range(0, x.length).map(i -> x.length - 1 - i).mapToDouble(i -> x[i] * i).sum());
        check(x -> DoubleStream.concat(Arrays.stream(x), DoubleStream.of(x[0] * x[1])).map(v -> v * v).sum());
        check(x -> IntStream.range(0, x.length).mapToDouble(i -> IntStream.range(0, x.length)
                .mapToDouble(j -> x[i] * Math.cos(x[j])).sum()).sum());
        check(x -> Arrays.stream(x).mapToObj(v -> new Point(v, v * v)).collect(Collectors.toList()).stream()
                .mapToDouble(Point::b).sum());
        check(x -> {
            OptionalDouble o = Arrays.stream(x).map(v -> v * x[3]).max();
            return o.isPresent() ? o.getAsDouble() : 0;
        });
        check(x -> Arrays.stream(x).sorted().skip(1).findFirst().getAsDouble()
                * DoubleStream.iterate(x[0], v -> v < 10, v -> v * 2 + 1).count());
        check(x -> java.util.stream.Stream.iterate(1, i -> i + 1).limit(3).mapToDouble(i -> x[i] / i).sum());
        check(x -> Arrays.stream(x).collect(ArrayList<Double>::new, ArrayList::add, ArrayList::addAll).get(1)
                * x[2]);
        check(x -> Arrays.stream(x).map(v -> v * v).toArray()[2] + DoubleStream.of(x).sequential().unordered()
                .map(Math::exp).sum());
    }

    @Test
    void a_compensated_sum_equals_the_jdks_bit_for_bit() {
        double[] x = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.pow(10, i % 17 - 8) * (i % 3 - 1);
        }
        MultivariateFunction f = v -> Arrays.stream(v).map(u -> u * 1.1).sum();
        assertEquals(f.apply(x), AD.valueAndGradient(f, x).value(), 0.0);
        double[] g = AD.gradient(f, x);
        for (double d : g) {
            assertEquals(1.1, d, 1e-15);
        }
    }

    @Test
    void second_derivatives_go_through_a_pipeline_of_numbers() {
        MultivariateFunction f = x -> Arrays.stream(x).map(v -> v * v * v).filter(v -> v > -100).sum()
                * DoubleStream.of(x[0], x[1]).average().getAsDouble();
        double[] x = X.clone();
        double[][] h = AD.hessian(f, x);
        double[][] expected = Oracle.centralJacobian(p -> AD.gradient(f, p), x, 1e-5);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(expected[i], h[i], 1e-5 * Math.max(1, Math.abs(expected[i][i])), "row " + i);
        }
        // written as one expression, a pipeline from a range is a loop (StreamFusion): its Hessian is 2 on the
        // diagonal of the first two coordinates
        double[][] fused = AD.hessian(v -> IntStream.range(0, 2).mapToDouble(i -> v[i] * v[i]).sum(), x);
        assertArrayEquals(new double[] {2, 0, 0, 0}, fused[0], 0.0);
        assertArrayEquals(new double[] {0, 2, 0, 0}, fused[1], 0.0);
        // one whose JDK stream is kept in a local is not fused; it is refused there, and the message says how to
        // start it
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class, () -> AD.hessian(v -> {
            IntStream indices = IntStream.range(0, 2);
            return indices.mapToDouble(i -> v[i] * v[i]).sum();
        }, x));
        assertTrue(e.getMessage().contains("a stream of the JDK (java.util.stream.IntStream.range) in a second "
                + "derivative"), e.getMessage());
        assertEquals("dev.adjoint.reverse.NumberStreamTest", e.className(), e.getMessage());
        double[][] fromArray = AD.hessian(v -> Arrays.stream(v, 0, 2).map(u -> u * u).sum(), x);
        assertEquals(2, fromArray[1][1], 1e-12);
        assertEquals(0, fromArray[2][2], 0);
    }

    @Test
    void a_spliterator_of_numbers_that_carry_derivatives_is_refused_at_the_users_line() {
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class, () -> AD.gradient(x -> {
            java.util.Spliterator.OfDouble s = Arrays.stream(x).map(v -> 2 * v).spliterator();
            double[] first = {0};
            s.tryAdvance((double v) -> first[0] = v);
            return first[0];
        }, X.clone()));
        assertEquals("dev.adjoint.reverse.NumberStreamTest", e.className(), e.getMessage());
        assertTrue(e.line() > 0 && e.construct().contains("Spliterator"), e.getMessage());
    }

    @Test
    void a_refusal_inside_the_engines_stream_names_the_line_that_called_it() {
        // the infinite inner stream stays the JDK's, which StreamReplacements.flatMapToDouble reads: refused there
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class, () -> AD.gradient(
                x -> Arrays.stream(x).boxed().flatMapToDouble(v -> DoubleStream.generate(() -> v * v).limit(2)).sum(),
                X.clone()));
        assertEquals("dev.adjoint.reverse.NumberStreamTest", e.className(), e.getMessage());
        assertTrue(e.line() > 0 && e.construct().contains("returns a number"), e.getMessage());
    }

    @Test
    void a_parallel_sort_of_numbers_is_differentiated_as_the_sort_it_is() {
        check(x -> {
            double[] c = x.clone();
            Arrays.parallelSort(c);
            Arrays.parallelSort(x, 1, 3);
            return 3 * c[0] + c[1] * c[3] + x[1];
        });
    }

    @Test
    void a_parallel_stream_of_numbers_is_refused_as_parallel() {
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class,
                () -> AD.gradient(x -> Arrays.stream(x).parallel().map(v -> v * v).sum(), X.clone()));
        assertTrue(e.getMessage().contains("a parallel stream or operation (java.util.stream.DoubleStream.parallel)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("NumberStreamTest"), e.getMessage());
    }
}
