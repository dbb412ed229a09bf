package dev.adjoint.internal.adjoint;

import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.adjoint.AugmentedPrimal.Counting;
import dev.adjoint.internal.adjoint.AugmentedPrimal.LoopExit;
import dev.adjoint.internal.adjoint.AugmentedPrimal.RecordedBlock;
import dev.adjoint.internal.adjoint.AugmentedPrimal.Recording;
import dev.adjoint.internal.ir.Block;
import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.internal.plan.CountedLoop;
import dev.adjoint.internal.plan.DerivativePlan;
import dev.adjoint.internal.plan.ExpressionTree;
import dev.adjoint.internal.plan.Frame;
import dev.adjoint.internal.plan.FrameValue;
import dev.adjoint.internal.plan.Recovery;
import dev.adjoint.internal.plan.Role;

/**
 * Builds the {@link AugmentedPrimal} of a method from its plan: what each block, instruction, loop exit and the
 * way out by an exception push onto the tape, in the order they push it. Every decision about what the tape holds
 * is made here; the pullback ({@link PullbackBuilder}) pops the same values in reverse.
 */
public final class AugmentedPrimalBuilder implements Opcodes {

    private final DerivativePlan plan;
    private final MethodFlow flow;

    private AugmentedPrimalBuilder(DerivativePlan plan) {
        this.plan = plan;
        this.flow = plan.flow;
    }

    public static AugmentedPrimal build(DerivativePlan plan) {
        return new AugmentedPrimalBuilder(plan).augmentedPrimal();
    }

    private AugmentedPrimal augmentedPrimal() {
        List<RecordedBlock> blocks = new ArrayList<>();
        for (Block b : flow.blocks()) {
            if (b.reachable()) {
                blocks.add(new RecordedBlock(b.id(), onEntry(b), counting(b), plan.reversal().setsPrevious(b.id()),
                        recordings(b), loopExits(b)));
            }
        }
        return new AugmentedPrimal(blocks, plan.countedLoops().loops().size(), unwinding());
    }

    // ---- blocks ----

    /** A handler records which instruction threw; a block entered from several records which one came before. */
    private List<TapePush> onEntry(Block b) {
        List<TapePush> out = new ArrayList<>();
        if (b.handlerEntry() && !plan.reversal().poisonsOnEntry(b.id())) {
            out.add(new TapePush.ExceptionRecord());
        }
        if (plan.reversal().records(b.id())) {
            out.add(new TapePush.Predecessor());
        }
        return out;
    }

    /** The counters of the loops whose counts are taped: set where a loop is entered, counted at its latch. */
    private List<Counting> counting(Block b) {
        List<Counting> out = new ArrayList<>();
        for (int k = 0; k < plan.countedLoops().loops().size(); k++) {
            CountedLoop loop = plan.countedLoops().loops().get(k);
            if (loop.derived()) {
                continue; // its index counts it
            }
            if (loop.entry == b.id()) {
                out.add(new Counting(k, true));
            }
            if (loop.latch == b.id()) {
                out.add(new Counting(k, false));
            }
        }
        return out;
    }

    /** The edges out of block {@code b} that leave counted loops whose counts are taped, in successor order. */
    private List<LoopExit> loopExits(Block b) {
        List<LoopExit> out = new ArrayList<>();
        for (Block x : b.successors()) {
            List<TapePush> counts = new ArrayList<>();
            for (CountedLoop l : DerivativePlan.taped(plan.loopsLeft(b.id(), x.id()))) {
                counts.add(new TapePush.LoopCount(plan.countedLoops().loops().indexOf(l)));
            }
            if (!counts.isEmpty()) {
                out.add(new LoopExit(x.id(), counts));
            }
        }
        return out;
    }

    // ---- instructions ----

    private List<Recording> recordings(Block b) {
        List<Recording> out = new ArrayList<>();
        for (int i = b.first(); i <= b.last(); i++) {
            if (plan.isReachable(i)) {
                List<TapePush> before = before(i);
                List<TapePush> after = after(i);
                if (!before.isEmpty() || !after.isEmpty()) {
                    out.add(new Recording(i, before, after));
                }
            }
        }
        return out;
    }

