package dev.adjoint.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.testing.Oracle;

/**
 * A stream of numbers in differentiated code runs its lambdas as the JDK runs them: element by element when the
 * terminal operation pulls, stopping where a short-circuiting stage or end stops, and not at all for a count the
 * JDK knows. Each case records, in order, which lambda ran (as numbers, so the record itself carries no
 * derivative); the record of a gradient must be the JDK's record of the same function, and the gradient, which
 * often depends on how many elements a side effect saw, must agree with central differences.
 */
class StreamOrderTest {

    private static final double[] X = {0.7, 1.3, 2.1, 0.4, 1.9};

    /** A function of x that records the lambdas it runs into a log. */
    private interface Logged {
        double apply(double[] x, List<Integer> log);
    }

    private static void check(Logged f) {
        List<Integer> jdk = new ArrayList<>();
        double value = f.apply(X.clone(), jdk);
        List<Integer> differentiated = new ArrayList<>();
        MultivariateFunction recorded = x -> f.apply(x, differentiated);
        assertEquals(value, AD.valueAndGradient(recorded, X.clone()).value(), 0.0, "value");
        assertEquals(jdk, differentiated, "the lambdas that ran, in order");
        double[] expected = Oracle.centralGradient(x -> f.apply(x, new ArrayList<>()), X.clone());
        differentiated.clear();
        double[] g = AD.gradient(recorded, X.clone());
        assertEquals(jdk, differentiated, "the lambdas that ran, in order, in the gradient");
        for (int i = 0; i < g.length; i++) {
            assertEquals(expected[i], g[i], 1e-6 * Math.max(1, Math.abs(expected[i])), "component " + i);
        }
        differentiated.clear();
        double[] axis = new double[X.length];
        axis[0] = 1;
        assertEquals(expected[0], AD.jvp(recorded, X.clone(), axis), 1e-6 * Math.max(1, Math.abs(expected[0])),
                "forward mode");
        assertEquals(jdk, differentiated, "the lambdas that ran, in order, in forward mode");
    }

    @Test
    void a_limit_spares_the_earlier_stages_the_elements_after_it() {
        check((x, log) -> Arrays.stream(x).peek(v -> log.add(1)).map(v -> {
            log.add(2);
            return v * v;
        }).limit(2).sum());
    }

    @Test
    void find_first_after_a_filter_stops_at_the_first_element_that_passes() {
        check((x, log) -> Arrays.stream(x).map(v -> {
            log.add(1);
            return v * x[0];
        }).filter(v -> {
            log.add(2);
            return v > 0.8;
        }).findFirst().orElse(0));
    }

    @Test
    void a_side_effect_before_any_match_sees_only_the_elements_up_to_the_match() {
        check((x, log) -> {
            double[] seen = {0};
            boolean any = Arrays.stream(x).peek(v -> {
                log.add(1);
                seen[0] += v * v;
            }).anyMatch(v -> v > 2);
            return seen[0] + (any ? x[4] : 0);
        });
        check((x, log) -> {
            double[] seen = {0};
            boolean all = Arrays.stream(x).peek(v -> seen[0] += Math.sin(v)).allMatch(v -> {
                log.add(2);
                return v < 1.5;
            });
            return seen[0] + (all ? 0 : x[1]);
        });
    }

    @Test
    void take_while_and_drop_while_test_as_far_as_the_jdk_tests() {
        check((x, log) -> {
            double[] seen = {0};
            double taken = Arrays.stream(x).peek(v -> seen[0] += v).takeWhile(v -> {
                log.add(1);
                return v < 2;
            }).sum();
            return taken * seen[0];
        });
        check((x, log) -> Arrays.stream(x).dropWhile(v -> {
            log.add(2);
            return v < 2;
        }).peek(v -> log.add(3)).map(v -> v * v).sum());
    }

    @Test
    void an_index_stream_maps_only_the_indices_it_is_asked_for() {
        check((x, log) -> IntStream.range(0, x.length).mapToDouble(i -> {
            log.add(i);
            return x[i] * x[i];
        }).limit(3).sum());
    }

    @Test
    void an_iteration_computes_only_the_elements_it_is_asked_for() {
        check((x, log) -> DoubleStream.iterate(x[0], v -> v < 100, v -> {
            log.add(1);
            return v * x[1];
        }).limit(3).sum());
    }

    @Test
    void flat_map_pulls_the_inner_elements_as_far_as_the_limit() {
        check((x, log) -> Arrays.stream(x).flatMap(v -> DoubleStream.of(v, v * v).peek(w -> log.add(1)))
                .limit(3).sum());
    }

    @Test
    void sorted_sees_every_element_and_passes_on_only_those_wanted() {
        check((x, log) -> Arrays.stream(x).peek(v -> log.add(1)).sorted().peek(v -> log.add(2)).limit(2)
                .reduce(1, (a, b) -> a * b));
    }

    @Test
    void concat_pulls_the_second_stream_only_when_the_first_runs_out() {
        check((x, log) -> DoubleStream.concat(Arrays.stream(x).peek(v -> log.add(1)),
                Arrays.stream(x).peek(v -> log.add(2)).map(v -> v * v)).limit(x.length + 1).sum());
    }

    @Test
    void an_iterator_pulls_one_element_at_a_time() {
        check((x, log) -> {
            PrimitiveIterator.OfDouble it = Arrays.stream(x).peek(v -> log.add(1)).map(v -> v * v).iterator();
            return it.nextDouble() + 3 * it.nextDouble();
        });
    }

    @Test
    void a_count_the_jdk_knows_runs_no_lambda_and_one_it_does_not_runs_them() {
        check((x, log) -> x[0] * Arrays.stream(x).peek(v -> log.add(1)).map(v -> v * v).limit(3).count());
        check((x, log) -> x[1] * Arrays.stream(x).peek(v -> log.add(2)).filter(v -> v > 1).count());
    }

    @Test
    void a_stream_used_twice_throws_as_the_jdks_does() {
        MultivariateFunction twice = x -> {
            DoubleStream s = Arrays.stream(x).map(v -> v * v);
            double a = s.sum();
            return a + s.sum();
        };
        assertThrows(IllegalStateException.class, () -> twice.apply(X.clone()));
        assertThrows(IllegalStateException.class, () -> AD.gradient(twice, X.clone()));
    }
}
