package dev.adjoint.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.NotDifferentiableException;

/**
 * {@link DoubleSummaryStatistics}, made directly, by {@code DoubleStream.summaryStatistics()} and by
 * {@code Collectors.summarizingDouble}: the gradient of each statistic against its analytic derivative (the sum
 * has 1 in every component, the average 1/n, the maximum and minimum 1 at the element they pick), in reverse mode
 * and in forward mode along each axis, and the value equal to the JDK's bit for bit.
 */
class SummaryStatisticsTest {

    /** The maximum is x[2], the minimum x[1]. */
    private static final double[] X = {0.7, -1.3, 2.1, 0.4, 1e-17, 3e5};

    private static final double[] Y = {0.7, -1.3, 2.1, 0.4};

    /** Value bit for bit against the JDK's, gradient in both modes against {@code expected}. */
    private static void check(MultivariateFunction f, double[] x, double[] expected) {
        assertEquals(f.apply(x.clone()), AD.valueAndGradient(f, x.clone()).value(), 0.0, "value");
        assertArrayEquals(expected, AD.gradient(f, x.clone()), 1e-15, "reverse");
        for (int i = 0; i < x.length; i++) {
            double[] axis = new double[x.length];
            axis[i] = 1;
            assertEquals(expected[i], AD.jvp(f, x.clone(), axis), 1e-15, "forward, component " + i);
        }
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    private static double[] unit(int n, int i) {
        double[] a = new double[n];
        a[i] = 1;
        return a;
    }

    private static DoubleSummaryStatistics accepted(double[] x) {
        DoubleSummaryStatistics s = new DoubleSummaryStatistics();
        for (double v : x) {
            s.accept(v);
        }
        return s;
    }

    @Test
    void accepted_values_give_the_derivatives_of_sum_average_maximum_and_minimum() {
        int n = X.length;
        check(x -> accepted(x).getSum(), X, filled(n, 1));
        check(x -> accepted(x).getAverage(), X, filled(n, 1.0 / n));
        check(x -> accepted(x).getMax(), X, unit(n, 5));
        check(x -> accepted(x).getMin(), X, unit(n, 1));
        double[] countTimesFirst = unit(n, 0);
        countTimesFirst[0] = n;
        check(x -> accepted(x).getCount() * x[0], X, countTimesFirst);
    }

    @Test
    void combined_statistics_add_the_parts() {
        MultivariateFunction f = x -> {
            DoubleSummaryStatistics a = accepted(Arrays.copyOfRange(x, 0, 3));
            a.combine(accepted(Arrays.copyOfRange(x, 3, x.length)));
            return a.getSum() + a.getMax();
        };
        double[] expected = filled(X.length, 1);
        expected[5] = 2;
        check(f, X, expected);
    }

    @Test
    void a_stream_and_a_collector_summarize_as_the_jdk_does() {
        int n = Y.length;
        check(x -> Arrays.stream(x).map(v -> 2 * v).summaryStatistics().getSum(), Y, filled(n, 2));
        check(x -> Arrays.stream(x).summaryStatistics().getMax(), Y, unit(n, 2));
        check(x -> {
            List<Double> l = Arrays.stream(x).boxed().collect(Collectors.toList());
            return l.stream().collect(Collectors.summarizingDouble(v -> v * 3)).getAverage();
        }, Y, filled(n, 3.0 / n));
    }

    @Test
    void a_compensated_sum_equals_the_jdks_bit_for_bit() {
        double[] x = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.pow(10, i % 17 - 8) * (i % 3 - 1);
        }
        check(v -> accepted(v).getSum(), x, filled(x.length, 1));
        MultivariateFunction f = v -> accepted(v).getSum();
        assertEquals(accepted(x).getSum(), AD.valueAndGradient(f, x).value(), 0.0);
    }

