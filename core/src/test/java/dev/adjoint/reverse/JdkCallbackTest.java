package dev.adjoint.reverse;

import static dev.adjoint.testing.Check.analytic;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.PriorityQueue;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.NotDifferentiableException;
import dev.adjoint.ScalarFunction;
import dev.adjoint.testing.Oracle;

/**
 * JDK methods that call back into lambdas of differentiated code ({@code Optional.map}, {@code forEach},
 * {@code merge}, a sort's comparator): the lambdas' derivatives are followed, or the gradient is refused; never a
 * silent zero. Each case is checked against its analytic derivative, in reverse and in forward mode.
 */
class JdkCallbackTest {

    private static double square(double v) {
        return v * v;
    }

    /** Reverse and forward mode both give {@code expected}. */
    private static void both(ScalarFunction f, double x, double expected) {
        analytic(f, x, expected, 1e-12);
        assertEquals(expected, AD.derivative(f, x), 1e-12 * Math.max(1, Math.abs(expected)), "forward mode");
    }

    @Test
    void an_array_of_objects_sorted_with_a_comparator_keeps_each_objects_derivative() {
        // sorted by value: {x, x^2, 3 - x} at x = 1.2 is {1.2, 1.44, 1.8}; 1 * 1.2 + 2 * 1.44 + 3 * 1.8
        both(x -> {
            Double[] v = {3 - x, x * x, x};
            Arrays.sort(v, (a, b) -> Double.compare(a, b));
            return v[0] + 2 * v[1] + 3 * v[2];
        }, 1.2, 1 + 2 * 2 * 1.2 - 3);
        // and found again by binary search with the same comparator
        both(x -> {
            Double[] v = {x, x * x, 3 - x};
            Arrays.sort(v, Comparator.reverseOrder());
            return v[Arrays.binarySearch(v, x, Comparator.reverseOrder())] * v[0];
        }, 1.2, (3 - 1.2) - 1.2);
    }

    @Test
    void optional_map_follows_the_lambda() {
        both(x -> Optional.of(x).map(v -> v * v).orElse(0.0), 3, 6);
        both(x -> Optional.of(x).map(JdkCallbackTest::square).map(v -> Math.sin(v)).get(), 0.7,
                Math.cos(0.49) * 1.4);
    }

    @Test
    void optional_suppliers_and_consumers_follow_the_lambda() {
        both(x -> Optional.<Double>empty().orElseGet(() -> x * x * x), 2, 12);
        both(x -> Optional.ofNullable((Double) null).or(() -> Optional.of(Math.exp(x))).get(), 0.5, Math.exp(0.5));
        both(x -> {
            double[] out = new double[1];
            Optional.of(x).ifPresent(v -> out[0] = 5 * v * v);
            return out[0];
        }, 1.5, 15);
        both(x -> Optional.of(x).filter(v -> v > 0).map(v -> 1 / v).orElse(-1.0), 4, -1.0 / 16);
    }

    @Test
    void objects_suppliers_follow_the_lambda() {
        both(x -> Objects.requireNonNullElseGet((Double) null, () -> x * x), 3, 6);
        both(x -> Objects.requireNonNullElse((Double) null, x * 2), 3, 2);
        both(x -> Objects.requireNonNull(Math.log(x), () -> "no log of " + x), 2, 0.5);
    }

    @Test
    void collection_callbacks_follow_the_lambda() {
        both(x -> {
            List<Double> l = new ArrayList<>(List.of(x, 2 * x, 3 * x));
            double[] s = new double[1];
            l.forEach(v -> s[0] += v * v);
            return s[0];
        }, 2, 28 * 2);
        both(x -> {
            List<Double> l = new LinkedList<>(List.of(x, x * x));
            l.replaceAll(v -> v * 3);
            l.removeIf(v -> v > 100);
            return l.get(0) + l.get(1);
        }, 2, 3 + 3 * 4);
        both(x -> {
            Map<String, Double> m = new HashMap<>();
            m.merge("a", x, Double::sum);
            m.merge("a", x * x, Double::sum);
            m.compute("a", (k, v) -> v * 2);
            m.computeIfAbsent("b", k -> Math.sin(x));
            m.computeIfPresent("b", (k, v) -> v + 1);
            double[] total = {0};
            m.forEach((k, v) -> total[0] += v);
            return total[0];
        }, 0.4, 2 * (1 + 0.8) + Math.cos(0.4));
    }

