package dev.adjoint.internal.reverse;

import dev.adjoint.internal.adjoint.Adjoint;
import dev.adjoint.internal.adjoint.Continuation;
import dev.adjoint.internal.adjoint.Edge;
import dev.adjoint.internal.adjoint.Partial;
import dev.adjoint.internal.adjoint.Pullback;
import dev.adjoint.internal.adjoint.Resumption;
import dev.adjoint.internal.adjoint.ReversedBlock;
import dev.adjoint.internal.adjoint.Statement;
import dev.adjoint.internal.adjoint.Statement.CallSite;
import dev.adjoint.internal.adjoint.Statement.HeapAccess;
import dev.adjoint.internal.adjoint.Step;
import dev.adjoint.internal.bytecode.Abi;
import dev.adjoint.internal.bytecode.TapeField;
import dev.adjoint.internal.bytecode.TapeMethod;
import dev.adjoint.internal.plan.CountedLoop;
import dev.adjoint.internal.plan.DerivativePlan;
import dev.adjoint.internal.plan.EditedCopy;
import dev.adjoint.internal.plan.FrameValue;
import dev.adjoint.internal.plan.Recovery;
import dev.adjoint.internal.plan.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.internal.rules.Sym;

/**
 * Lowers the {@link Pullback} of a method to the bytecode of {@code m$rev(Tape, double dOut)}: the reversed blocks
 * in the order of the primal's blocks, each running its steps and then going to the predecessor recorded on the
 * tape (the transposed control-flow graph, so loops stay loops). Adjoints live in locals: one per local slot that
 * holds an active value, one per adjoint variable of the plan. The adjoints of the floating-point parameters are
 * left in {@link dev.adjoint.internal.runtime.Tape#argAdj}. What to do is decided by the IR; this class decides
 * only where things live (locals, cached stacks and shadows) and how a value the plan can recover is recovered.
 */
final class PullbackLowering implements Opcodes {

    private static final int TAPE = 0;
    private static final int DOUT = 1;

    private final DerivativePlan plan;
    private final Pullback ir;
    private final MethodFlow flow;
    private final MethodNode source;
    private final String name;
    /**
     * The variant that resumes after an exception left the augmented primal, or null when this is that variant.
     * Resuming enters loops in the middle, which would make them irreducible and keep the JIT from optimizing
     * them; so the ordinary pullback hands an unwinding tape to a variant of its own.
     */
    private final String unwindingVariant;
    private final InsnList out = new InsnList();
    private int nextLocal = 3;
    private final Map<Integer, Integer> slotAdjoint = new HashMap<>();
    private final int[] varAdjoint;
    private final int[] frameLocal;
    private final int[] arrayCache;
    private final int[] fieldCache;
    /** Frame values the pullback uses as arrays of floating-point numbers, and as objects with such fields. */
    private final BitSet arrayRefs = new BitSet();
    private final BitSet fieldRefs = new BitSet();
    /** {@code Tape.frozen}, read once. */
    private int frozen;
    /** Per frame entry: the local of the copy its array has (see {@code DerivativePlan.snapshot}), or -1. */
    private int[] snapshotLocal;
    /** Per deferred read (see {@code DerivativePlan.deferred}): the local that sums its adjoints in its loop. */
    private final Map<Integer, Integer> sum = new HashMap<>();
    private final LabelNode[] blockLabel;
    private final LabelNode end = new LabelNode();
    private int tmp;
    private int refTmp;
    private int indexTmp;
    private int shadowTmp;
    private int unwoundBit;
    /** The tape's stacks cached in locals: array and top of doubles, ints, references. */
    private final int[] stackArray = new int[3];
    private final int[] stackTop = new int[3];
    /** Per counted loop: the iterations still to reverse. */
    private int[] counter;
    /** Per exit edge (from, to) of counted loops: the code that pops the counts, then goes to {@code from}. */
    private final Map<Long, LabelNode> exitEdges = new HashMap<>();
    private final List<Edge> exitEdgeOrder = new ArrayList<>();
    private static final TapeField[] ARRAYS = {TapeField.D, TapeField.INTS, TapeField.REFS};
    private static final TapeField[] TOPS = {TapeField.D_TOP, TapeField.I_TOP, TapeField.O_TOP};
    private int lastLine = -1;
    /** Per thrower: the point of the pullback just before its own reverse (what ran before it). */
    private final Map<Integer, LabelNode> before = new HashMap<>();
    /** Per thrower: the entry that reverses what it did before it threw, then continues before it. */
    private final Map<Integer, LabelNode> resume = new HashMap<>();
    /** Computes values again from the locals allocated for them. */
    private Recomputation recomputation;
    /** The locals of the partials the last {@link Statement.RecoverPartials} kept, by partial. */
    private int[] partialLocal;

