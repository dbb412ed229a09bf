package dev.adjoint.internal.adjoint;

import java.util.List;

import dev.adjoint.internal.plan.CountedLoop;
import dev.adjoint.internal.plan.DerivativePlan;

/**
 * A control-flow edge {@code from → to} of the primal, walked backwards by the pullback: to the reverse of block
 * {@code from}, or to the end when {@code from} is the method's entry. Leaving a counted loop's body backwards
 * means entering it from its exit: {@code left} are the loops whose counts are set there, outermost first.
 */
public record Edge(int from, int to, List<CountedLoop> left) {

    public boolean toEnd() {
        return from == DerivativePlan.ENTRY;
    }
}
