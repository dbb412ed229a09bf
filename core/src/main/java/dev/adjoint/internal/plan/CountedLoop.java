package dev.adjoint.internal.plan;

/**
 * A loop whose header is entered from one block outside and one latch inside: instead of taping where control
 * came from at every iteration, the augmented primal counts the iterations and tapes the count when control
 * leaves the loop; the pullback counts down.
 */
public final class CountedLoop {
    public final int header;
    public final int entry;
    public final int latch;
    public final java.util.BitSet body = new java.util.BitSet();
    /**
     * The local whose value counts the iterations, when the pullback derives the count from it rather than
     * pops it (see {@code CountedLoops}), or -1.
     */
    public int index = -1;
    /** With {@link #index}: the instruction that stores the index's value on entry to the loop. */
    public int start = -1;
    /**
     * With {@link #index}, when the loop leaves only through its header's {@code if (index >= bound)}: that
     * jump, whose bound the pullback recomputes to set the index where it leaves the loop, so that the index's
     * old value at {@link #start} is not taped; -1 otherwise.
     */
    public int exit = -1;

    CountedLoop(int header, int entry, int latch) {
        this.header = header;
        this.entry = entry;
        this.latch = latch;
    }

    /** @return whether the pullback derives the count from the index instead of popping it */
    public boolean derived() {
        return index >= 0;
    }
}
