package dev.adjoint.internal.adjoint;

import java.util.List;

import dev.adjoint.internal.plan.Recovery;

/** Where the pullback goes when a block's statements are done: back to the block control came from. */
public sealed interface Continuation {

    /** The block was entered from the method's entry: the pullback is done. */
    record ToEnd() implements Continuation {
    }

    /** The block has one predecessor. */
    record Goto(Edge edge) implements Continuation {
    }

    /** The augmented primal taped which predecessor came before: one of {@code edges}, in the plan's order. */
    record FromTape(List<Edge> edges) implements Continuation {
    }

    /** An exception handler: back to the instruction that threw, as taped (one of {@code throwers}). */
    record ToThrowSite(List<Integer> throwers) implements Continuation {
    }

    /**
     * A counted loop's header: while iterations remain, one fewer and back through the latch; then the sums of the
     * loop's deferred reads go to their shadows and the pullback leaves the loop the way it was entered.
     */
    record LoopBack(int loop, Edge latch, List<Flush> flushes, Edge entered) implements Continuation {
    }

    /**
     * {@code Δ(array[index]) += sum; sum = 0} for the deferred read {@code at}, when the array was copied on entry
     * (otherwise its reads added to the shadow themselves).
     */
    record Flush(int at, Recovery reference, Recovery index) {
    }
}