    /** Before a store overwrites a mirrored local, its old value; before a return, what the pullback starts from. */
    private List<TapePush> before(int i) {
        List<TapePush> out = new ArrayList<>();
        AbstractInsnNode insn = flow.insn(i);
        int op = insn.getOpcode();
        if (plan.mirrorRestores().at(i) && op != IINC) {
            int slot = ((VarInsnNode) insn).var;
            out.add(new TapePush.OldValue(slot, op != ISTORE));
            if (copiedAt(i, slot)) {
                out.add(new TapePush.SnapshotCopy(plan.frame().entryOf(slot), slot));
            }
        }
        if (op >= IRETURN && op <= RETURN) {
            frame(out);
            if (plan.reversal().exits().size() > 1) {
                out.add(new TapePush.WhichReturn(flow.blockOf(i).id()));
            }
        }
        return out;
    }

    /**
     * Whether store {@code i} into {@code slot} is where the array of a frame entry is copied again on every pass
     * (a row read per iteration of a loop): the pullback restores the old copy with the old value.
     */
    private boolean copiedAt(int i, int slot) {
        int f = plan.frame().entryOf(slot);
        return f >= 0 && plan.frame().copied(f) && plan.frame().copiedAfter(f) == i;
    }

    /** After an instruction: a tree's partials, the reference and the index the pullback cannot recover. */
    private List<TapePush> after(int i) {
        List<TapePush> out = new ArrayList<>();
        ExpressionTree tree = plan.forest().tree(i);
        if (tree != null) {
            out.add(partials(tree, plan.rematerialization().of(i)));
        }
        Recovery ref = plan.recovery().reference(i);
        if (ref != null && ref.kind == Recovery.Kind.PUSH) {
            out.add(new TapePush.Reference(leavesObject(i)));
        }
        Recovery idx = plan.recovery().index(i);
        if (idx != null && idx.kind == Recovery.Kind.PUSH) {
            out.add(new TapePush.Index());
        }
        return out;
    }

    /** A tree's partials; those that may be recomputed (see {@code DerivativePlan.remat}) last, in groups. */
    private static TapePush.Partials partials(ExpressionTree tree, int[][] remat) {
        if (remat == null) {
            int[] order = new int[tree.partials.size()];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            return new TapePush.Partials(tree, null, List.of(), order);
        }
        List<int[]> groups = PartialOrder.groups(remat);
        return new TapePush.Partials(tree, remat, groups, PartialOrder.recomputableLast(remat, groups));
    }

    /** Instructions whose reference of interest is the object they leave on the stack: boxes, forwarded news. */
    private boolean leavesObject(int i) {
        AbstractInsnNode insn = flow.insn(i);
        return plan.variables().role(i) == Role.FORWARD_NEW || insn instanceof MethodInsnNode
                && insn.getOpcode() == INVOKESTATIC && "valueOf".equals(((MethodInsnNode) insn).name);
    }

    // ---- ways out ----

    /** The values the pullback reads once per call (parameters never assigned), each with its copy if it has one. */
    private void frame(List<TapePush> out) {
        Frame frame = plan.frame();
        for (int k = 0; k < frame.size(); k++) {
            FrameValue f = frame.get(k);
            out.add(new TapePush.FrameValue(k, f.slot, f.type.getSort() != Type.INT));
            if (frame.copied(k)) {
                out.add(new TapePush.SnapshotCopy(k, f.slot));
            }
        }
    }

    /**
     * Where an exception leaves the method: the frame, the counts of the loops it may stand in, the receiver for
     * the caller's unwinding pullback, and where it was thrown.
     */
    private List<TapePush> unwinding() {
        List<TapePush> out = new ArrayList<>();
        frame(out);
        for (int k = 0; k < plan.countedLoops().loops().size(); k++) {
            if (!plan.countedLoops().loops().get(k).derived()) {
                out.add(new TapePush.LoopCount(k));
            }
        }
        if ((flow.method().access & ACC_STATIC) == 0) {
            out.add(new TapePush.Receiver());
        }
        out.add(new TapePush.ExceptionRecord());
        return out;
    }
}
