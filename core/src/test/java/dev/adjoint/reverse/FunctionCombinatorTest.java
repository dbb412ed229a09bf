package dev.adjoint.reverse;

import static dev.adjoint.testing.Check.analytic;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.DoublePredicate;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.ScalarFunction;

/**
 * Functions combined in the function with the default and static methods of {@code java.util.function}
 * ({@code andThen}, {@code compose}, {@code identity}, {@code and}, {@code negate}, {@code not}, {@code minBy}):
 * the combined function's derivative is that of its parts, in reverse, forward and second-order mode. Oracles:
 * analytic derivatives.
 */
class FunctionCombinatorTest {

    private static void both(ScalarFunction f, double x, double expected) {
        analytic(f, x, expected, 1e-13);
        assertEquals(expected, AD.derivative(f, x), 1e-13 * Math.max(1, Math.abs(expected)), "forward mode");
    }

    @Test
    void a_function_composed_with_and_then_and_compose_is_differentiated_through_each_part() {
        // (x + 1)^2 / 2, d/dx = x + 1
        both(x -> {
            Function<Double, Double> square = t -> t * t;
            return square.andThen(t -> t / 2).compose((Double t) -> t + 1).apply(x);
        }, 0.7, 1.7);
        // sin(x^3) + (2x)^3
        both(x -> {
            DoubleUnaryOperator cube = t -> t * t * t;
            return cube.andThen(Math::sin).applyAsDouble(x) + cube.compose(t -> 2 * t).applyAsDouble(x);
        }, 0.7, Math.cos(0.343) * 3 * 0.49 + 24 * 0.49);
    }

    @Test
    void operators_and_bifunctions_combined_with_and_then_keep_the_captured_values_derivatives() {
        // (x y)^2 with y = 3x: 9 x^4, d/dx = 36 x^3
        both(x -> {
            BiFunction<Double, Double, Double> product = (a, b) -> a * b;
            return product.andThen(t -> t * t).apply(x, 3 * x);
        }, 0.7, 36 * 0.343);
        both(x -> {
            UnaryOperator<Double> scale = t -> t * x;
            BinaryOperator<Double> sum = Double::sum;
            return scale.andThen(t -> t + 1).apply(x) + sum.andThen(t -> t * x).apply(x, 2.0);
        }, 0.7, 2 * 0.7 + 2 * 0.7 + 2);
    }

    @Test
    void identities_predicates_and_min_by_pass_each_element_with_its_derivative() {
        // the elements x, x^2, -x that are positive and below 5 / x: x and x^2; x^2 + x^4
        both(x -> {
            Predicate<Double> positive = t -> t > 0;
            Predicate<Double> outside = positive.and(t -> t * x < 5).negate();
            return Stream.of(x, x * x, -x).map(Function.identity()).map(UnaryOperator.<Double>identity())
                    .filter(Predicate.not(outside)).mapToDouble(t -> t * t).sum();
        }, 0.7, 2 * 0.7 + 4 * 0.343);
        both(x -> Stream.of(x + 1, x * x, 3.0).reduce(BinaryOperator.minBy(Comparator.naturalOrder())).get(), 0.7,
                2 * 0.7);
        DoublePredicate small = t -> t < 1;
        both(x -> small.negate().or(t -> t < 0.5).test(x) ? x : x * x, 0.7, 2 * 0.7);
    }

    @Test
    void consumers_chained_with_and_then_accumulate_with_their_derivatives() {
        both(x -> {
            double[] s = new double[1];
            Consumer<Double> add = t -> s[0] += t;
            add.andThen(t -> s[0] += t * t).andThen(List.of()::equals).accept(x);
            return s[0];
        }, 0.7, 1 + 2 * 0.7);
    }

    @Test
    void the_hessian_through_a_composed_function_is_that_of_its_parts() {
        // exp(x^2 y)
        double x = 0.7;
        double y = 0.3;
        double e = Math.exp(x * x * y);
        double[][] h = AD.hessian(v -> {
            DoubleUnaryOperator f = t -> t * t * v[1];
            return f.andThen(Math::exp).applyAsDouble(v[0]);
        }, new double[] {x, y});
        assertArrayEquals(new double[] {e * (2 * y + 4 * x * x * y * y), e * (2 * x + 2 * x * x * x * y)}, h[0],
                1e-13);
    }
}