    /**
     * @param plan             the method's plan, for where values live and how they are recovered
     * @param ir               its pullback, built with {@code delegatesUnwinding} when {@code unwindingVariant} is set
     * @param name             the name of the generated method
     * @param unwindingVariant the name of the variant that unwinds, or null when this is that variant
     */
    PullbackLowering(DerivativePlan plan, Pullback ir, String name, String unwindingVariant) {
        this.unwindingVariant = unwindingVariant;
        this.plan = plan;
        this.ir = ir;
        this.flow = plan.flow;
        this.source = flow.method();
        this.name = name;
        this.varAdjoint = new int[plan.vars];
        this.frameLocal = new int[plan.frame.size()];
        this.arrayCache = new int[plan.frame.size()];
        this.fieldCache = new int[plan.frame.size()];
        this.blockLabel = new LabelNode[flow.blocks().size()];
        for (int i = 0; i < flow.size(); i++) {
            Recovery ref = plan.refNeed[i];
            if (ref == null || ref.kind != Recovery.Kind.FRAME) {
                continue;
            }
            int op = flow.insn(i).getOpcode();
            if (op == DALOAD || op == FALOAD || op == DASTORE || op == FASTORE) {
                arrayRefs.set(ref.value);
            } else if (op == GETFIELD || op == PUTFIELD || plan.role[i] == Role.UNBOX) {
                fieldRefs.set(ref.value);
            }
        }
    }

    MethodNode emit() {
        MethodNode m = new MethodNode(ACC_PRIVATE | ACC_STATIC | ACC_SYNTHETIC, name, Abi.REV_DESC, null, null);
        allocate();
        recomputation = new Recomputation(plan, out, frameLocal, snapshotLocal, this::newLocal);
        prologue();
        for (ReversedBlock b : ir.blocks()) {
            block(b);
        }
        resumptions();
        exitEdgeCode();
        epilogue();
        m.instructions = out;
        m.maxLocals = nextLocal;
        return m;
    }

    private int newLocal(int size) {
        int l = nextLocal;
        nextLocal += size;
        return l;
    }

    private void allocate() {
        for (int k = plan.adjointSlots.nextSetBit(0); k >= 0; k = plan.adjointSlots.nextSetBit(k + 1)) {
            slotAdjoint.put(k, newLocal(2));
        }
        for (int v = 0; v < plan.vars; v++) {
            varAdjoint[v] = newLocal(2);
        }
        snapshotLocal = new int[plan.frame.size()];
        Arrays.fill(snapshotLocal, -1);
        for (int f = 0; f < plan.frame.size(); f++) {
            if (plan.snapshot.get(f)) {
                snapshotLocal[f] = newLocal(1);
            }
            frameLocal[f] = newLocal(1);
            arrayCache[f] = newLocal(1);
            fieldCache[f] = newLocal(1);
        }
        for (int h : plan.deferred.keySet()) {
            sum.put(h, newLocal(2));
        }
        tmp = newLocal(2);
        refTmp = newLocal(1);
        indexTmp = newLocal(1);
        shadowTmp = newLocal(1);
        frozen = newLocal(1);
        unwoundBit = newLocal(1);
        counter = new int[plan.loops.size()];
        for (int k = 0; k < counter.length; k++) {
            counter[k] = newLocal(1);
        }
        for (int k = 0; k < 3; k++) {
            stackArray[k] = newLocal(1);
            stackTop[k] = newLocal(1);
        }
        for (int i : ir.throwers()) {
            before.put(i, new LabelNode());
            resume.put(i, new LabelNode());
        }
        for (int b = 0; b < blockLabel.length; b++) {
            blockLabel[b] = new LabelNode();
        }
    }

    private void prologue() {
        for (int l : slotAdjoint.values()) {
            zero(l);
        }
        for (int l : varAdjoint) {
            zero(l);
        }
        for (int l : sum.values()) {
            zero(l);
        }
        zero(tmp);
        out.add(new InsnNode(ACONST_NULL));
        out.add(new VarInsnNode(ASTORE, refTmp));
        out.add(new InsnNode(ICONST_0));
        out.add(new VarInsnNode(ISTORE, indexTmp));
        out.add(new InsnNode(ACONST_NULL));
        out.add(new VarInsnNode(ASTORE, shadowTmp));
        out.add(new VarInsnNode(ALOAD, TAPE));
        out.add(TapeField.FROZEN.get());
        out.add(new VarInsnNode(ASTORE, frozen));
        out.add(new InsnNode(ICONST_0));
        out.add(new VarInsnNode(ISTORE, unwoundBit));
        for (int c : counter) {
            out.add(new InsnNode(ICONST_0));
            out.add(new VarInsnNode(ISTORE, c));
        }
        LabelNode normal = new LabelNode();
        if (unwindingVariant != null) {
            out.add(new VarInsnNode(ALOAD, TAPE));
            out.add(TapeField.UNWINDING.get());
            out.add(new JumpInsnNode(IFEQ, normal));
            out.add(new VarInsnNode(ALOAD, TAPE));
            out.add(new VarInsnNode(DLOAD, 1));
            out.add(new MethodInsnNode(INVOKESTATIC, plan.members.companion, unwindingVariant, Abi.REV_DESC, false));
            out.add(new InsnNode(RETURN));
            out.add(normal);
            loadStacks();
            normalEntry();
            return;
        }
        loadStacks();
        out.add(new VarInsnNode(ALOAD, TAPE));
        out.add(TapeField.UNWINDING.get());
        out.add(new JumpInsnNode(IFEQ, normal));
        // an exception left the augmented primal: resume from the instruction it left at
        out.add(new VarInsnNode(ALOAD, TAPE));
        out.add(new InsnNode(ICONST_0));
        out.add(TapeField.UNWINDING.put());
        popInt();
        out.add(new VarInsnNode(ISTORE, indexTmp));
        for (int k = counter.length - 1; k >= 0; k--) {
            if (!plan.loops.get(k).derived()) {
                popInt();
                out.add(new VarInsnNode(ISTORE, counter[k]));
            }
        }
        popFrame();
        resumeAt(ir.throwers());
        out.add(normal);
        normalEntry();
    }

