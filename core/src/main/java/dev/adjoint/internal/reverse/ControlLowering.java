package dev.adjoint.internal.reverse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.adjoint.Continuation;
import dev.adjoint.internal.adjoint.Edge;
import dev.adjoint.internal.adjoint.Pullback;
import dev.adjoint.internal.adjoint.Resumption;
import dev.adjoint.internal.adjoint.Statement.CallSite;
import dev.adjoint.internal.bytecode.Abi;
import dev.adjoint.internal.bytecode.TapeField;
import dev.adjoint.internal.plan.CountedLoop;
import dev.adjoint.internal.plan.DerivativePlan;

/**
 * Lowers where a pullback goes: where it starts (at the exit the augmented primal returned through, or where an
 * exception left it), from each reversed block back to the block control came from (the transposed control-flow
 * graph: a {@code goto}, a {@code lookupswitch} on the tape, round a counted loop), through the code that sets the
 * counts of the loops an edge leaves, and how an unwinding pullback resumes before an instruction that threw.
 */
final class ControlLowering implements Opcodes {

    private final DerivativePlan plan;
    private final Pullback ir;
    private final String method;
    /** The variant that resumes after an exception left the augmented primal, or null when this is that variant. */
    private final String unwindingVariant;
    private final PullbackLocals l;
    private final InsnList out;
    private final ShadowLowering shadows;
    private final StatementLowering statements;
    private final Recomputation recomputation;
    private final LabelNode[] blockLabel;
    private final LabelNode end = new LabelNode();
    /** Per thrower: the point of the pullback just before its own reverse (what ran before it). */
    private final Map<Integer, LabelNode> before = new HashMap<>();
    /** Per thrower: the entry that reverses what it did before it threw, then continues before it. */
    private final Map<Integer, LabelNode> resume = new HashMap<>();
    /** Per exit edge (from, to) of counted loops: the code that sets the counts, then goes to {@code from}. */
    private final Map<Long, LabelNode> exitEdges = new HashMap<>();
    private final List<Edge> exitEdgeOrder = new ArrayList<>();

    ControlLowering(DerivativePlan plan, Pullback ir, String unwindingVariant, PullbackLocals locals,
            ShadowLowering shadows, StatementLowering statements, Recomputation recomputation) {
        this.plan = plan;
        this.ir = ir;
        this.method = plan.flow.method().name;
        this.unwindingVariant = unwindingVariant;
        this.l = locals;
        this.out = locals.out;
        this.shadows = shadows;
        this.statements = statements;
        this.recomputation = recomputation;
        for (int i : ir.throwers()) {
            before.put(i, new LabelNode());
            resume.put(i, new LabelNode());
        }
        this.blockLabel = new LabelNode[plan.flow.blocks().size()];
        for (int b = 0; b < blockLabel.length; b++) {
            blockLabel[b] = new LabelNode();
        }
    }

    /** Where the reverse of block {@code id} starts. */
    void enterBlock(int id) {
        out.add(blockLabel[id]);
    }

    /** Just before the reverse of thrower {@code at}: where its resumption continues. */
    void resumable(int at) {
        out.add(before.get(at));
    }

    // ---- where the pullback starts ----

    /**
     * The start: an unwinding tape is handed to the variant that unwinds, or, in that variant, resumed from the
     * instruction the exception left at; otherwise the pullback starts at the exit taken.
     */
    void entry() {
        LabelNode normal = new LabelNode();
        if (unwindingVariant != null) {
            out.add(new VarInsnNode(ALOAD, PullbackLocals.TAPE));
            out.add(TapeField.UNWINDING.get());
            out.add(new JumpInsnNode(IFEQ, normal));
            out.add(new VarInsnNode(ALOAD, PullbackLocals.TAPE));
            out.add(new VarInsnNode(DLOAD, 1));
            out.add(new MethodInsnNode(INVOKESTATIC, plan.members.companion, unwindingVariant, Abi.REV_DESC,
                    false));
            out.add(new InsnNode(RETURN));
            out.add(normal);
            l.loadStacks();
            normalEntry();
            return;
        }
        l.loadStacks();
        out.add(new VarInsnNode(ALOAD, PullbackLocals.TAPE));
        out.add(TapeField.UNWINDING.get());
        out.add(new JumpInsnNode(IFEQ, normal));
        // an exception left the augmented primal: resume from the instruction it left at
        out.add(new VarInsnNode(ALOAD, PullbackLocals.TAPE));
        out.add(new InsnNode(ICONST_0));
        out.add(TapeField.UNWINDING.put());
        l.popInt();
        out.add(new VarInsnNode(ISTORE, l.indexTmp));
        for (int k = l.counter.length - 1; k >= 0; k--) {
            if (!plan.countedLoops().loops().get(k).derived()) {
                l.popInt();
                out.add(new VarInsnNode(ISTORE, l.counter[k]));
            }
        }
        shadows.popFrame();
        resumeAt(ir.throwers());
        out.add(normal);
        normalEntry();
    }

