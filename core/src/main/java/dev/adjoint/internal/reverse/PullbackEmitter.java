package dev.adjoint.internal.reverse;

import dev.adjoint.internal.bytecode.TapeField;
import dev.adjoint.internal.bytecode.TapeMethod;
import dev.adjoint.internal.plan.AdjointTarget;
import dev.adjoint.internal.plan.CountedLoop;
import dev.adjoint.internal.plan.DerivativePlan;
import dev.adjoint.internal.plan.EditedCopy;
import dev.adjoint.internal.plan.ExpressionTree;
import dev.adjoint.internal.plan.FrameValue;
import dev.adjoint.internal.plan.Recovery;
import dev.adjoint.internal.plan.Role;
import dev.adjoint.internal.bytecode.Abi;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
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

import dev.adjoint.internal.ir.Block;
import dev.adjoint.internal.ir.FlowValue;
import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.internal.rules.Sym;

/**
 * Writes the pullback {@code m$rev(Tape, double dOut)} of a method: the blocks of the method in reverse, each
 * running the adjoint statements of its instructions backwards and then going to the predecessor recorded on the
 * tape (the transposed control-flow graph, so loops stay loops). Adjoints live in locals: one per local slot that
 * holds an active value, one per adjoint variable of the plan. The adjoints of the floating-point parameters are
 * left in {@link dev.adjoint.internal.runtime.Tape#argAdj}.
 */
final class PullbackEmitter implements Opcodes {

    private static final int TAPE = 0;
    private static final int DOUT = 1;

    private final DerivativePlan plan;
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
    private final java.util.List<long[]> exitEdgeOrder = new ArrayList<>();
    private static final TapeField[] ARRAYS = {TapeField.D, TapeField.INTS, TapeField.REFS};
    private static final TapeField[] TOPS = {TapeField.D_TOP, TapeField.I_TOP, TapeField.O_TOP};
    private int lastLine = -1;
    /** Per thrower: the point of the pullback just before its own reverse (what ran before it). */
    private final Map<Integer, LabelNode> before = new HashMap<>();
    /** Per thrower: the entry that reverses what it did before it threw, then continues before it. */
    private final Map<Integer, LabelNode> resume = new HashMap<>();

