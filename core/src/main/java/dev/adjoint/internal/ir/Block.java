package dev.adjoint.internal.ir;

import java.util.ArrayList;
import java.util.List;

/** A basic block of a method: a run of instructions entered only at the top and left only at the bottom. */
public final class Block {

    final int id;
    final int first;
    int last;
    boolean reachable;
    boolean handlerEntry;
    final List<Block> successors = new ArrayList<>(2);
    final List<Block> predecessors = new ArrayList<>(2);
    final List<Block> handlers = new ArrayList<>(1);

    Block(int id, int first) {
        this.id = id;
        this.first = first;
    }

    /** @return the position of this block in the method, from 0 */
    public int id() {
        return id;
    }

    /** @return the index of the first node (possibly a label) */
    public int first() {
        return first;
    }

    /** @return the index of the last node */
    public int last() {
        return last;
    }

    /** @return whether any execution reaches this block */
    public boolean reachable() {
        return reachable;
    }

    /** @return whether this block starts an exception handler */
    public boolean handlerEntry() {
        return handlerEntry;
    }

    /** @return the blocks that normal control flow can reach from the end of this one */
    public List<Block> successors() {
        return successors;
    }

    /** @return the blocks from which normal control flow reaches this one */
    public List<Block> predecessors() {
        return predecessors;
    }

    /** @return the handlers that an exception inside this block can reach */
    public List<Block> handlers() {
        return handlers;
    }

    @Override
    public String toString() {
        return "B" + id;
    }
}