    /** Where the pullback starts when the augmented primal returned normally: at its exit. */
    private void normalEntry() {
        List<Integer> exits = ir.exits();
        if (exits.isEmpty()) {
            l.throwIllegalState("the augmented primal of " + method + " never returns");
            return;
        }
        if (exits.size() > 1) {
            l.popInt();
            out.add(new VarInsnNode(ISTORE, l.indexTmp));
        }
        shadows.popFrame();
        if (exits.size() == 1) {
            out.add(new JumpInsnNode(GOTO, blockLabel[exits.get(0)]));
        } else {
            out.add(new VarInsnNode(ILOAD, l.indexTmp));
            dispatch(exits);
        }
    }

    // ---- resuming after an exception ----

    /**
     * With a record {@code 2 * thrower + unwound} in {@code indexTmp}: jumps to the resumption of that thrower
     * ({@code -1}: nothing had run, go to the end).
     */
    private void resumeAt(List<Integer> throwers) {
        out.add(new VarInsnNode(ILOAD, l.indexTmp));
        out.add(new InsnNode(ICONST_1));
        out.add(new InsnNode(IAND));
        out.add(new VarInsnNode(ISTORE, l.unwoundBit));
        out.add(new VarInsnNode(ILOAD, l.indexTmp));
        out.add(new InsnNode(ICONST_1));
        out.add(new InsnNode(ISHR));
        List<Integer> keys = new ArrayList<>(throwers);
        keys.add(-1);
        keys.sort(Integer::compare);
        int[] k = new int[keys.size()];
        LabelNode[] labels = new LabelNode[keys.size()];
        for (int x = 0; x < k.length; x++) {
            k[x] = keys.get(x);
            labels[x] = k[x] < 0 ? end : resume.get(k[x]);
        }
        LabelNode corrupt = new LabelNode();
        out.add(new LookupSwitchInsnNode(corrupt, k, labels));
        out.add(corrupt);
        l.throwIllegalState("corrupt exception record in the pullback of " + plan.owner.replace('/', '.') + "."
                + method);
    }

    /**
     * The resumption of each thrower: a call whose callee recorded where the exception left it is reversed by the
     * callee's pullback from that record; then the pullback continues before the thrower.
     */
    void resumptions() {
        for (Resumption r : ir.resumptions()) {
            int i = r.thrower();
            out.add(resume.get(i));
            for (Resumption.CountFix fix : r.countFixes()) {
                if (fix.derived()) {
                    deriveCount(fix.loop());
                } else {
                    out.add(new IincInsnNode(l.counter[fix.loop()], -1));
                }
            }
            CallSite call = r.call();
            if (call != null) {
                out.add(new VarInsnNode(ILOAD, l.unwoundBit));
                out.add(new JumpInsnNode(IFEQ, before.get(i)));
                if (call.opcode() != INVOKESTATIC) {
                    l.popRef(); // the callee's receiver, taped by its abnormal exit
                    if (call.dispatches()) {
                        out.add(new TypeInsnNode(CHECKCAST, call.owner()));
                    } else {
                        out.add(new InsnNode(POP));
                    }
                }
                out.add(new VarInsnNode(ALOAD, PullbackLocals.TAPE));
                out.add(new InsnNode(ICONST_1));
                out.add(TapeField.UNWINDING.put());
                out.add(new VarInsnNode(ALOAD, PullbackLocals.TAPE));
                out.add(new InsnNode(DCONST_0));
                statements.calleePullback(call);
                statements.argumentAdjoints(call);
            }
            out.add(new JumpInsnNode(GOTO, before.get(i)));
        }
    }

    /** The end: the tape's tops written back, the parameters' adjoints left in {@code Tape.argAdj}. */
    void epilogue() {
        out.add(end);
        l.writeBackTops();
        for (Pullback.ParameterAdjoint p : ir.parameters()) {
            out.add(new VarInsnNode(ALOAD, PullbackLocals.TAPE));
            out.add(TapeField.ARG_ADJ.get());
            out.add(new LdcInsnNode(p.index()));
            if (p.adjoint() == null) {
                out.add(new InsnNode(DCONST_0));
            } else {
                out.add(new VarInsnNode(DLOAD, l.local(p.adjoint())));
            }
            out.add(new InsnNode(DASTORE));
        }
        out.add(new InsnNode(RETURN));
    }

    // ---- from a block back to its predecessor ----

    void continuation(Continuation next) {
        if (next instanceof Continuation.ToThrowSite) {
            l.popInt();
            out.add(new VarInsnNode(ISTORE, l.indexTmp));
            resumeAt(((Continuation.ToThrowSite) next).throwers());
        } else if (next instanceof Continuation.LoopBack) {
            // a counted loop's header: another iteration to reverse, or back out to where the loop was entered
            Continuation.LoopBack loop = (Continuation.LoopBack) next;
            int c = l.counter[loop.loop()];
            LabelNode entered = new LabelNode();
            out.add(new VarInsnNode(ILOAD, c));
            out.add(new JumpInsnNode(IFLE, entered));
            out.add(new IincInsnNode(c, -1));
            out.add(new JumpInsnNode(GOTO, predecessor(loop.latch())));
            out.add(entered);
            shadows.flushDeferred(loop.flushes());
            out.add(new JumpInsnNode(GOTO, predecessor(loop.entered())));
        } else if (next instanceof Continuation.ToEnd) {
            out.add(new JumpInsnNode(GOTO, end));
        } else if (next instanceof Continuation.Goto) {
            out.add(new JumpInsnNode(GOTO, predecessor(((Continuation.Goto) next).edge())));
        } else {
            l.popInt();
            dispatchFrom(((Continuation.FromTape) next).edges());
        }
    }