    @Test
    void a_comparator_that_writes_to_an_array_is_followed() {
        // the comparator counts comparisons in acc[0] and adds x² each time: the sort calls it c times
        double x = 1.5;
        double[] calls = {0};
        List<Integer> probe = new ArrayList<>(List.of(5, 3, 9, 1, 7));
        probe.sort((a, b) -> {
            calls[0]++;
            return a - b;
        });
        both(v -> {
            double[] acc = {0};
            List<Integer> l = new ArrayList<>(List.of(5, 3, 9, 1, 7));
            l.sort((a, b) -> {
                acc[0] += v * v;
                return a - b;
            });
            return acc[0];
        }, x, calls[0] * 2 * x);
        both(v -> {
            double[] acc = {0};
            Integer[] a = {5, 3, 9, 1, 7};
            List<Integer> l = Arrays.asList(a);
            Collections.sort(l, (p, q) -> {
                acc[0] += Math.exp(v);
                return Integer.compare(p, q);
            });
            return acc[0];
        }, x, calls[0] * Math.exp(x));
    }

    @Test
    void collections_that_hold_a_comparator_follow_it() {
        both(x -> {
            double[] acc = {0};
            PriorityQueue<Integer> q = new PriorityQueue<>((a, b) -> {
                acc[0] += x;
                return a - b;
            });
            q.add(3);
            q.add(1);
            return acc[0];
        }, 2, 1);
        // the value is acc[0] + x and acc[0] is x² times the number of comparisons: the derivative follows
        ScalarFunction sorted = x -> {
            double[] acc = {0};
            TreeMap<Integer, Double> t = new TreeMap<>((a, b) -> {
                acc[0] += x * x;
                return a - b;
            });
            t.put(1, x);
            t.put(2, x);
            return acc[0] + t.get(2);
        };
        double comparisons = (sorted.apply(3) - 3) / 9;
        assertTrue(comparisons >= 2, "comparisons " + comparisons);
        both(sorted, 3, comparisons * 6 + 1);
    }

    @Test
    void sorting_by_a_key_that_carries_a_derivative_gives_the_derivative_of_what_is_returned() {
        double[] g = AD.gradient(p -> {
            List<double[]> pts = new ArrayList<>(List.of(new double[] {p[0], 1}, new double[] {p[1], 2}));
            pts.sort(Comparator.comparing(q -> -q[0]));
            return pts.get(0)[0] * 10 + pts.get(1)[0];
        }, new double[] {1, 2});
        assertArrayEquals(new double[] {1, 10}, g, 1e-15);
    }

