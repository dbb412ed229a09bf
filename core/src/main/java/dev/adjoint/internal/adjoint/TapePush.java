package dev.adjoint.internal.adjoint;

import java.util.List;

import dev.adjoint.internal.plan.ExpressionTree;

/**
 * One value the augmented primal pushes onto the tape for the pullback, which pops it in reverse order. Each names
 * what is pushed, not where the augmented primal keeps it until then.
 */
public sealed interface TapePush {

    /** Which block control came from, at a block entered from several (an int). */
    record Predecessor() implements TapePush {
    }

    /**
     * At an exception handler, or where an exception leaves the method: {@code 2 * thrower + unwound}, the
     * instruction that threw and whether its callee recorded where the exception left it (an int).
     */
    record ExceptionRecord() implements TapePush {
    }

    /** The value a mirrored local holds before a store overwrites it, which the pullback restores there. */
    record OldValue(int slot, boolean reference) implements TapePush {
    }

    /**
     * The partials of a tree that are not constants (doubles), in {@code order}; those of a group of {@code groups}
     * (indices of its partials that read the same arrays, see {@code DerivativePlan.remat}) only when an array the
     * group reads is neither the frozen input nor copied on entry. {@code remat} is null when every partial is taped.
     */
    record Partials(ExpressionTree tree, int[][] remat, List<int[]> groups, int[] order) implements TapePush {
    }

    /**
     * The reference the pullback reaches a shadow or dispatches through: the object the instruction leaves
     * ({@code result}: a new object, a box), else its first operand (an array, an object, a receiver).
     */
    record Reference(boolean result) implements TapePush {
    }

    /** The index of an array access, its second operand (an int). */
    record Index() implements TapePush {
    }

    /** Where the method returns or an exception leaves it: a value of the frame, read by the pullback. */
    record FrameValue(int entry, int slot, boolean reference) implements TapePush {
    }

    /**
     * After {@link FrameValue}: the copy of the frame's array (entry {@code entry}, in local {@code slot}) taken
     * on entry, or null when none was taken.
     */
    record SnapshotCopy(int entry, int slot) implements TapePush {
    }

    /** At a return, when the method has several: the block it returns from (an int). */
    record WhichReturn(int block) implements TapePush {
    }

    /** The iterations a counted loop ran, where control or an exception leaves it (an int). */
    record LoopCount(int loop) implements TapePush {
    }

    /** Where an exception leaves an instance method: the receiver, for the caller's unwinding pullback. */
    record Receiver() implements TapePush {
    }
}