    /**
     * Where the pullback goes back along an edge: the end, or the predecessor's reverse, through code that sets
     * the counts of the counted loops the edge left.
     */
    private LabelNode predecessor(Edge edge) {
        if (edge.toEnd()) {
            return end;
        }
        if (edge.left().isEmpty()) {
            return blockLabel[edge.from()];
        }
        long key = ((long) edge.from() << 32) | edge.to();
        LabelNode label = exitEdges.get(key);
        if (label == null) {
            label = new LabelNode();
            exitEdges.put(key, label);
            exitEdgeOrder.add(edge);
        }
        return label;
    }

    /** The code of the exit edges: set the counts (outermost loop first), then reverse the predecessor. */
    void exitEdgeCode() {
        for (Edge e : exitEdgeOrder) {
            out.add(exitEdges.get(((long) e.from() << 32) | e.to()));
            List<CountedLoop> left = e.left();
            for (int k = left.size() - 1; k >= 0; k--) {
                if (left.get(k).derived()) {
                    if (left.get(k).exit >= 0) {
                        rebuildIndex(left.get(k));
                    }
                    deriveCount(plan.countedLoops().loops().indexOf(left.get(k)));
                } else {
                    l.popInt();
                    out.add(new VarInsnNode(ISTORE, l.counter[plan.countedLoops().loops().indexOf(left.get(k))]));
                }
            }
            out.add(new JumpInsnNode(GOTO, blockLabel[e.from()]));
        }
    }

    /** Jumps on the predecessor taped (an int on the stack) back along one of {@code edges}. */
    private void dispatchFrom(List<Edge> edges) {
        List<Edge> sorted = new ArrayList<>(edges);
        sorted.sort((a, b) -> Integer.compare(a.from(), b.from()));
        int[] k = new int[sorted.size()];
        LabelNode[] labels = new LabelNode[sorted.size()];
        for (int x = 0; x < k.length; x++) {
            k[x] = sorted.get(x).from();
            labels[x] = predecessor(sorted.get(x));
        }
        LabelNode corrupt = new LabelNode();
        out.add(new LookupSwitchInsnNode(corrupt, k, labels));
        out.add(corrupt);
        l.throwIllegalState("corrupt tape in the pullback of " + plan.owner.replace('/', '.') + "." + method);
    }

    /** Jumps on the int on the stack to the block with that id ({@link DerivativePlan#ENTRY}: the end). */
    private void dispatch(List<Integer> targets) {
        List<Integer> keys = new ArrayList<>(targets);
        keys.sort(Integer::compare);
        int[] k = new int[keys.size()];
        LabelNode[] labels = new LabelNode[keys.size()];
        for (int x = 0; x < k.length; x++) {
            k[x] = keys.get(x);
            labels[x] = k[x] == DerivativePlan.ENTRY ? end : blockLabel[k[x]];
        }
        LabelNode corrupt = new LabelNode();
        out.add(new LookupSwitchInsnNode(corrupt, k, labels));
        out.add(corrupt);
        l.throwIllegalState("corrupt tape in the pullback of " + plan.owner.replace('/', '.') + "." + method);
    }

    // ---- counts derived from an index ----

    /**
     * Sets the index of a loop that leaves only through its header's {@code if (index >= bound)}, where the
     * pullback enters it from its exit: the larger of the index's value on entry and the bound, both recomputed.
     */
    private void rebuildIndex(CountedLoop loop) {
        recomputation.integer(plan.soleProducer(loop.start, 0));
        recomputation.integer(plan.soleProducer(loop.exit, 1));
        out.add(new MethodInsnNode(INVOKESTATIC, "java/lang/Math", "max", "(II)I", false));
        out.add(new VarInsnNode(ISTORE, l.frameLocal[plan.frame().entryOf(loop.index)]));
    }

    /**
     * Sets the count of a loop whose count is derived (see {@code CountedLoops}): its index where the pullback
     * stands, minus the index's value on entry, recomputed.
     */
    private void deriveCount(int k) {
        CountedLoop loop = plan.countedLoops().loops().get(k);
        out.add(new VarInsnNode(ILOAD, l.frameLocal[plan.frame().entryOf(loop.index)]));
        recomputation.integer(plan.soleProducer(loop.start, 0));
        out.add(new InsnNode(ISUB));
        out.add(new VarInsnNode(ISTORE, l.counter[k]));
    }
}
