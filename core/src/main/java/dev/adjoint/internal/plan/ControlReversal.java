package dev.adjoint.internal.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.objectweb.asm.Opcodes;

import dev.adjoint.internal.ir.Block;

/**
 * The stage that decides how the pullback walks the blocks backwards: which blocks record where control came from
 * (those with several predecessors, except loop headers, whose iterations are counted), which blocks set the
 * previous block for a successor that records, where the method returns, and which handlers cannot be reversed.
 */
public final class ControlReversal implements Opcodes {

    /** Per block: whether the augmented primal tapes where control came from. */
    final boolean[] records;
    /** Per block: whether it notes itself as the previous block, for a successor that records. */
    final boolean[] setsPrevious;
    /** The blocks that return. */
    final List<Integer> exits = new ArrayList<>();
    /** Per handler block that control also reaches normally: such a handler cannot be reversed. */
    final boolean[] poisonsOnEntry;

    /** @return whether the augmented primal tapes where control came from to block {@code b} */
    public boolean records(int b) {
        return records[b];
    }

    /** @return whether block {@code b} notes itself as the previous block, for a successor that records */
    public boolean setsPrevious(int b) {
        return setsPrevious[b];
    }

    /** @return the blocks that return, in block order */
    public List<Integer> exits() {
        return Collections.unmodifiableList(exits);
    }

    /** @return whether block {@code b} is a handler that control also reaches normally (it cannot be reversed) */
    public boolean poisonsOnEntry(int b) {
        return poisonsOnEntry[b];
    }

    ControlReversal(MethodFacts m, ControlEdges edges, CountedLoops loops) {
        List<Block> blocks = m.flow.blocks();
        this.records = new boolean[blocks.size()];
        this.setsPrevious = new boolean[blocks.size()];
        this.poisonsOnEntry = new boolean[blocks.size()];
        for (Block b : blocks) {
            records[b.id()] = b.reachable() && !b.handlerEntry() && edges.dispatch.get(b.id()).size() >= 2
                    && loops.headedLoop[b.id()] == null;
            // control also reaches this handler without an exception: not reversible (javac never does this)
            poisonsOnEntry[b.id()] = b.reachable() && b.handlerEntry() && !edges.dispatch.get(b.id()).isEmpty();
        }
        for (Block b : blocks) {
            if (!b.reachable()) {
                continue;
            }
            for (Block s : b.successors()) {
                setsPrevious[b.id()] |= records[s.id()];
            }
            int last = m.lastInstruction(b);
            if (last >= 0 && m.opcode(last) >= IRETURN && m.opcode(last) <= RETURN) {
                exits.add(b.id());
            }
        }
    }
}