    @Test
    void a_callback_that_returns_a_number_to_the_jdk_is_refused_when_it_computes_with_derivatives() {
        ScalarFunction sortByKey = x -> {
            List<Double> l = new ArrayList<>(List.of(1.0, -2.0));
            l.sort(Comparator.comparingDouble(q -> q * x));
            return l.get(0) * x;
        };
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class,
                () -> AD.gradient(sortByKey, 3.0));
        assertTrue(e.getMessage().contains("returns a number"), e.getMessage());
        assertTrue(e.getMessage().contains("JdkCallbackTest"), e.getMessage());
        NotDifferentiableException f = assertThrows(NotDifferentiableException.class,
                () -> AD.derivative(sortByKey, 3.0));
        assertTrue(f.getMessage().contains("returns a number"), f.getMessage());
        // OptionalDouble's callbacks are called from differentiated code (rules.OptionalDoubles): followed
        both(x -> OptionalDouble.empty().orElseGet(() -> x * x), 3, 6);
    }

    @Test
    void a_callback_that_receives_no_derivative_is_simply_called() {
        // the weights come from a lambda that sees only an index: nothing to follow
        double x = 0.3;
        double expected = Oracle.centralDifference(v -> weighted(v), x);
        assertEquals(expected, AD.gradient(JdkCallbackTest::weighted, x), 1e-7);
    }

    /** A comparator written as a class, which counts its comparisons in an array, as instrumented code does. */
    static final class CountingComparator implements Comparator<Integer> {
        private final double[] acc;
        private final double weight;

        CountingComparator(double[] acc, double weight) {
            this.acc = acc;
            this.weight = weight;
        }

        @Override
        public int compare(Integer a, Integer b) {
            acc[0] += weight * weight;
            return Integer.compare(a, b);
        }
    }

    @Test
    void a_comparator_of_a_named_class_that_writes_to_an_array_is_followed() {
        ScalarFunction f = x -> {
            double[] acc = {0};
            List<Integer> l = new ArrayList<>(List.of(4, 2, 8, 6));
            l.sort(new CountingComparator(acc, x));
            l.sort(new CountingComparator(acc, x).reversed());
            return acc[0];
        };
        double comparisons = f.apply(1.0);
        assertTrue(comparisons >= 4, "comparisons " + comparisons);
        both(f, 2.0, comparisons * 2 * 2.0);
    }

    @Test
    void a_consumer_made_outside_the_function_is_followed() {
        double[] sink = new double[1];
        java.util.function.Consumer<Double> accumulate = v -> sink[0] += v * v;
        ScalarFunction f = x -> {
            sink[0] = 0;
            List.of(x, 3 * x).forEach(accumulate);
            return sink[0];
        };
        both(f, 1.5, 20 * 1.5);
    }

    @Test
    void arrays_set_all_follows_its_generator() {
        both(x -> {
            double[] a = new double[4];
            Arrays.setAll(a, i -> Math.pow(x, i));
            return a[0] + a[1] + a[2] + a[3];
        }, 1.5, 1 + 2 * 1.5 + 3 * 1.5 * 1.5);
        both(x -> {
            Double[] a = new Double[3];
            Arrays.setAll(a, i -> x * i);
            return a[2];
        }, 1.5, 2);
    }

    @Test
    void sequential_streams_of_objects_follow_their_callbacks() {
        both(x -> {
            List<Double> l = new ArrayList<>(List.of(x, 2 * x, 3 * x));
            return l.stream().map(v -> v * v).reduce(0.0, Double::sum);
        }, 1.5, 28 * 1.5);
        both(x -> java.util.stream.Stream.of(x, Math.sin(x)).filter(v -> v > -10).map(v -> 2 * v)
                .collect(java.util.stream.Collectors.toList()).get(1), 0.3, 2 * Math.cos(0.3));
        both(x -> {
            double[] w = {x, x * x};
            return java.util.stream.IntStream.range(0, 2).mapToObj(i -> w[i] * 3).reduce(1.0, (a, b) -> a * b);
        }, 2, 3 * 3 * 3 * 4);
    }

    @Test
    void an_infinite_stream_that_sums_numbers_in_the_jdk_is_refused_and_a_parallel_one_too() {
        // an infinite stream stays the JDK's, which sums the numbers its callback returns: refused
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class,
                () -> AD.gradient(x -> java.util.stream.DoubleStream.generate(() -> x * x).limit(2).sum(), 1.0));
        assertTrue(e.getMessage().contains("returns a number"), e.getMessage());
        NotDifferentiableException p = assertThrows(NotDifferentiableException.class, () -> AD.gradient(x -> {
            List<Double> l = new ArrayList<>(List.of(x, 2 * x));
            return l.parallelStream().map(v -> v * v).reduce(0.0, Double::sum);
        }, 1.0));
        assertTrue(p.getMessage().contains("other threads"), p.getMessage());
    }

    private static double weighted(double x) {
        OptionalDouble w = OptionalDouble.empty();
        double weight = w.orElseGet(() -> 0.5);
        return weight * x * x;
    }

    @Test
    void a_string_method_that_calls_back_is_not_passed_as_printing() {
        // String.transform returns what its function computes: a sink for the string, not for the function
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class,
                () -> AD.derivative(x -> "s".transform(s -> x * x), 3.0));
        assertTrue(e.getMessage().contains("java.lang.String.transform"), e.getMessage());
    }
}
