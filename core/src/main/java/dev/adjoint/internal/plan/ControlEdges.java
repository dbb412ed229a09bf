package dev.adjoint.internal.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.adjoint.internal.ir.Block;

/**
 * The control flow the pullback transposes: per block, where control can come from (the method entry, its
 * predecessors), and per instruction, whether it may throw and which handlers may catch it. The pullback of a
 * block goes back to the block control came from; an exception is reversed from the instruction that threw.
 */
public final class ControlEdges {

    /** The method's entry, among the blocks control can come from. */
    static final int ENTRY = -1;

    /** Per block: the blocks control can come from, {@link #ENTRY} for the method entry. */
    final List<List<Integer>> dispatch = new ArrayList<>();
    /** Per instruction: whether it may throw (its position is recorded so the pullback can resume before it). */
    final boolean[] throwers;
    /** Per handler block: the instructions whose exceptions it may catch. */
    final Map<Integer, List<Integer>> handlerThrowers = new LinkedHashMap<>();

    /** @return the blocks control can come from to block {@code b}, {@link #ENTRY} for the method entry */
    public List<Integer> from(int b) {
        return Collections.unmodifiableList(dispatch.get(b));
    }

    /** @return whether instruction {@code i} may throw */
    public boolean mayThrow(int i) {
        return throwers[i];
    }

    /** @return whether any instruction may throw */
    public boolean anyThrows() {
        for (boolean t : throwers) {
            if (t) {
                return true;
            }
        }
        return false;
    }

    /** @return the instructions whose exceptions handler block {@code b} may catch, in instruction order */
    public List<Integer> caughtBy(int b) {
        return Collections.unmodifiableList(handlerThrowers.getOrDefault(b, List.of()));
    }

    /** @return whether some handler of the method may catch an exception of instruction {@code i} */
    public boolean isCaught(int i) {
        for (List<Integer> caught : handlerThrowers.values()) {
            if (caught.contains(i)) {
                return true;
            }
        }
        return false;
    }

    ControlEdges(MethodFacts m) {
        List<Block> blocks = m.flow.blocks();
        for (int b = 0; b < blocks.size(); b++) {
            dispatch.add(new ArrayList<>());
        }
        for (Block b : blocks) {
            if (!b.reachable()) {
                continue;
            }
            if (b.id() == 0) {
                dispatch.get(0).add(ENTRY);
            }
            for (Block p : b.predecessors()) {
                dispatch.get(b.id()).add(p.id());
            }
        }
        this.throwers = new boolean[m.size()];
        for (int i = 0; i < m.size(); i++) {
            if (!m.isReachable(i) || !m.flow.mayThrow(i)) {
                continue;
            }
            throwers[i] = true;
            for (Block h : m.flow.handlersOf(i)) {
                handlerThrowers.computeIfAbsent(h.id(), k -> new ArrayList<>()).add(i);
            }
        }
    }
}
