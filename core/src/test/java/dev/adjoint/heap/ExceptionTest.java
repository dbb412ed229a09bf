package dev.adjoint.heap;

import static dev.adjoint.testing.Check.analytic;
import static dev.adjoint.testing.Check.finiteDifference;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.adjoint.AD;
import dev.adjoint.NotDifferentiableException;
import dev.adjoint.subjects.Exceptional;

class ExceptionTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.2, 0.9, 1.6})
    void a_callee_that_wrote_the_heap_before_throwing_is_reversed_up_to_the_throw(double x) {
        finiteDifference(Exceptional::caughtAfterHeapWrites, x);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.2})
    void exceptions_caught_in_a_loop_with_finally(double x) {
        finiteDifference(Exceptional::caughtInLoop, x);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.7, 0.4, 1.3})
    void an_exception_that_cuts_a_callees_loop_short_is_reversed_from_where_it_left(double x) {
        // s = x + 0.5 x² + x · (2x)² + 1.5 (x²)², the fourth product never made
        analytic(Exceptional::cutShortInACalleesLoop, x, 1 + x + 12 * x * x + 6 * x * x * x, 1e-13);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.7, 0.4})
    void locals_assigned_before_the_throw_keep_their_derivatives(double x) {
        // y = x^2 + x, z = 3x^2
        double y = x * x + x;
        double z = 3 * x * x;
        analytic(Exceptional::localsAssignedBeforeTheThrow, x, (2 * x + 1) * z + y * 6 * x, 1e-14);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.8})
    void an_exception_caught_two_levels_up_carries_a_derivative_in_its_field(double x) {
        finiteDifference(Exceptional::caughtTwoLevelsUp, x);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.2, 0.7})
    void a_virtual_call_that_throws_is_unwound_through_its_receiver(double x) {
        double expected = x > 0.5 ? 2 * 2 * x + 5 : 2 * 2 * x + 1;
        analytic(Exceptional::virtualCallThatThrows, x, expected, 1e-14);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1.5})
    void a_constructor_that_throws(double x) {
        analytic(Exceptional::constructorThatThrows, x, x > 1 ? x : 4 * x, 1e-14);
    }

    @Test
    void a_refusal_caught_by_the_function_still_fails_the_gradient() {
        assertThrows(NotDifferentiableException.class, () -> AD.gradient(Exceptional::swallowsARefusal, 1.5));
    }
}