    @Test
    void statistics_that_leave_the_function_read_as_the_jdks() {
        DoubleSummaryStatistics[] kept = new DoubleSummaryStatistics[1];
        AD.gradient(x -> {
            kept[0] = accepted(x);
            return kept[0].getSum();
        }, X.clone());
        DoubleSummaryStatistics jdk = accepted(X);
        assertEquals(jdk.getSum(), kept[0].getSum(), 0.0);
        assertEquals(jdk.getCount(), kept[0].getCount());
        assertEquals(jdk.getMax(), kept[0].getMax(), 0.0);
        assertEquals(jdk.toString(), kept[0].toString());
    }

    @Test
    void statistics_made_outside_the_function_are_refused_when_they_receive_a_derivative() {
        DoubleSummaryStatistics outside = new DoubleSummaryStatistics();
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class, () -> AD.gradient(x -> {
            outside.accept(x[0]);
            return x[1];
        }, X.clone()));
        assertTrue(e.getMessage().contains("DoubleSummaryStatistics"), e.getMessage());
        assertEquals(0, outside.getCount());
    }

    @Test
    void statistics_made_from_a_count_minimum_maximum_and_sum_carry_their_derivatives() {
        // 4 earlier values with minimum y0, maximum y2 and sum y0 + y1 + y2, then y3 and 2 y1 accepted
        MultivariateFunction f = y -> {
            DoubleSummaryStatistics s = new DoubleSummaryStatistics(4, y[0], y[2], y[0] + y[1] + y[2]);
            s.accept(y[3]);
            s.accept(2 * y[1]);
            return s.getSum() + 3 * s.getMax() + 5 * s.getMin() + 7 * s.getAverage();
        };
        // the minimum is 2 y1 = -2.6, the maximum y2; the average is the sum over 6
        double[] expected = {1 + 7.0 / 6, 3 + 10 + 21.0 / 6, 1 + 3 + 7.0 / 6, 1 + 7.0 / 6};
        check(f, Y, expected);
    }

    @Test
    void statistics_made_from_numbers_the_jdk_rejects_throw_what_the_jdk_throws() {
        IllegalArgumentException jdk = assertThrows(IllegalArgumentException.class,
                () -> new DoubleSummaryStatistics(2, 1.0, 0.5, 3.0));
        IllegalArgumentException differentiated = assertThrows(IllegalArgumentException.class,
                () -> AD.gradient(y -> new DoubleSummaryStatistics(2, y[0], y[1], y[2]).getSum(),
                        new double[] {1.0, 0.5, 3.0}));
        assertEquals(jdk.getMessage(), differentiated.getMessage());
    }

    @Test
    void statistics_made_outside_the_function_are_refused_naming_the_call_and_a_way_that_works() {
        DoubleSummaryStatistics outside = new DoubleSummaryStatistics();
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class, () -> AD.gradient(x -> {
            outside.accept(x[0] * x[1]);
            return outside.getSum();
        }, X.clone()));
        assertTrue(e.getMessage().contains("DoubleSummaryStatistics.accept"), e.getMessage());
        assertTrue(e.getMessage().contains("SummaryStatisticsTest"), e.getMessage());
        assertEquals(0, outside.getCount());
        // the way forward: statistics made inside, combined with the outside ones, which carry no derivative
        DoubleSummaryStatistics before = accepted(new double[] {1.5, 2.5});
        double[] g = AD.gradient(x -> {
            DoubleSummaryStatistics s = new DoubleSummaryStatistics();
            s.combine(before);
            s.accept(x[0] * x[1]);
            return s.getAverage();
        }, X.clone());
        double[] expected = new double[X.length];
        expected[0] = X[1] / 3;
        expected[1] = X[0] / 3;
        assertArrayEquals(expected, g, 1e-15);
    }

    @Test
    void statistics_that_carry_derivatives_given_to_statistics_made_outside_are_refused() {
        DoubleSummaryStatistics outside = new DoubleSummaryStatistics();
        assertThrows(NotDifferentiableException.class, () -> AD.gradient(x -> {
            DoubleSummaryStatistics s = new DoubleSummaryStatistics();
            s.accept(x[0]);
            outside.combine(s);
            return outside.getSum();
        }, X.clone()));
    }
}
