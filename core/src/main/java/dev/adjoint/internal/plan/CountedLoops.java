package dev.adjoint.internal.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.ir.Block;
import dev.adjoint.internal.ir.Dominators;

/**
 * The stage that finds the loops whose iterations the augmented primal counts instead of taping where control
 * came from at every iteration ({@link CountedLoop}), and among them the loops whose count the pullback derives
 * from the loop's index, so that nothing is taped for them at all.
 */
public final class CountedLoops implements Opcodes {

    private final MethodFacts m;
    private final ControlEdges edges;
    /** The mirrored locals, with the bounds of the loops whose index the pullback sets where it leaves. */
    final MirroredLocals mirrors;
    /** The counted loops, innermost first where nested. */
    final List<CountedLoop> loops = new ArrayList<>();
    /** Per block: the counted loop it heads, or null. */
    final CountedLoop[] headedLoop;

    /** @return the counted loops, innermost first where nested */
    public List<CountedLoop> loops() {
        return Collections.unmodifiableList(loops);
    }

    /** @return the counted loop block {@code b} heads, or null */
    public CountedLoop headedBy(int b) {
        return headedLoop[b];
    }

    CountedLoops(MethodFacts m, ControlEdges edges, Rematerialization rematerialization) {
        this.m = m;
        this.edges = edges;
        this.mirrors = rematerialization.mirrors;
        this.headedLoop = new CountedLoop[m.flow.blocks().size()];
        findCountedLoops();
        for (CountedLoop loop : loops) {
            findDerivedCount(loop);
        }
        keepIndexOnlyWhereDead();
    }

    /** Finds natural loops that can be counted: one entry, one latch that only jumps back, no handler outside. */
    private void findCountedLoops() {
        List<Block> blocks = m.flow.blocks();
        Dominators dominators = Dominators.of(blocks);
        for (Block h : blocks) {
            List<Integer> from = edges.dispatch.get(h.id());
            if (!h.reachable() || h.handlerEntry() || from.size() != 2 || !dominators.reachesFromEntry(h.id())) {
                continue;
            }
            int latch = -1;
            int entry = -2;
            for (int p : from) {
                if (p >= 0 && dominators.dominates(h.id(), p)) {
                    latch = latch == -1 ? p : -3;
                } else {
                    entry = p;
                }
            }
            if (latch < 0 || entry == -2 || blocks.get(latch).successors().size() != 1) {
                continue;
            }
            CountedLoop loop = new CountedLoop(h.id(), entry, latch);
            loop.body.or(Dominators.naturalLoop(blocks, h.id(), latch));
            if (!handlersInside(loop)) {
                continue;
            }
            headedLoop[h.id()] = loop;
            loops.add(loop);
        }
        loops.sort((a, b) -> Integer.compare(a.body.cardinality(), b.body.cardinality()));
    }

    /** Whether no exception thrown inside the loop can be caught outside it, or the loop can be entered there. */
    private boolean handlersInside(CountedLoop loop) {
        for (int i = 0; i < m.size(); i++) {
            Block b = m.flow.blockOf(i);
            if (b == null || !loop.body.get(b.id()) || !edges.throwers[i]) {
                continue;
            }
            for (Block h : m.flow.handlersOf(i)) {
                if (!loop.body.get(h.id())) {
                    return false;
                }
            }
        }
        for (int b = loop.body.nextSetBit(0); b >= 0; b = loop.body.nextSetBit(b + 1)) {
            if (b == loop.header) {
                continue;
            }
            for (int p : edges.dispatch.get(b)) {
                if (p < 0 || !loop.body.get(p)) {
                    return false; // entered other than through the header
                }
            }
        }
        return true;
    }

