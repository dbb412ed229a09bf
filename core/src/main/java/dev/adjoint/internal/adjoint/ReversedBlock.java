package dev.adjoint.internal.adjoint;

import java.util.List;

/** A block of the primal reversed: the steps of its instructions, last instruction first, then where to go. */
public record ReversedBlock(int id, List<Step> steps, Continuation next) {
}