    /** Where the pullback starts when the augmented primal returned normally: at its exit. */
    private void normalEntry() {
        List<Integer> exits = ir.exits();
        if (exits.isEmpty()) {
            throwIllegalState("the augmented primal of " + source.name + " never returns");
            return;
        }
        if (exits.size() > 1) {
            popInt();
            out.add(new VarInsnNode(ISTORE, indexTmp));
        }
        popFrame();
        if (exits.size() == 1) {
            out.add(new JumpInsnNode(GOTO, blockLabel[exits.get(0)]));
        } else {
            out.add(new VarInsnNode(ILOAD, indexTmp));
            dispatch(exits);
        }
    }

    /** Pops the values taped once per call (pushed before the exit record). */
    private void popFrame() {
        for (int f = plan.frame.size() - 1; f >= 0; f--) {
            FrameValue fv = plan.frame.get(f);
            if (fv.type.getSort() == Type.INT) {
                popInt();
                out.add(new VarInsnNode(ISTORE, frameLocal[f]));
            } else {
                if (snapshotLocal[f] >= 0) {
                    popRef();
                    out.add(new VarInsnNode(ASTORE, snapshotLocal[f]));
                }
                popRef();
                out.add(new VarInsnNode(ASTORE, frameLocal[f]));
                if (snapshotLocal[f] >= 0) {
                    out.add(new VarInsnNode(ALOAD, TAPE));
                    out.add(new VarInsnNode(ALOAD, snapshotLocal[f]));
                    out.add(new VarInsnNode(ALOAD, frameLocal[f]));
                    out.add(TapeMethod.DROP_COPY.call());
                }
                fetchShadows(f);
            }
        }
    }

    /**
     * Looks up, once, the shadows of a reference the pullback keeps in a local, so that the loops of the pullback
     * read them from locals rather than probe the shadow map per element. A reference that is null or of another
     * type gets none; the pullback only reaches its uses where the primal dereferenced it.
     */
    private void fetchShadows(int f) {
        if (arrayRefs.get(f)) {
            fetchShadow(f, arrayCache[f], TapeMethod.ARRAY_SHADOW, true);
        }
        if (fieldRefs.get(f)) {
            fetchShadow(f, fieldCache[f], TapeMethod.FIELD_SHADOW, false);
        }
    }

    private void fetchShadow(int f, int cache, TapeMethod method, boolean array) {
        LabelNode none = new LabelNode();
        LabelNode fetch = new LabelNode();
        LabelNode done = new LabelNode();
        Type type = plan.frame.get(f).type;
        out.add(new VarInsnNode(ALOAD, frameLocal[f]));
        if (array && !type.getDescriptor().equals("[D") && !type.getDescriptor().equals("[F")) {
            out.add(new TypeInsnNode(INSTANCEOF, "[D"));
            out.add(new JumpInsnNode(IFNE, fetch));
            out.add(new VarInsnNode(ALOAD, frameLocal[f]));
            out.add(new TypeInsnNode(INSTANCEOF, "[F"));
            out.add(new JumpInsnNode(IFEQ, none));
        } else {
            out.add(new JumpInsnNode(IFNULL, none));
        }
        out.add(fetch);
        out.add(new VarInsnNode(ALOAD, TAPE));
        out.add(new VarInsnNode(ALOAD, frameLocal[f]));
        out.add(method.call());
        out.add(new VarInsnNode(ASTORE, cache));
        out.add(new JumpInsnNode(GOTO, done));
        out.add(none);
        out.add(new InsnNode(ACONST_NULL));
        out.add(new VarInsnNode(ASTORE, cache));
        out.add(done);
    }