    /**
     * Whether the pullback derives the loop's count instead of popping it: the loop's index is a local the pullback
     * mirrors, set in the block that enters the loop to a value the pullback can recompute wherever it reverses the
     * loop, and written inside the loop only by one {@code iinc 1} in the latch, after everything there that may
     * throw. Each iteration then adds one to the index, so wherever control leaves the loop, and wherever an
     * exception cuts it short, the iterations done are the index minus its value on entry. For such a loop the
     * augmented primal neither counts nor tapes.
     */
    private void findDerivedCount(CountedLoop loop) {
        if (loop.entry < 0) {
            return;
        }
        Block latch = m.flow.blocks().get(loop.latch);
        int step = -1;
        for (int i = latch.first(); i <= latch.last(); i++) {
            AbstractInsnNode insn = m.insn(i);
            if (insn.getOpcode() == IINC && ((IincInsnNode) insn).incr == 1) {
                step = i; // the last one
            }
        }
        if (step < 0 || !m.isReachable(step)) {
            return;
        }
        int slot = ((IincInsnNode) m.insn(step)).var;
        int f = mirrors.mirrorOf(slot);
        if (f < 0 || mirrors.frame.get(f).type.getSort() != Type.INT) {
            return;
        }
        boolean ok = true;
        for (int i = step + 1; i <= latch.last(); i++) {
            ok &= !edges.throwers[i];
        }
        for (int i = 0; i < m.size() && ok; i++) {
            ok = i == step || !MethodFacts.writesLocal(m.insn(i), slot) || !m.inside(loop, i);
        }
        if (!ok) {
            return;
        }
        Block entry = m.flow.blocks().get(loop.entry);
        int store = -1;
        for (int i = entry.first(); i <= entry.last(); i++) {
            if (MethodFacts.writesLocal(m.insn(i), slot)) {
                store = m.opcode(i) == ISTORE ? i : -1;
            }
        }
        if (store >= 0 && m.isReachable(store) && loopInvariant(store, 0, loop, entry, false)) {
            loop.index = slot;
            loop.start = store;
            findRebuiltIndex(loop);
        }
    }

    /**
     * A loop with a derived count whose index the pullback also sets, instead of restoring its old value at the
     * store on entry: the loop leaves only through its header, {@code if (index >= bound) goto out} with a bound
     * the pullback can recompute there (a constant, or a local or array length not written inside the loop, which
     * it then mirrors), and the index's old value at the start is not needed ({@link #restoreNeeded}). Where the
     * pullback enters the loop from its exit, the index is the larger of its value on entry and the bound.
     */
    private void findRebuiltIndex(CountedLoop loop) {
        Block header = m.flow.blocks().get(loop.header);
        for (int b = loop.body.nextSetBit(0); b >= 0; b = loop.body.nextSetBit(b + 1)) {
            for (Block s : m.flow.blocks().get(b).successors()) {
                if (!loop.body.get(s.id()) && b != loop.header) {
                    return;
                }
            }
        }
        int jump = m.lastInstruction(header);
        if (jump < 0 || m.opcode(jump) != IF_ICMPGE || header.successors().size() != 2) {
            return;
        }
        int iv = m.soleProducer(jump, 0);
        if (iv < 0 || m.opcode(iv) != ILOAD || ((VarInsnNode) m.insn(iv)).var != loop.index
                || m.flow.blockOf(iv) != header) {
            return;
        }
        Block out = m.flow.blockOf(m.flow.indexOf(((JumpInsnNode) m.insn(jump)).label));
        if (out == null || loop.body.get(out.id())) {
            return; // the jump must be the way out, the fall-through the way in
        }
        if (!loopInvariant(jump, 1, loop, header, true)) {
            return;
        }
        mirrors.mirrorReads(jump, 1);
        loop.exit = jump;
    }

