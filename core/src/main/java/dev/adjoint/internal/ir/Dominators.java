package dev.adjoint.internal.ir;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;

/**
 * Which blocks dominate which, over normal control flow from the entry (handlers are reached only by exceptions and
 * have no dominators here). Computed by the classic iterative data-flow over bit sets: methods have tens of blocks,
 * where this is as fast as anything cleverer.
 */
public final class Dominators {

    private final BitSet[] dom;

    private Dominators(BitSet[] dom) {
        this.dom = dom;
    }

    /** @param blocks a method's blocks, the entry first */
    public static Dominators of(List<Block> blocks) {
        int n = blocks.size();
        BitSet[] dom = new BitSet[n];
        BitSet reach = new BitSet();
        ArrayDeque<Block> work = new ArrayDeque<>();
        if (n == 0 || !blocks.get(0).reachable()) {
            return new Dominators(dom);
        }
        work.add(blocks.get(0));
        while (!work.isEmpty()) {
            Block b = work.poll();
            if (reach.get(b.id())) {
                continue;
            }
            reach.set(b.id());
            work.addAll(b.successors());
        }
        for (int b = reach.nextSetBit(0); b >= 0; b = reach.nextSetBit(b + 1)) {
            dom[b] = (BitSet) reach.clone();
        }
        dom[0] = new BitSet();
        dom[0].set(0);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int b = reach.nextSetBit(1); b >= 0; b = reach.nextSetBit(b + 1)) {
                BitSet d = (BitSet) reach.clone();
                for (Block p : blocks.get(b).predecessors()) {
                    if (dom[p.id()] != null) {
                        d.and(dom[p.id()]);
                    }
                }
                d.set(b);
                if (!d.equals(dom[b])) {
                    dom[b] = d;
                    changed = true;
                }
            }
        }
        return new Dominators(dom);
    }

    /** @return whether block {@code b} is reached from the entry by normal control flow */
    public boolean reachesFromEntry(int b) {
        return dom[b] != null;
    }

    /** @return whether every normal path from the entry to block {@code b} passes through block {@code a} */
    public boolean dominates(int a, int b) {
        return dom[b] != null && dom[b].get(a);
    }

    /**
     * The body of the natural loop of a back edge {@code latch -> header}: the header and every block that reaches
     * the latch without passing through the header.
     *
     * @param blocks the method's blocks
     * @return the body's block ids
     */
    public static BitSet naturalLoop(List<Block> blocks, int header, int latch) {
        BitSet body = new BitSet();
        body.set(header);
        ArrayDeque<Integer> work = new ArrayDeque<>();
        work.add(latch);
        while (!work.isEmpty()) {
            int b = work.poll();
            if (body.get(b)) {
                continue;
            }
            body.set(b);
            for (Block p : blocks.get(b).predecessors()) {
                work.add(p.id());
            }
        }
        return body;
    }
}