    /**
     * With a record {@code 2 * thrower + unwound} in {@link #indexTmp}: jumps to the resumption of that thrower
     * ({@code -1}: nothing had run, go to the end).
     */
    private void resumeAt(List<Integer> throwers) {
        out.add(new VarInsnNode(ILOAD, indexTmp));
        out.add(new InsnNode(ICONST_1));
        out.add(new InsnNode(IAND));
        out.add(new VarInsnNode(ISTORE, unwoundBit));
        out.add(new VarInsnNode(ILOAD, indexTmp));
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
        throwIllegalState("corrupt exception record in the pullback of " + plan.owner.replace('/', '.') + "."
                + source.name);
    }

    /**
     * The resumption of each thrower: a call whose callee recorded where the exception left it is reversed by the
     * callee's pullback from that record; then the pullback continues before the thrower.
     */
    private void resumptions() {
        for (Resumption r : ir.resumptions()) {
            int i = r.thrower();
            out.add(resume.get(i));
            for (Resumption.CountFix fix : r.countFixes()) {
                if (fix.derived()) {
                    deriveCount(fix.loop());
                } else {
                    out.add(new IincInsnNode(counter[fix.loop()], -1));
                }
            }
            CallSite call = r.call();
            if (call != null) {
                out.add(new VarInsnNode(ILOAD, unwoundBit));
                out.add(new JumpInsnNode(IFEQ, before.get(i)));
                if (call.opcode() != INVOKESTATIC) {
                    popRef(); // the callee's receiver, taped by its abnormal exit
                    if (call.dispatches()) {
                        out.add(new TypeInsnNode(CHECKCAST, call.owner()));
                    } else {
                        out.add(new InsnNode(POP));
                    }
                }
                out.add(new VarInsnNode(ALOAD, TAPE));
                out.add(new InsnNode(ICONST_1));
                out.add(TapeField.UNWINDING.put());
                out.add(new VarInsnNode(ALOAD, TAPE));
                out.add(new InsnNode(DCONST_0));
                calleePullback(call);
                argumentAdjoints(call);
            }
            out.add(new JumpInsnNode(GOTO, before.get(i)));
        }
    }

    private void epilogue() {
        out.add(end);
        writeBackTops();
        for (Pullback.ParameterAdjoint p : ir.parameters()) {
            out.add(new VarInsnNode(ALOAD, TAPE));
            out.add(TapeField.ARG_ADJ.get());
            out.add(new LdcInsnNode(p.index()));
            if (p.adjoint() == null) {
                out.add(new InsnNode(DCONST_0));
            } else {
                out.add(new VarInsnNode(DLOAD, local(p.adjoint())));
            }
            out.add(new InsnNode(DASTORE));
        }
        out.add(new InsnNode(RETURN));
    }

    // ---- blocks ----

    private void block(ReversedBlock b) {
        out.add(blockLabel[b.id()]);
        lastLine = -1;
        for (Step step : b.steps()) {
            int mark = out.size();
            for (Statement s : step.statements()) {
                statement(step.at(), s);
            }
            if (out.size() > mark) {
                markLine(step.line(), mark);
            }
            if (step.resumable()) {
                out.add(before.get(step.at()));
            }
        }
        continuation(b.next());
    }