    /**
     * Whether operand {@code k} of instruction {@code i}, in {@code block} (the loop's entry or header), can be
     * recomputed by the pullback wherever it reverses the loop: integer arithmetic on constants, locals and array
     * lengths, where no local it reads is the loop's index or is written after the read in the block or anywhere
     * inside the loop. The locals must be mirrored already, or, with {@code mirrorNew}, be ones that can be.
     */
    private boolean loopInvariant(int i, int k, CountedLoop loop, Block block, boolean mirrorNew) {
        return m.intArithmetic(i, k, block, 0, p -> {
            AbstractInsnNode insn = m.insn(p);
            int slot = ((VarInsnNode) insn).var;
            boolean isInt = insn.getOpcode() == ILOAD;
            int f = mirrors.mirrorOf(slot);
            boolean mirrored = mirrorNew ? mirrors.mirrorable(slot, isInt ? 'I' : 'A')
                    : f >= 0 && (mirrors.frame.get(f).type.getSort() == Type.INT) == isInt;
            if (!mirrored || slot == loop.index || m.writtenBetween(slot, p, block.last() + 1)) {
                return false;
            }
            for (int j = 0; j < m.size(); j++) {
                if (MethodFacts.writesLocal(m.insn(j), slot) && m.inside(loop, j)) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * A loop whose index the pullback sets where it leaves needs the old value at the start to be dead; the
     * deadness of one start may rest on another loop's setting its index, so iterate down to a fixpoint.
     */
    private void keepIndexOnlyWhereDead() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (CountedLoop loop : loops) {
                if (loop.exit >= 0 && restoreNeeded(loop.start)) {
                    loop.exit = -1;
                    changed = true;
                }
            }
        }
    }

    /**
     * Whether the pullback needs the old value of the mirrored local that instruction {@code s} stores: whether,
     * walking the method backwards from {@code s} (the way the pullback runs after it), the local is read before
     * another store to it or the method's entry. A read is an instruction that loads the local, or the exit of a
     * loop whose count the pullback derives from it there; the exit of a loop whose index the pullback sets there
     * (see {@link CountedLoop#exit}) ends the walk instead. An exception handler is walked back into the
     * instructions whose exceptions it catches, as the pullback resumes there. An increment is walked through: its
     * undoing yields only what earlier reads would see.
     */
    boolean restoreNeeded(int s) {
        int slot = ((VarInsnNode) m.insn(s)).var;
        BitSet walked = new BitSet();
        ArrayDeque<int[]> work = new ArrayDeque<>(); // {block, instruction to walk back from}
        work.add(new int[] {m.flow.blockOf(s).id(), s - 1});
        while (!work.isEmpty()) {
            int[] w = work.poll();
            Block b = m.flow.blocks().get(w[0]);
            boolean killed = false;
            for (int i = w[1]; i >= b.first() && !killed; i--) {
                AbstractInsnNode insn = m.insn(i);
                int op = insn.getOpcode();
                if (!m.isReachable(i)) {
                    continue;
                }
                if ((op == ILOAD || op == ALOAD) && ((VarInsnNode) insn).var == slot) {
                    return true;
                }
                killed = (op == ISTORE || op == ASTORE) && ((VarInsnNode) insn).var == slot;
            }
            if (killed) {
                continue;
            }
            if (b.handlerEntry()) {
                for (int t : edges.handlerThrowers.getOrDefault(b.id(), List.of())) {
                    work.add(new int[] {m.flow.blockOf(t).id(), t});
                }
                continue;
            }
            for (Block p : b.predecessors()) {
                CountedLoop left = derivedLoopLeft(p.id(), b.id(), slot);
                if (left != null && left.exit < 0) {
                    return true; // the count is derived from the index here
                }
                if (left != null || walked.get(p.id())) {
                    continue;
                }
                walked.set(p.id());
                work.add(new int[] {p.id(), p.last()});
            }
        }
        return false;
    }

    /** The loop with a derived count from {@code slot} that the edge leaves, or null. */
    private CountedLoop derivedLoopLeft(int from, int to, int slot) {
        for (CountedLoop l : loops) {
            if (l.derived() && l.index == slot && l.body.get(from) && !l.body.get(to)) {
                return l;
            }
        }
        return null;
    }
}
