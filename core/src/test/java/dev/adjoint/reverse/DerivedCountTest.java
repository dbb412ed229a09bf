package dev.adjoint.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.subjects.IndexedLoops;
import dev.adjoint.testing.Check;

/**
 * Gradients through counted loops whose pullback derives the iteration count from the index (nested loops whose
 * inner index starts from the outer one, a break, a labelled break out of two loops, an index that starts from an
 * array's length, exceptions that cut a loop short or are caught inside it) and through loops that do not qualify,
 * against central differences. AdjointListingTest checks which of them are derived.
 */
class DerivedCountTest {

    private static final double[] X = {0.3, -0.7, 0.6, 0.45, -0.2, 0.8, 0.15, -1.3, 0.6, 0.25, -0.4, 0.9, 0.7, -0.1,
        0.05, 0.7, 0.2, -0.3, 0.35, 0.5};

    private static void agrees(MultivariateFunction f, double[] x) {
        Check.gradient(f, x, 1e-7);
    }

    private static void agrees(MultivariateFunction f) {
        agrees(f, X);
    }

    @Test
    void nested_loops_whose_inner_index_starts_from_the_outer_one() {
        agrees(IndexedLoops::triangular);
    }

    @Test
    void the_hessian_through_nested_derived_loops_matches_differences_of_the_gradient() {
        Check.hessian(IndexedLoops::triangular, X);
    }

    @Test
    void a_break_leaves_the_loop_after_some_iterations_or_none() {
        agrees(IndexedLoops::breaksOut);
        double[] early = X.clone();
        early[6] = 1.5; // breaks at i = 6
        agrees(IndexedLoops::breaksOut, early);
        double[] first = X.clone();
        first[0] = 1.2; // breaks before the first iteration completes
        agrees(IndexedLoops::breaksOut, first);
    }

    @Test
    void a_labelled_break_leaves_two_loops_at_once() {
        agrees(IndexedLoops::leavesTwoLoops);
    }

    @Test
    void an_index_that_starts_from_the_length_of_an_array() {
        agrees(IndexedLoops::fromTheLength);
    }

    @Test
    void loops_that_do_not_qualify_keep_their_taped_counts() {
        agrees(IndexedLoops::stepsByTwo);
        agrees(IndexedLoops::skipsInTheBody);
    }

    @Test
    void an_exception_thrown_in_the_latch_of_a_callees_loop_and_caught_by_the_caller() {
        agrees(IndexedLoops::cutShort);
    }

    @Test
    void exceptions_caught_inside_the_loop() {
        agrees(IndexedLoops::caughtInside);
    }

    @Test
    void a_pullback_applied_twice_gives_the_same_gradient() {
        dev.adjoint.Pullback b = AD.pullback(IndexedLoops::triangular, X);
        double[] once = b.apply(1.0);
        double[] twice = b.apply(2.0);
        for (int i = 0; i < X.length; i++) {
            assertEquals(2 * once[i], twice[i], 1e-12 * Math.max(1, Math.abs(once[i])), "component " + i);
        }
        agrees(p -> IndexedLoops.triangular(p));
    }

    @Test
    void inner_loops_that_start_past_their_bound() {
        agrees(IndexedLoops::startsPastTheBound);
    }

    @Test
    void an_index_read_after_its_loop() {
        agrees(IndexedLoops::indexReadAfter);
    }

    @Test
    void a_bound_written_inside_the_loop() {
        agrees(IndexedLoops::boundWrittenInside);
        double[] shrinking = X.clone();
        shrinking[3] = -1.5;
        shrinking[8] = -1.2;
        agrees(IndexedLoops::boundWrittenInside, shrinking);
    }

    @Test
    void an_index_read_before_its_loop_sets_it_again() {
        agrees(IndexedLoops::indexCarriedOver);
    }

    @Test
    void an_index_only_counting_its_loop_and_set_again_after_it() {
        agrees(IndexedLoops::indexOnlyCounts);
    }
}
