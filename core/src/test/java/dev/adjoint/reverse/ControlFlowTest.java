package dev.adjoint.reverse;

import static dev.adjoint.testing.Check.analytic;
import static dev.adjoint.testing.Check.finiteDifference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.adjoint.subjects.Control;

class ControlFlowTest {

    @ParameterizedTest
    @ValueSource(doubles = {-2.0, -0.5, 0.5, 3.0})
    void if_else_chains_follow_the_taken_branch(double x) {
        double expected = x > 1 ? 4 * x : x > -1 ? 2 * Math.cos(x) : -2;
        analytic(Control::branches, x, expected, 1e-14);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2.0, 0.5, 12.0})
    void ternaries_leave_values_on_the_stack_across_blocks(double x) {
        double abs = Math.abs(x);
        double expected = 3 * abs + 3 * x * Math.signum(x) + (x < 10 ? Math.exp(x) : 1);
        analytic(Control::ternary, x, expected, 1e-13);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1.5, 2.5})
    void table_switches_in_a_loop(double x) {
        // s = ((x + x^2) * x - cos x) / x
        double s1 = x + x * x;
        double expected = ((1 + 2 * x) * x + s1 + Math.sin(x)) / x - (s1 * x - Math.cos(x)) / (x * x);
        analytic(Control::tableSwitch, x, expected, 1e-13);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-50.0, 1.23, 700.0, 0.5})
    void lookup_switches_select_by_a_truncated_key(double x) {
        int key = (int) (x * 100);
        double expected = key == -5000 ? 1 : key == 123 ? 3 * x * x : key == 70000 ? -1 / (x * x)
                : 1.5 * Math.sqrt(x);
        analytic(Control::lookupSwitch, x, expected, 1e-12);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 3.0, 20.0})
    void while_loops_with_data_dependent_trip_counts(double x) {
        finiteDifference(Control::whileLoop, x);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 9.0, 31.0})
    void do_while_loops_converge_to_the_derivative_of_the_fixed_point(double x) {
        analytic(Control::doWhile, x, 1 / Math.sqrt(1 + 4 * x), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.25, 2.0, 1e4})
    void newton_iteration_for_the_square_root_gives_its_derivative(double a) {
        analytic(Control::newton, a, 0.5 / Math.sqrt(a), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 2.0})
    void break_and_continue(double x) {
        finiteDifference(Control::breakContinue, x);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1.3})
    void nested_loops(double x) {
        double expected = 0;
        for (int i = 1; i <= 4; i++) {
            for (int j = 1; j <= i; j++) {
                expected += j * Math.pow(x, j - 1) / i;
            }
        }
        analytic(Control::nestedLoops, x, expected, 1e-13);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, 0.5, 2.0})
    void early_returns(double x) {
        double expected = x < 0 ? 2 * x : 2 * x > 3 ? 24 * x * x : 2 / (1 + 2 * x);
        analytic(Control::earlyReturns, x, expected, 1e-13);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.2, 0.7, 1.5, 3.5})
    void comparisons_of_every_type_only_steer(double x) {
        finiteDifference(Control::comparisons, x);
    }
}