    PullbackEmitter(DerivativePlan plan, String name, String unwindingVariant) {
        this.unwindingVariant = unwindingVariant;
        this.plan = plan;
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
        prologue();
        for (Block b : flow.blocks()) {
            if (b.reachable()) {
                reverseBlock(b);
            }
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
        for (int i = 0; i < flow.size(); i++) {
            if (plan.throwers[i]) {
                before.put(i, new LabelNode());
                resume.put(i, new LabelNode());
            }
        }
        for (Block b : flow.blocks()) {
            blockLabel[b.id()] = new LabelNode();
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
        List<Integer> all = new ArrayList<>(resume.keySet());
        resumeAt(all);
        out.add(normal);
        normalEntry();
    }

    /** Where the pullback starts when the augmented primal returned normally: at its exit. */
    private void normalEntry() {
        List<Integer> exits = plan.exits;
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
        java.util.Set<Integer> needed = new java.util.HashSet<>();
        plan.handlerThrowers.values().forEach(needed::addAll);
        for (Map.Entry<Integer, LabelNode> e : resume.entrySet()) {
            int i = e.getKey();
            if (unwindingVariant != null && !needed.contains(i)) {
                continue; // reached only by unwinding, which the variant does
            }
            out.add(e.getValue());
            // the latch of a counted loop counts its iteration on entry: the iteration the exception cut short is
            // reversed from here, so the count of whole iterations left to reverse is one less; a loop whose count
            // is derived has the whole iterations in its index
            for (int k = 0; k < counter.length; k++) {
                CountedLoop loop = plan.loops.get(k);
                if (loop.derived() && loop.body.get(flow.blockOf(i).id())) {
                    deriveCount(k);
                } else if (!loop.derived() && loop.latch == flow.blockOf(i).id()) {
                    out.add(new IincInsnNode(counter[k], -1));
                }
            }
            AbstractInsnNode insn = flow.insn(i);
            if (plan.role[i] == Role.CALL) {
                MethodInsnNode mi = (MethodInsnNode) insn;
                LabelNode skip = before.get(i);
                out.add(new VarInsnNode(ILOAD, unwoundBit));
                out.add(new JumpInsnNode(IFEQ, skip));
                String[] direct = plan.direct(i);
                boolean dispatches = direct == null && (mi.getOpcode() == INVOKEVIRTUAL
                        || mi.getOpcode() == INVOKEINTERFACE);
                if (mi.getOpcode() != INVOKESTATIC) {
                    popRef(); // the callee's receiver, taped by its abnormal exit
                    if (dispatches) {
                        out.add(new TypeInsnNode(CHECKCAST, mi.owner));
                    } else {
                        out.add(new InsnNode(POP));
                    }
                }
                out.add(new VarInsnNode(ALOAD, TAPE));
                out.add(new InsnNode(ICONST_1));
                out.add(TapeField.UNWINDING.put());
                out.add(new VarInsnNode(ALOAD, TAPE));
                out.add(new InsnNode(DCONST_0));
                calleePullback(i, mi, direct, dispatches);
                argumentAdjoints(i, mi);
            }
            out.add(new JumpInsnNode(GOTO, before.get(i)));
        }
    }

    private void epilogue() {
        out.add(end);
        writeBackTops();
        Type[] args = Type.getArgumentTypes(source.desc);
        int slot = (source.access & ACC_STATIC) == 0 ? 1 : 0;
        for (int j = 0; j < args.length; j++) {
            int sort = args[j].getSort();
            if (sort == Type.DOUBLE || sort == Type.FLOAT) {
                out.add(new VarInsnNode(ALOAD, TAPE));
                out.add(TapeField.ARG_ADJ.get());
                out.add(new LdcInsnNode(j));
                Integer adj = slotAdjoint.get(slot);
                if (adj == null) {
                    out.add(new InsnNode(DCONST_0));
                } else {
                    out.add(new VarInsnNode(DLOAD, adj));
                }
                out.add(new InsnNode(DASTORE));
            }
            slot += args[j].getSize();
        }
        out.add(new InsnNode(RETURN));
    }

    // ---- blocks ----

    private void reverseBlock(Block b) {
        out.add(blockLabel[b.id()]);
        lastLine = -1;
        for (int i = b.last(); i >= b.first(); i--) {
            if (plan.isReachable(i)) {
                reverse(i);
                LabelNode l = before.get(i);
                if (l != null) {
                    out.add(l);
                }
            }
        }
        List<Integer> from = plan.dispatch.get(b.id());
        CountedLoop loop = plan.headedLoop[b.id()];
        if (b.handlerEntry() && !plan.poisonsOnEntry[b.id()]) {
            popInt();
            out.add(new VarInsnNode(ISTORE, indexTmp));
            resumeAt(plan.handlerThrowers.getOrDefault(b.id(), new ArrayList<>()));
        } else if (loop != null) {
            // a counted loop's header: another iteration to reverse, or back out to where the loop was entered
            int c = counter[plan.loops.indexOf(loop)];
            LabelNode entered = new LabelNode();
            out.add(new VarInsnNode(ILOAD, c));
            out.add(new JumpInsnNode(IFLE, entered));
            out.add(new IincInsnNode(c, -1));
            out.add(new JumpInsnNode(GOTO, predecessor(loop.latch, b.id())));
            out.add(entered);
            flushDeferred(loop);
            out.add(new JumpInsnNode(GOTO, loop.entry == DerivativePlan.ENTRY ? end
                    : predecessor(loop.entry, b.id())));
        } else if (from.isEmpty()) {
            out.add(new JumpInsnNode(GOTO, end));
        } else if (from.size() == 1) {
            int p = from.get(0);
            out.add(new JumpInsnNode(GOTO, p == DerivativePlan.ENTRY ? end : predecessor(p, b.id())));
        } else {
            popInt();
            dispatchFrom(from, b.id());
        }
    }

    /**
     * Where the pullback goes from block {@code to} back to its predecessor {@code from}: the predecessor's reverse,
     * through code that pops the counts of the counted loops the edge left.
     */
    private LabelNode predecessor(int from, int to) {
        if (plan.loopsLeft(from, to).isEmpty()) {
            return blockLabel[from];
        }
        long key = ((long) from << 32) | to;
        LabelNode l = exitEdges.get(key);
        if (l == null) {
            l = new LabelNode();
            exitEdges.put(key, l);
            exitEdgeOrder.add(new long[] {from, to});
        }
        return l;
    }

    /** The code of the exit edges: pop the counts (outermost loop first), then reverse the predecessor. */
    private void exitEdgeCode() {
        for (long[] e : exitEdgeOrder) {
            int from = (int) e[0];
            int to = (int) e[1];
            out.add(exitEdges.get(((long) from << 32) | to));
            List<CountedLoop> left = plan.loopsLeft(from, to);
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
            out.add(new JumpInsnNode(GOTO, blockLabel[from]));
        }
    }

    /**
     * Sets the index of a loop that leaves only through its header's {@code if (index >= bound)}, where the
     * pullback enters it from its exit: the larger of the index's value on entry and the bound, both recomputed.
     */
    private void rebuildIndex(CountedLoop loop) {
        rebuild(plan.soleProducer(loop.start, 0));
        rebuild(plan.soleProducer(loop.exit, 1));
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
        rebuild(plan.soleProducer(loop.start, 0));
        out.add(new InsnNode(ISUB));
        out.add(new VarInsnNode(ISTORE, counter[k]));
    }

    /** Like {@link #dispatch}, to the predecessors of block {@code to}, through exit-edge code where needed. */
    private void dispatchFrom(List<Integer> targets, int to) {
        List<Integer> keys = new ArrayList<>(targets);
        keys.sort(Integer::compare);
        int[] k = new int[keys.size()];
        LabelNode[] labels = new LabelNode[keys.size()];
        for (int x = 0; x < k.length; x++) {
            k[x] = keys.get(x);
            labels[x] = k[x] == DerivativePlan.ENTRY ? end : predecessor(k[x], to);
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

    // ---- instructions ----

    private void reverse(int i) {
        AbstractInsnNode insn = flow.insn(i);
        int op = insn.getOpcode();
        Role role = plan.role[i];
        int mark = out.size();
        if (plan.writesMirror[i]) {
            restoreMirror(i);
        }
        switch (role) {
            case ROOT:
                distribute(i);
                break;
            case LOCAL_TEMP: {
                int slot = ((VarInsnNode) insn).var;
                addTo(slotAdjoint.get(slot), varAdjoint[plan.var[i]]);
                zero(varAdjoint[plan.var[i]]);
                break;
            }
            case HEAP_LOAD:
                if (!plan.incrementVars.get(plan.var[i])) {
                    heap(i, true);
                } // else the read of an increment: its adjoint stayed in the shadow
                break;
            case UNBOX:
                unbox(i);
                break;
            case CALL:
                call(i);
                break;
            case PHI_ZERO:
                zero(varAdjoint[plan.var[i]]);
                break;
            case FORWARD_NEW:
                forwarded(i);
                break;
            default:
                break;
        }
        if (role == Role.NONE || role == Role.PHI_ZERO) {
            switch (op) {
                case DSTORE:
                case FSTORE: {
                    Integer adj = slotAdjoint.get(((VarInsnNode) insn).var);
                    if (adj != null) {
                        AdjointTarget t = plan.operandTarget(i, 0);
                        if (t != null) {
                            addTo(target(t), adj);
                        }
                        zero(adj);
                    }
                    break;
                }
                case DRETURN:
                case FRETURN: {
                    AdjointTarget t = plan.operandTarget(i, 0);
                    if (t != null) {
                        addTo(target(t), DOUT);
                    }
                    break;
                }
                case DASTORE:
                case FASTORE:
                case PUTFIELD:
                case PUTSTATIC:
                    if (op == DASTORE || op == FASTORE || DerivativePlan.isFloating(((FieldInsnNode) insn).desc)) {
                        heap(i, false);
                    }
                    break;
                case INVOKESTATIC:
                    if (plan.refNeed[i] != null) {
                        box(i);
                    }
                    break;
                default:
                    break;
            }
        }
        if (out.size() > mark) {
            markLine(i, mark);
        }
    }

    private void markLine(int i, int mark) {
        int line = flow.line(i);
        if (line < 0 || line == lastLine) {
            return;
        }
        lastLine = line;
        LabelNode l = new LabelNode();
        AbstractInsnNode at = out.get(mark);
        out.insertBefore(at, l);
        out.insertBefore(at, new LineNumberNode(line, l));
    }

    /** A tree root: its adjoint times each taped (or constant) partial, added to each leaf. */
    private void distribute(int i) {
        ExpressionTree tree = plan.trees.get(i);
        int v = varAdjoint[plan.var[i]];
        out.add(new VarInsnNode(DLOAD, v));
        out.add(new VarInsnNode(DSTORE, tmp));
        zero(v);
        int[][] remat = plan.remat.get(i);
        int[] partialLocal = remat == null ? null : partialsInLocals(i, tree, remat);
        for (int k = tree.leaves.size() - 1; k >= 0; k--) {
            AdjointTarget leaf = tree.leaves.get(k);
            if (!leaf.slot && plan.incrementVars.get(leaf.id)) {
                continue; // the read of an increment (partial 1): its element kept the adjoint
            }
            int target = target(leaf);
            Sym p = tree.partials.get(k);
            out.add(new VarInsnNode(DLOAD, target));
            out.add(new VarInsnNode(DLOAD, tmp));
            if (p.isConst(1)) {
                out.add(new InsnNode(DADD));
            } else if (p.isConst(-1)) {
                out.add(new InsnNode(DSUB));
            } else {
                if (p.isConst()) {
                    EditedCopy.pushDouble(out, ((Sym.Const) p).value);
                } else if (partialLocal != null) {
                    out.add(new VarInsnNode(DLOAD, partialLocal[k]));
                } else {
                    pop(0);
                }
                out.add(new InsnNode(DMUL));
                out.add(new InsnNode(DADD));
            }
            out.add(new VarInsnNode(DSTORE, target));
        }
    }

    /**
     * The partials of a tree with recomputable ones (see {@code DerivativePlan.remat}) in locals: those computed
     * again from the frozen input when every array they read is it, else popped like the others, in the reverse
     * of the order the augmented primal pushed them (recomputable ones last).
     */
    private int[] partialsInLocals(int i, ExpressionTree tree, int[][] remat) {
        List<int[]> groups = AugmentedPrimalEmitter.rematGroups(remat);
        int[] order = AugmentedPrimalEmitter.rematLast(remat, groups);
        int[] local = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            local[k] = tree.partials.get(k).isConst() ? -1 : newLocal(2);
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
                    recompute(tree.partials.get(k), values, arrays);
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

    /**
     * A read ({@code load}) or write of a floating-point array element or field. A read adds its adjoint to the
     * shadow; a write moves the shadow's adjoint to the stored value and zeroes it, since the old value is gone.
     */
    /** Leaving a reversed loop: the sums of its deferred reads go to their elements' shadows. */
    private void flushDeferred(CountedLoop loop) {
        for (Map.Entry<Integer, CountedLoop> e : plan.deferred.entrySet()) {
            if (e.getValue() != loop) {
                continue;
            }
            int h = e.getKey();
            LabelNode none = new LabelNode();
            out.add(new VarInsnNode(ALOAD, snapshotLocal[plan.refNeed[h].value]));
            out.add(new JumpInsnNode(IFNULL, none)); // no copy: the reads added to the shadow themselves
            shadowOf(plan.refNeed[h], true);
            index(plan.indexNeed[h]);
            out.add(new InsnNode(DUP2));
            out.add(new InsnNode(DALOAD));
            out.add(new VarInsnNode(DLOAD, sum.get(h)));
            out.add(new InsnNode(DADD));
            out.add(new InsnNode(DASTORE));
            zero(sum.get(h));
            out.add(none);
        }
    }

    /** Pushes an index the pullback has without popping it. */
    private void index(Recovery idx) {
        if (idx.kind == Recovery.Kind.CONSTANT) {
            out.add(new LdcInsnNode(idx.value));
        } else if (idx.kind == Recovery.Kind.REBUILD) {
            rebuild(idx.value);
        } else if (idx.kind == Recovery.Kind.FRAME) {
            out.add(new VarInsnNode(ILOAD, frameLocal[idx.value]));
        } else {
            out.add(new VarInsnNode(ILOAD, indexTmp));
        }
    }

    private void heap(int i, boolean load) {
        Integer deferredSum = load ? sum.get(i) : null;
        LabelNode done = null;
        if (deferredSum != null) {
            // with the copy made, the element's adjoint is summed across the loop (DerivativePlan.deferred)
            LabelNode direct = new LabelNode();
            done = new LabelNode();
            out.add(new VarInsnNode(ALOAD, snapshotLocal[plan.refNeed[i].value]));
            out.add(new JumpInsnNode(IFNULL, direct));
            addTo(deferredSum, varAdjoint[plan.var[i]]);
            out.add(new JumpInsnNode(GOTO, done));
            out.add(direct);
        }
        FieldInsnNode field = flow.insn(i) instanceof FieldInsnNode ? (FieldInsnNode) flow.insn(i) : null;
        int op = flow.insn(i).getOpcode();
        boolean isStatic = op == GETSTATIC || op == PUTSTATIC;
        Recovery idx = plan.indexNeed[i];
        Recovery ref = plan.refNeed[i];
        // pops in the reverse order of the pushes: index, then reference
        if (idx != null && idx.kind == Recovery.Kind.PUSH) {
            popInt();
            out.add(new VarInsnNode(ISTORE, indexTmp));
        }
        if (ref != null && ref.kind == Recovery.Kind.PUSH) {
            popRef();
            out.add(new VarInsnNode(ASTORE, refTmp));
        }
        // shadow array and slot on the stack
        if (isStatic) {
            out.add(new VarInsnNode(ALOAD, TAPE));
            out.add(Abi.slotConstant(field.owner, field.name, true));
            out.add(TapeMethod.STATIC_SHADOW.call());
            out.add(Abi.slotConstant(field.owner, field.name, true));
        } else if (field != null) {
            shadowOf(ref, false);
            out.add(Abi.slotConstant(field.owner, field.name, false));
        } else {
            shadowOf(ref, true);
            index(idx);
        }
        if (load) {
            // shadow[slot] += adjoint; adjoint = 0
            int v = varAdjoint[plan.var[i]];
            out.add(new InsnNode(DUP2));
            out.add(new InsnNode(DALOAD));
            out.add(new VarInsnNode(DLOAD, v));
            out.add(new InsnNode(DADD));
            out.add(new InsnNode(DASTORE));
            if (done != null) {
                out.add(done);
            }
            zero(v);
        } else {
            // value adjoint += shadow[slot]; shadow[slot] = 0
            int valueOperand = op == PUTSTATIC ? 0 : op == PUTFIELD ? 1 : 2;
            AdjointTarget t = plan.operandTarget(i, valueOperand);
            if (t != null) {
                int target = target(t);
                out.add(new InsnNode(DUP2));
                out.add(new InsnNode(DALOAD));
                out.add(new VarInsnNode(DLOAD, target));
                out.add(new InsnNode(DADD));
                out.add(new VarInsnNode(DSTORE, target));
            }
            if (plan.increment[i]) {
                out.add(new InsnNode(POP2)); // an increment: the element keeps its adjoint (the read's partial is 1)
            } else {
                out.add(new InsnNode(DCONST_0));
                out.add(new InsnNode(DASTORE));
            }
        }
    }

    /** A write of a mirrored local, undone: an increment subtracted, a store's old value popped. */
    private void restoreMirror(int i) {
        AbstractInsnNode insn = flow.insn(i);
        if (insn.getOpcode() == IINC) {
            org.objectweb.asm.tree.IincInsnNode inc = (org.objectweb.asm.tree.IincInsnNode) insn;
            out.add(new IincInsnNode(frameLocal[plan.mirrorOf(inc.var)], -inc.incr));
            return;
        }
        int f = plan.mirrorOf(((VarInsnNode) insn).var);
        if (insn.getOpcode() == ISTORE) {
            popInt();
            out.add(new VarInsnNode(ISTORE, frameLocal[f]));
        } else {
            popRef();
            out.add(new VarInsnNode(ASTORE, frameLocal[f]));
            fetchShadows(f);
        }
    }

    /** Pushes the value of a partial, computed again from the frozen input (see {@code DerivativePlan.remat}). */
    private void recompute(Sym s, Map<Integer, Integer> values, Map<Integer, Integer> arrays) {
        if (s instanceof Sym.Const) {
            EditedCopy.pushDouble(out, ((Sym.Const) s).value);
        } else if (s instanceof Sym.Saved) {
            Sym.Saved v = (Sym.Saved) s;
            toDouble(recomputeValue(v.operand == Sym.Saved.RESULT ? v.node : plan.soleProducer(v.node, v.operand),
                    values, arrays));
        } else if (s instanceof Sym.Neg) {
            recompute(((Sym.Neg) s).a, values, arrays);
            out.add(new InsnNode(DNEG));
        } else if (s instanceof Sym.Bin) {
            Sym.Bin b = (Sym.Bin) s;
            recompute(b.a, values, arrays);
            recompute(b.b, values, arrays);
            out.add(new InsnNode(b.op == '+' ? DADD : b.op == '-' ? DSUB : b.op == '*' ? DMUL : DDIV));
        } else {
            Sym.Call c = (Sym.Call) s;
            Type[] params = Type.getArgumentTypes(c.descriptor);
            for (int k = 0; k < c.args.size(); k++) {
                Sym.Saved a = c.args.get(k);
                Type t = recomputeValue(a.operand == Sym.Saved.RESULT ? a.node : plan.soleProducer(a.node, a.operand),
                        values, arrays);
                if (t.getSort() != params[k].getSort()) {
                    toDouble(t);
                    if (params[k].getSort() == Type.FLOAT) {
                        out.add(new InsnNode(D2F));
                    }
                }
            }
            out.add(new MethodInsnNode(INVOKESTATIC, c.owner, c.name, c.descriptor, false));
        }
    }

    /**
     * Pushes, computed again, the value that instruction {@code p} produced; returns its type. Each value is
     * computed once per tree ({@code values}: instruction to local), each array cast once ({@code arrays}).
     */
    private Type recomputeValue(int p, Map<Integer, Integer> values, Map<Integer, Integer> arrays) {
        AbstractInsnNode insn = flow.insn(p);
        int op = insn.getOpcode();
        if (op == DLOAD || op == FLOAD) {
            return recomputeValue(plan.storedValue(p), values, arrays);
        }
        Type type = op == INVOKESTATIC ? Type.getReturnType(((MethodInsnNode) insn).desc) : flow.result(p).type();
        Integer kept = values.get(p);
        if (kept != null) {
            out.add(new VarInsnNode(type.getOpcode(ILOAD), kept));
            return type;
        }
        switch (op) {
            case DALOAD:
            case FALOAD: {
                int f = plan.mirrorOf(((VarInsnNode) flow.insn(plan.soleProducer(p, 0))).var);
                Integer array = arrays.get(f);
                if (array == null) {
                    array = newLocal(1);
                    arrays.put(f, array);
                    out.add(new VarInsnNode(ALOAD, snapshotLocal[f] >= 0 ? snapshotLocal[f] : frameLocal[f]));
                    out.add(new TypeInsnNode(CHECKCAST, op == DALOAD ? "[D" : "[F"));
                    out.add(new VarInsnNode(ASTORE, array));
                }
                out.add(new VarInsnNode(ALOAD, array));
                rebuild(plan.soleProducer(p, 1));
                out.add(new InsnNode(op));
                break;
            }
            case I2D:
            case I2F:
                rebuild(plan.soleProducer(p, 0));
                out.add(new InsnNode(op));
                break;
            case INVOKESTATIC: {
                FlowValue[] ops = flow.operands(p);
                for (int k = 0; k < ops.length; k++) {
                    if (ops[k].isFloating()) {
                        recomputeValue(plan.soleProducer(p, k), values, arrays);
                    } else {
                        rebuild(plan.soleProducer(p, k));
                    }
                }
                out.add(insn.clone(null));
                break;
            }
            default:
                for (int k = 0; k < flow.operands(p).length; k++) { // arithmetic and conversions
                    recomputeValue(plan.soleProducer(p, k), values, arrays);
                }
                out.add(insn.clone(null));
                break;
        }
        if (flow.operands(p).length > 0) {
            int l = newLocal(type.getSize());
            values.put(p, l);
            out.add(new InsnNode(type.getSize() == 2 ? DUP2 : DUP));
            out.add(new VarInsnNode(type.getOpcode(ISTORE), l));
        }
        return type;
    }

    private void toDouble(Type t) {
        if (t.getSort() == Type.FLOAT) {
            out.add(new InsnNode(F2D));
        } else if (t.getSort() == Type.INT) {
            out.add(new InsnNode(I2D));
        }
    }

    /** Recomputes, from mirrored locals and constants, the integer an instruction produced in the primal. */
    private void rebuild(int p) {
        AbstractInsnNode insn = flow.insn(p);
        int op = insn.getOpcode();
        switch (op) {
            case ILOAD:
                out.add(new VarInsnNode(ILOAD, frameLocal[plan.mirrorOf(((VarInsnNode) insn).var)]));
                return;
            case ALOAD:
                out.add(new VarInsnNode(ALOAD, frameLocal[plan.mirrorOf(((VarInsnNode) insn).var)]));
                return;
            case ARRAYLENGTH:
                rebuild(plan.soleProducer(p, 0));
                out.add(new TypeInsnNode(CHECKCAST, flow.operands(p)[0].type().getInternalName()));
                out.add(new InsnNode(ARRAYLENGTH));
                return;
            default:
                if (op >= IADD && op <= IXOR) {
                    rebuild(plan.soleProducer(p, 0));
                    rebuild(plan.soleProducer(p, 1));
                    out.add(new InsnNode(op));
                } else {
                    out.add(insn.clone(null)); // an integer constant
                }
        }
    }

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

    private void unbox(int i) {
        Recovery ref = plan.refNeed[i];
        if (ref.kind == Recovery.Kind.PUSH) {
            popRef();
            out.add(new VarInsnNode(ASTORE, refTmp));
        }
        shadowOf(ref, false);
        int v = varAdjoint[plan.var[i]];
        out.add(new InsnNode(ICONST_0));
        out.add(new InsnNode(DUP2));
        out.add(new InsnNode(DALOAD));
        out.add(new VarInsnNode(DLOAD, v));
        out.add(new InsnNode(DADD));
        out.add(new InsnNode(DASTORE));
        zero(v);
    }

    private void box(int i) {
        popRef();
        out.add(new VarInsnNode(ASTORE, refTmp));
        AdjointTarget t = plan.operandTarget(i, 0);
        int target = target(t);
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
    private void forwarded(int i) {
        popRef();
        out.add(new VarInsnNode(ASTORE, refTmp));
        out.add(new VarInsnNode(ALOAD, TAPE));
        out.add(new VarInsnNode(ALOAD, refTmp));
        out.add(TapeMethod.FIELD_SHADOW.call());
        out.add(new VarInsnNode(ASTORE, shadowTmp));
        String[] to = plan.forwards.get(i);
        for (int k = to.length - 1; k >= 0; k--) {
            if (to[k] == null) {
                continue;
            }
            int dot = to[k].lastIndexOf('.');
            org.objectweb.asm.tree.InvokeDynamicInsnNode slot = Abi.slotConstant(to[k].substring(0, dot),
                    to[k].substring(dot + 1),
                    false);
            AdjointTarget t = plan.operandTarget(i, plan.forwardedOperand(i, k));
            if (t != null) {
                int target = target(t);
                out.add(new VarInsnNode(DLOAD, target));
                out.add(new VarInsnNode(ALOAD, shadowTmp));
                out.add(slot);
                out.add(new InsnNode(DALOAD));
                out.add(new InsnNode(DADD));
                out.add(new VarInsnNode(DSTORE, target));
            }
            out.add(new VarInsnNode(ALOAD, shadowTmp));
            out.add(Abi.slotConstant(to[k].substring(0, dot), to[k].substring(dot + 1), false));
            out.add(new InsnNode(DCONST_0));
            out.add(new InsnNode(DASTORE));
        }
    }

    /** A linked call: the callee's pullback with the result's adjoint, then the arguments' adjoints. */
    private void call(int i) {
        MethodInsnNode mi = (MethodInsnNode) flow.insn(i);
        int op = mi.getOpcode();
        String[] direct = plan.direct(i);
        boolean dispatches = direct == null && (op == INVOKEVIRTUAL || op == INVOKEINTERFACE);
        Recovery ref = plan.refNeed[i];
        if (dispatches) {
            if (ref.kind == Recovery.Kind.PUSH) {
                popRef();
            } else {
                out.add(new VarInsnNode(ALOAD, frameLocal[ref.value]));
            }
            out.add(new TypeInsnNode(CHECKCAST, mi.owner));
        }
        out.add(new VarInsnNode(ALOAD, TAPE));
        int v = plan.var[i] >= 0 ? varAdjoint[plan.var[i]] : -1;
        if (v >= 0) {
            out.add(new VarInsnNode(DLOAD, v));
        } else {
            out.add(new InsnNode(DCONST_0));
        }
        calleePullback(i, mi, direct, dispatches);
        if (v >= 0) {
            zero(v);
        }
        argumentAdjoints(i, mi);
    }

    /** With (receiver?, tape, adjoint) on the stack: calls the callee's pullback, which pops the same stacks. */
    private void calleePullback(int i, MethodInsnNode mi, String[] direct, boolean dispatches) {
        writeBackTops();
        calleePullbackCall(i, mi, direct, dispatches);
        loadTops();
    }

    private void calleePullbackCall(int i, MethodInsnNode mi, String[] direct, boolean dispatches) {
        if (direct != null) {
            out.add(new MethodInsnNode(INVOKESTATIC, plan.members.companion, direct[1], Abi.REV_DESC, false));
        } else {
            String desc = "(" + (dispatches ? Type.getObjectType(mi.owner).getDescriptor() : "") + Abi.TAPE_DESC
                    + "D)V";
            out.add(new InvokeDynamicInsnNode("rev", desc, Abi.CALL_BOOTSTRAP, mi.getOpcode(), mi.owner, mi.name,
                    mi.desc, mi.itf ? 1 : 0, plan.variedMask(i), plan.site(i)));
        }
    }

    /** Adds the adjoints the callee's pullback left in {@code argAdj} to the arguments' adjoints. */
    private void argumentAdjoints(int i, MethodInsnNode mi) {
        FlowValue[] ops = flow.operands(i);
        int first = mi.getOpcode() == INVOKESTATIC ? 0 : 1;
        for (int k = ops.length - 1; k >= first; k--) {
            if (!ops[k].isFloating()) {
                continue;
            }
            AdjointTarget t = plan.operandTarget(i, k);
            if (t == null) {
                continue;
            }
            int target = target(t);
            out.add(new VarInsnNode(DLOAD, target));
            out.add(new VarInsnNode(ALOAD, TAPE));
            out.add(TapeField.ARG_ADJ.get());
            out.add(new LdcInsnNode(k - first));
            out.add(new InsnNode(DALOAD));
            out.add(new InsnNode(DADD));
            out.add(new VarInsnNode(DSTORE, target));
        }
    }

    // ---- small pieces ----

    private int target(AdjointTarget t) {
        return t.slot ? slotAdjoint.get(t.id) : varAdjoint[t.id];
    }

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
