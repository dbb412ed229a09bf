package dev.adjoint.internal.adjoint;

import java.util.List;

/**
 * What the augmented primal of a method records for its pullback, as statements: per reachable block, what it
 * pushes on entry and how it counts the iterations of counted loops; per instruction, what it pushes before the
 * instruction runs and after it completed; per edge that leaves counted loops, their counts; and where an
 * exception leaves the method, what the unwinding pullback will need ({@code unwinding}). Built from the plan by
 * {@link AugmentedPrimalBuilder}; lowered by {@code reverse.AugmentedPrimalEmitter} and printed by {@code ad show},
 * so the listing cannot say the tape holds something the generated code does not push.
 *
 * @param countedLoops how many counted loops the plan has, each with a counter (used only when its count is taped)
 */
public record AugmentedPrimal(List<RecordedBlock> blocks, int countedLoops, List<TapePush> unwinding) {

    /**
     * A reachable block of the primal: {@code onEntry} pushed at its top (where an exception was thrown, which
     * block came before), then its {@code counting}, then, when {@code namesItself}, it becomes the block that
     * comes before for its successors; {@code recordings} of its instructions in order; {@code exits}, its edges
     * out of counted loops.
     */
    public record RecordedBlock(int id, List<TapePush> onEntry, List<Counting> counting, boolean namesItself,
            List<Recording> recordings, List<LoopExit> exits) {
    }

    /** A counted loop's counter set to 0 where the loop is entered ({@code starts}), else counted up at its latch. */
    public record Counting(int loop, boolean starts) {
    }

    /** What instruction {@code at} pushes: {@code before} it runs, and {@code after} it completed. */
    public record Recording(int at, List<TapePush> before, List<TapePush> after) {
    }

    /** The edge to block {@code to} leaves counted loops whose counts are taped: {@code counts}, innermost first. */
    public record LoopExit(int to, List<TapePush> counts) {
    }
}
