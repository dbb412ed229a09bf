package dev.adjoint.reverse;

import static dev.adjoint.testing.Check.analytic;
import static dev.adjoint.testing.Check.finiteDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.adjoint.AD;
import dev.adjoint.subjects.Arithmetic;

class ArithmeticTest {

    @ParameterizedTest
    @ValueSource(doubles = {-2.5, -0.3, 0.0, 0.7, 3.1})
    void polynomial_matches_its_analytic_derivative(double x) {
        analytic(Arithmetic::polynomial, x, 9 * x * x - 4 * x + 1, 1e-14);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2.5, 0.7, 1.9, 5.5})
    void quotients_match_the_quotient_rule(double x) {
        double expected = (2 * x * (x - 3) - (x * x + 1)) / ((x - 3) * (x - 3)) + 1 / (x * x);
        analytic(Arithmetic::quotient, x, expected, 1e-13);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.4, 1.3, 2.2, 7.9})
    void remainder_has_the_derivative_of_truncating_division(double x) {
        double expected = 7.5 - (int) (3.0 / x);
        analytic(Arithmetic::remainder, x, expected, 1e-12);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.5, 0.5, 2.0})
    void negation_gives_three_x_squared(double x) {
        analytic(Arithmetic::negation, x, 3 * x * x, 1e-14);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.7, 4.2})
    void float_arithmetic_is_differentiated_through_the_conversions(double x) {
        float f = (float) x;
        double g = f * (double) f + 2.5 * f;
        double dg = 2 * (double) f + 2.5;
        double dh = -(dg * (f + 3.0) - g) / ((f + 3.0) * (f + 3.0));
        double h = -g / (f + 3.0);
        analytic(Arithmetic::viaFloat, x, dh * f + h + dh, 1e-5);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.35, 1.55, 2.72})
    void casts_to_integer_types_have_derivative_zero(double x) {
        double back = (int) x + (long) (x * 10) * 0.5;
        analytic(Arithmetic::truncations, x, back + 1, 1e-14);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.25, 0.5, 2.0})
    void integer_operands_of_every_width_scale_the_derivative(double x) {
        analytic(Arithmetic::integerMix, x, 3 + 5 - 4 * x + (x > 0 ? 1 : 2), 1e-14);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.5, 1.5, 3.0})
    void a_local_reassigned_inside_an_expression_is_read_before_the_store(double x) {
        analytic(Arithmetic::reassigned, x, (2 * x + 1) * (x + 1) + (x * x + x), 1e-14);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.5, 1.5})
    void chained_assignment_duplicates_the_value(double x) {
        analytic(Arithmetic::chained, x, 8 * x + 2, 1e-14);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.5, 1.5})
    void constant_and_overwritten_results_have_derivative_zero(double x) {
        assertEquals(0.0, AD.gradient(Arithmetic::constantResult, x));
        assertEquals(0.0, AD.gradient(Arithmetic::overwrittenInput, x));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-3.0, 0.25, 2.5})
    void lambdas_over_the_same_code_agree_with_central_differences(double x) {
        finiteDifference(v -> Arithmetic.polynomial(v) * Arithmetic.quotient(v), x);
    }
}