    private void continuation(Continuation next) {
        if (next instanceof Continuation.ToThrowSite) {
            popInt();
            out.add(new VarInsnNode(ISTORE, indexTmp));
            resumeAt(((Continuation.ToThrowSite) next).throwers());
        } else if (next instanceof Continuation.LoopBack) {
            // a counted loop's header: another iteration to reverse, or back out to where the loop was entered
            Continuation.LoopBack loop = (Continuation.LoopBack) next;
            int c = counter[loop.loop()];
            LabelNode entered = new LabelNode();
            out.add(new VarInsnNode(ILOAD, c));
            out.add(new JumpInsnNode(IFLE, entered));
            out.add(new IincInsnNode(c, -1));
            out.add(new JumpInsnNode(GOTO, predecessor(loop.latch())));
            out.add(entered);
            flushDeferred(loop.flushes());
            out.add(new JumpInsnNode(GOTO, predecessor(loop.entered())));
        } else if (next instanceof Continuation.ToEnd) {
            out.add(new JumpInsnNode(GOTO, end));
        } else if (next instanceof Continuation.Goto) {
            out.add(new JumpInsnNode(GOTO, predecessor(((Continuation.Goto) next).edge())));
        } else {
            popInt();
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
        LabelNode l = exitEdges.get(key);
        if (l == null) {
            l = new LabelNode();
            exitEdges.put(key, l);
            exitEdgeOrder.add(edge);
        }
        return l;
    }

    /** The code of the exit edges: set the counts (outermost loop first), then reverse the predecessor. */
    private void exitEdgeCode() {
        for (Edge e : exitEdgeOrder) {
            out.add(exitEdges.get(((long) e.from() << 32) | e.to()));
            List<CountedLoop> left = e.left();
            for (int k = left.size() - 1; k >= 0; k--) {
                if (left.get(k).derived()) {
                    if (left.get(k).exit >= 0) {
                        rebuildIndex(left.get(k));
                    }
                    deriveCount(plan.loops.indexOf(left.get(k)));
                } else {
                    popInt();
                    out.add(new VarInsnNode(ISTORE, counter[plan.loops.indexOf(left.get(k))]));
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
        throwIllegalState("corrupt tape in the pullback of " + plan.owner.replace('/', '.') + "." + source.name);
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
        throwIllegalState("corrupt tape in the pullback of " + plan.owner.replace('/', '.') + "." + source.name);
    }

    /**
     * Sets the index of a loop that leaves only through its header's {@code if (index >= bound)}, where the
     * pullback enters it from its exit: the larger of the index's value on entry and the bound, both recomputed.
     */
    private void rebuildIndex(CountedLoop loop) {
        recomputation.integer(plan.soleProducer(loop.start, 0));
        recomputation.integer(plan.soleProducer(loop.exit, 1));
        out.add(new MethodInsnNode(INVOKESTATIC, "java/lang/Math", "max", "(II)I", false));
        out.add(new VarInsnNode(ISTORE, frameLocal[plan.mirrorOf(loop.index)]));
    }

    /**
     * Sets the count of a loop whose count is derived (see {@code DerivativePlan.findDerivedCounts}): its index
     * where the pullback stands, minus the index's value on entry, recomputed.
     */
    private void deriveCount(int k) {
        CountedLoop loop = plan.loops.get(k);
        out.add(new VarInsnNode(ILOAD, frameLocal[plan.mirrorOf(loop.index)]));
        recomputation.integer(plan.soleProducer(loop.start, 0));
        out.add(new InsnNode(ISUB));
        out.add(new VarInsnNode(ISTORE, counter[k]));
    }

    private void markLine(int line, int mark) {
        if (line < 0 || line == lastLine) {
            return;
        }
        lastLine = line;
        LabelNode l = new LabelNode();
        AbstractInsnNode at = out.get(mark);
        out.insertBefore(at, l);
        out.insertBefore(at, new LineNumberNode(line, l));
    }

    // ---- statements ----

    /** Lowers one statement of the step of instruction {@code at}. */
    private void statement(int at, Statement s) {
        if (s instanceof Statement.Accumulate) {
            Statement.Accumulate a = (Statement.Accumulate) s;
            addTo(local(a.target()), local(a.from()));
        } else if (s instanceof Statement.Zero) {
            zero(local(((Statement.Zero) s).adjoint()));
        } else if (s instanceof Statement.Discard) {
            zero(varAdjoint[((Statement.Discard) s).var()]);
        } else if (s instanceof Statement.HoldRoot) {
            int v = varAdjoint[((Statement.HoldRoot) s).var()];
            out.add(new VarInsnNode(DLOAD, v));
            out.add(new VarInsnNode(DSTORE, tmp));
            zero(v);
        } else if (s instanceof Statement.RecoverPartials) {
            partialLocal = partialsInLocals((Statement.RecoverPartials) s);
        } else if (s instanceof Statement.Propagate) {
            propagate((Statement.Propagate) s);
        } else if (s instanceof Statement.ShadowAdd) {
            shadowAdd(at, (Statement.ShadowAdd) s);
        } else if (s instanceof Statement.ShadowMove) {
            shadowMove((Statement.ShadowMove) s);
        } else if (s instanceof Statement.UnboxAdd) {
            unbox((Statement.UnboxAdd) s);
        } else if (s instanceof Statement.BoxTake) {
            box((Statement.BoxTake) s);
        } else if (s instanceof Statement.ForwardFields) {
            forwarded((Statement.ForwardFields) s);
        } else if (s instanceof Statement.CallPullback) {
            call((Statement.CallPullback) s);
        } else if (s instanceof Statement.UndoIncrement) {
            Statement.UndoIncrement u = (Statement.UndoIncrement) s;
            out.add(new IincInsnNode(frameLocal[u.frame()], -u.increment()));
        } else {
            restoreLocal((Statement.RestoreLocal) s);
        }
    }

    /** The local an adjoint lives in. */
    private int local(Adjoint a) {
        switch (a.kind()) {
            case LOCAL:
                return slotAdjoint.get(a.id());
            case VALUE:
                return varAdjoint[a.id()];
            default:
                return DOUT;
        }
    }

    /** A store's old value popped back into the mirrored local. */
    private void restoreLocal(Statement.RestoreLocal r) {
        int f = r.frame();
        if (!r.reference()) {
            popInt();
            out.add(new VarInsnNode(ISTORE, frameLocal[f]));
        } else {
            popRef();
            out.add(new VarInsnNode(ASTORE, frameLocal[f]));
            fetchShadows(f);
        }
    }

    /** {@code Δleaf += t * partial}. */
    private void propagate(Statement.Propagate p) {
        int target = local(p.leaf());
        out.add(new VarInsnNode(DLOAD, target));
        out.add(new VarInsnNode(DLOAD, tmp));
        Partial partial = p.partial();
        if (partial instanceof Partial.One) {
            out.add(new InsnNode(DADD));
        } else if (partial instanceof Partial.MinusOne) {
            out.add(new InsnNode(DSUB));
        } else {
            if (partial instanceof Partial.Constant) {
                EditedCopy.pushDouble(out, ((Partial.Constant) partial).value());
            } else if (partial instanceof Partial.Kept) {
                out.add(new VarInsnNode(DLOAD, partialLocal[((Partial.Kept) partial).index()]));
            } else {
                pop(0);
            }
            out.add(new InsnNode(DMUL));
            out.add(new InsnNode(DADD));
        }
        out.add(new VarInsnNode(DSTORE, target));
    }

    /**
     * The partials of a tree with recomputable ones in locals: those computed again from the frozen input when
     * every array they read is it, else popped like the others, in the reverse of the order the augmented primal
     * pushed them (recomputable ones last).
     */
    private int[] partialsInLocals(Statement.RecoverPartials r) {
        List<Sym> partials = r.partials();
        int[][] remat = r.remat();
        List<int[]> groups = r.groups();
        int[] order = r.order();
        int[] local = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            local[k] = partials.get(k).isConst() ? -1 : newLocal(2);
        }
        // the groups were pushed last, the last group last: each recomputed, or popped when it was taped
        for (int g = groups.size() - 1; g >= 0; g--) {
            int[] group = groups.get(g);
            LabelNode taped = new LabelNode();
            LabelNode done = new LabelNode();
            for (int f : remat[group[0]]) {
                if (snapshotLocal[f] >= 0) {
                    out.add(new VarInsnNode(ALOAD, snapshotLocal[f]));
                    out.add(new JumpInsnNode(IFNULL, taped));
                } else {
                    out.add(new VarInsnNode(ALOAD, frameLocal[f]));
                    out.add(new VarInsnNode(ALOAD, frozen));
                    out.add(new JumpInsnNode(IF_ACMPNE, taped));
                }
            }
            Map<Integer, Integer> values = new HashMap<>();
            Map<Integer, Integer> arrays = new HashMap<>();
            for (int k : group) {
                if (local[k] >= 0) {
                    recomputation.partial(partials.get(k), values, arrays);
                    out.add(new VarInsnNode(DSTORE, local[k]));
                }
            }
            out.add(new JumpInsnNode(GOTO, done));
            out.add(taped);
            for (int n = group.length - 1; n >= 0; n--) {
                if (local[group[n]] >= 0) {
                    pop(0);
                    out.add(new VarInsnNode(DSTORE, local[group[n]]));
                }
            }
            out.add(done);
        }
        for (int n = order.length - 1; n >= 0; n--) {
            int k = order[n];
            if (remat[k] == null && local[k] >= 0) {
                pop(0);
                out.add(new VarInsnNode(DSTORE, local[k]));
            }
        }
        return local;
    }

    /** Leaving a reversed loop: the sums of its deferred reads go to their elements' shadows. */
    private void flushDeferred(List<Continuation.Flush> flushes) {
        for (Continuation.Flush flush : flushes) {
            LabelNode none = new LabelNode();
            out.add(new VarInsnNode(ALOAD, snapshotLocal[flush.reference().value]));
            out.add(new JumpInsnNode(IFNULL, none)); // no copy: the reads added to the shadow themselves
            shadowOf(flush.reference(), true);
            index(flush.index());
            out.add(new InsnNode(DUP2));
            out.add(new InsnNode(DALOAD));
            out.add(new VarInsnNode(DLOAD, sum.get(flush.at())));
            out.add(new InsnNode(DADD));
            out.add(new InsnNode(DASTORE));
            zero(sum.get(flush.at()));
            out.add(none);
        }
    }

    /**
     * Pops what a heap access taped (index, then reference: the reverse of the pushes) and pushes the shadow array
     * and slot it touched.
     */
    private void shadowSlot(HeapAccess access) {
        Recovery idx = access.index();
        Recovery ref = access.reference();
        if (idx != null && idx.kind == Recovery.Kind.PUSH) {
            popInt();
            out.add(new VarInsnNode(ISTORE, indexTmp));
        }
        if (ref != null && ref.kind == Recovery.Kind.PUSH) {
            popRef();
            out.add(new VarInsnNode(ASTORE, refTmp));
        }
        if (access.isStatic()) {
            out.add(new VarInsnNode(ALOAD, TAPE));
            out.add(Abi.slotConstant(access.owner(), access.field(), true));
            out.add(TapeMethod.STATIC_SHADOW.call());
            out.add(Abi.slotConstant(access.owner(), access.field(), true));
        } else if (!access.isElement()) {
            shadowOf(ref, false);
            out.add(Abi.slotConstant(access.owner(), access.field(), false));
        } else {
            shadowOf(ref, true);
            index(idx);
        }
    }

    /** A read's adjoint added to the shadow: {@code shadow[slot] += Δv} (or to its loop's sum, when deferred). */
    private void shadowAdd(int at, Statement.ShadowAdd s) {
        LabelNode done = null;
        int v = varAdjoint[s.var()];
        if (s.deferred()) {
            // with the copy made, the element's adjoint is summed across the loop (DerivativePlan.deferred)
            LabelNode direct = new LabelNode();
            done = new LabelNode();
            out.add(new VarInsnNode(ALOAD, snapshotLocal[s.access().reference().value]));
            out.add(new JumpInsnNode(IFNULL, direct));
            addTo(sum.get(at), v);
            out.add(new JumpInsnNode(GOTO, done));
            out.add(direct);
        }
        shadowSlot(s.access());
        out.add(new InsnNode(DUP2));
        out.add(new InsnNode(DALOAD));
        out.add(new VarInsnNode(DLOAD, v));
        out.add(new InsnNode(DADD));
        out.add(new InsnNode(DASTORE));
        if (done != null) {
            out.add(done);
        }
    }

    /** A write: {@code Δvalue += shadow[slot]; shadow[slot] = 0} (an increment keeps the shadow's adjoint). */
    private void shadowMove(Statement.ShadowMove s) {
        shadowSlot(s.access());
        if (s.target() != null) {
            int target = local(s.target());
            out.add(new InsnNode(DUP2));
            out.add(new InsnNode(DALOAD));
            out.add(new VarInsnNode(DLOAD, target));
            out.add(new InsnNode(DADD));
            out.add(new VarInsnNode(DSTORE, target));
        }
        if (s.increment()) {
            out.add(new InsnNode(POP2)); // an increment: the element keeps its adjoint (the read's partial is 1)
        } else {
            out.add(new InsnNode(DCONST_0));
            out.add(new InsnNode(DASTORE));
        }
    }

    private void unbox(Statement.UnboxAdd s) {
        Recovery ref = s.box();
        if (ref.kind == Recovery.Kind.PUSH) {
            popRef();
            out.add(new VarInsnNode(ASTORE, refTmp));
        }
        shadowOf(ref, false);
        out.add(new InsnNode(ICONST_0));
        out.add(new InsnNode(DUP2));
        out.add(new InsnNode(DALOAD));
        out.add(new VarInsnNode(DLOAD, varAdjoint[s.var()]));
        out.add(new InsnNode(DADD));
        out.add(new InsnNode(DASTORE));
    }

    private void box(Statement.BoxTake s) {
        popRef();
        out.add(new VarInsnNode(ASTORE, refTmp));
        int target = local(s.target());
        out.add(new VarInsnNode(DLOAD, target));
        out.add(new VarInsnNode(ALOAD, TAPE));
        out.add(new VarInsnNode(ALOAD, refTmp));
        out.add(TapeMethod.FIELD_SHADOW.call());
        out.add(new InsnNode(ICONST_0));
        out.add(new InsnNode(DALOAD));
        out.add(new InsnNode(DADD));
        out.add(new VarInsnNode(DSTORE, target));
    }

    /** A constructor that copied its parameters into fields: the fields' adjoints go back to the arguments. */
    private void forwarded(Statement.ForwardFields s) {
        popRef();
        out.add(new VarInsnNode(ASTORE, refTmp));
        out.add(new VarInsnNode(ALOAD, TAPE));
        out.add(new VarInsnNode(ALOAD, refTmp));
        out.add(TapeMethod.FIELD_SHADOW.call());
        out.add(new VarInsnNode(ASTORE, shadowTmp));
        for (Statement.ForwardedField f : s.fields()) {
            if (f.target() != null) {
                int target = local(f.target());
                out.add(new VarInsnNode(DLOAD, target));
                out.add(new VarInsnNode(ALOAD, shadowTmp));
                out.add(Abi.slotConstant(f.owner(), f.name(), false));
                out.add(new InsnNode(DALOAD));
                out.add(new InsnNode(DADD));
                out.add(new VarInsnNode(DSTORE, target));
            }
            out.add(new VarInsnNode(ALOAD, shadowTmp));
            out.add(Abi.slotConstant(f.owner(), f.name(), false));
            out.add(new InsnNode(DCONST_0));
            out.add(new InsnNode(DASTORE));
        }
    }

    /** A linked call: the callee's pullback with the result's adjoint, then the arguments' adjoints. */
    private void call(Statement.CallPullback s) {
        CallSite call = s.call();
        if (call.dispatches()) {
            Recovery ref = call.receiver();
            if (ref.kind == Recovery.Kind.PUSH) {
                popRef();
            } else {
                out.add(new VarInsnNode(ALOAD, frameLocal[ref.value]));
            }
            out.add(new TypeInsnNode(CHECKCAST, call.owner()));
        }
        out.add(new VarInsnNode(ALOAD, TAPE));
        int v = s.var() >= 0 ? varAdjoint[s.var()] : -1;
        if (v >= 0) {
            out.add(new VarInsnNode(DLOAD, v));
        } else {
            out.add(new InsnNode(DCONST_0));
        }
        calleePullback(call);
        if (v >= 0) {
            zero(v);
        }
        argumentAdjoints(call);
    }

    /** With (receiver?, tape, adjoint) on the stack: calls the callee's pullback, which pops the same stacks. */
    private void calleePullback(CallSite call) {
        writeBackTops();
        if (call.direct() != null) {
            out.add(new MethodInsnNode(INVOKESTATIC, plan.members.companion, call.direct()[1], Abi.REV_DESC, false));
        } else {
            String desc = "(" + (call.dispatches() ? Type.getObjectType(call.owner()).getDescriptor() : "")
                    + Abi.TAPE_DESC + "D)V";
            out.add(new InvokeDynamicInsnNode("rev", desc, Abi.CALL_BOOTSTRAP, call.opcode(), call.owner(),
                    call.name(), call.desc(), call.itf() ? 1 : 0, call.variedMask(), call.site()));
        }
        loadTops();
    }

    /** Adds the adjoints the callee's pullback left in {@code argAdj} to the arguments' adjoints. */
    private void argumentAdjoints(CallSite call) {
        for (Statement.ArgumentAdjoint a : call.arguments()) {
            if (a.target() == null) {
                continue;
            }
            int target = local(a.target());
            out.add(new VarInsnNode(DLOAD, target));
            out.add(new VarInsnNode(ALOAD, TAPE));
            out.add(TapeField.ARG_ADJ.get());
            out.add(new LdcInsnNode(a.index()));
            out.add(new InsnNode(DALOAD));
            out.add(new InsnNode(DADD));
            out.add(new VarInsnNode(DSTORE, target));
        }
    }

    // ---- values recovered ----

    /** Pushes the shadow of the reference an instruction used: cached for frame values, looked up otherwise. */
    private void shadowOf(Recovery ref, boolean array) {
        TapeMethod method = array ? TapeMethod.ARRAY_SHADOW : TapeMethod.FIELD_SHADOW;
        if (ref.kind == Recovery.Kind.FRAME) {
            out.add(new VarInsnNode(ALOAD, array ? arrayCache[ref.value] : fieldCache[ref.value]));
        } else {
            out.add(new VarInsnNode(ALOAD, TAPE));
            out.add(new VarInsnNode(ALOAD, refTmp));
            out.add(method.call());
        }
    }

    /** Pushes an index the pullback has without popping it. */
    private void index(Recovery idx) {
        if (idx.kind == Recovery.Kind.CONSTANT) {
            out.add(new LdcInsnNode(idx.value));
        } else if (idx.kind == Recovery.Kind.REBUILD) {
            recomputation.integer(idx.value);
        } else if (idx.kind == Recovery.Kind.FRAME) {
            out.add(new VarInsnNode(ILOAD, frameLocal[idx.value]));
        } else {
            out.add(new VarInsnNode(ILOAD, indexTmp));
        }
    }

    // ---- small pieces ----

    private void addTo(int target, int from) {
        out.add(new VarInsnNode(DLOAD, target));
        out.add(new VarInsnNode(DLOAD, from));
        out.add(new InsnNode(DADD));
        out.add(new VarInsnNode(DSTORE, target));
    }

    private void zero(int local) {
        out.add(new InsnNode(DCONST_0));
        out.add(new VarInsnNode(DSTORE, local));
    }

    private void popInt() {
        pop(1);
    }

    private void popRef() {
        pop(2);
    }

    /** Pops stack {@code k} (0 doubles, 1 ints, 2 references) from its cached array and top. */
    private void pop(int k) {
        out.add(new IincInsnNode(stackTop[k], -1));
        out.add(new VarInsnNode(ALOAD, stackArray[k]));
        out.add(new VarInsnNode(ILOAD, stackTop[k]));
        out.add(new InsnNode(k == 0 ? DALOAD : k == 1 ? IALOAD : AALOAD));
    }

    private void loadStacks() {
        for (int k = 0; k < 3; k++) {
            out.add(new VarInsnNode(ALOAD, TAPE));
            out.add(ARRAYS[k].get());
            out.add(new VarInsnNode(ASTORE, stackArray[k]));
        }
        loadTops();
    }

    private void loadTops() {
        for (int k = 0; k < 3; k++) {
            out.add(new VarInsnNode(ALOAD, TAPE));
            out.add(TOPS[k].get());
            out.add(new VarInsnNode(ISTORE, stackTop[k]));
        }
    }

    private void writeBackTops() {
        for (int k = 0; k < 3; k++) {
            out.add(new VarInsnNode(ALOAD, TAPE));
            out.add(new VarInsnNode(ILOAD, stackTop[k]));
            out.add(TOPS[k].put());
        }
    }

    private void throwIllegalState(String message) {
        out.add(new TypeInsnNode(NEW, "java/lang/IllegalStateException"));
        out.add(new InsnNode(DUP));
        out.add(new LdcInsnNode(message));
        out.add(new MethodInsnNode(INVOKESPECIAL, "java/lang/IllegalStateException", "<init>",
                "(Ljava/lang/String;)V", false));
        out.add(new InsnNode(ATHROW));
    }
}
