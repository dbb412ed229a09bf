package dev.adjoint.internal.reverse;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.adjoint.Adjoint;
import dev.adjoint.internal.bytecode.TapeField;
import dev.adjoint.internal.plan.DerivativePlan;

/**
 * Where things live in a pullback {@code m$rev(Tape, double dOut)}: the locals of the adjoints (one per local slot
 * that holds an active value, one per adjoint variable of the plan), of the values it reads back (the frame, its
 * copies and shadows), of the counts of counted loops, and the tape's three stacks cached in locals, with the small
 * pieces of code that use them. The code is written to {@link #out}.
 */
final class PullbackLocals implements Opcodes {

    static final int TAPE = 0;
    static final int DOUT = 1;
    private static final TapeField[] ARRAYS = {TapeField.D, TapeField.INTS, TapeField.REFS};
    private static final TapeField[] TOPS = {TapeField.D_TOP, TapeField.I_TOP, TapeField.O_TOP};

    final InsnList out = new InsnList();
    private int nextLocal = 3;
    private final Map<Integer, Integer> slotAdjoint = new HashMap<>();
    private final int[] varAdjoint;
    /** Per frame entry: the local the value is popped into, and the shadows of its array and its fields. */
    final int[] frameLocal;
    final int[] arrayCache;
    final int[] fieldCache;
    /** Per frame entry: the local of the copy its array has (see {@code Snapshots}), or -1. */
    final int[] snapshotLocal;
    /** Per deferred read (see {@code DerivativePlan.deferred}): the local that sums its adjoints in its loop. */
    final Map<Integer, Integer> sum = new HashMap<>();
    /** The adjoint of the tree being reversed, held while its partials are distributed. */
    final int tmp;
    final int refTmp;
    final int indexTmp;
    final int shadowTmp;
    /** {@code Tape.frozen}, read once. */
    final int frozen;
    final int unwoundBit;
    /** Per counted loop: the iterations still to reverse. */
    final int[] counter;
    /** The tape's stacks cached in locals: array and top of doubles, ints, references. */
    private final int[] stackArray = new int[3];
    private final int[] stackTop = new int[3];

    PullbackLocals(DerivativePlan plan) {
        for (int k : plan.variables().slots()) {
            slotAdjoint.put(k, newLocal(2));
        }
        varAdjoint = new int[plan.variables().count()];
        for (int v = 0; v < plan.variables().count(); v++) {
            varAdjoint[v] = newLocal(2);
        }
        int frames = plan.frame().size();
        frameLocal = new int[frames];
        arrayCache = new int[frames];
        fieldCache = new int[frames];
        snapshotLocal = new int[frames];
        Arrays.fill(snapshotLocal, -1);
        for (int f = 0; f < frames; f++) {
            if (plan.frame().copied(f)) {
                snapshotLocal[f] = newLocal(1);
            }
            frameLocal[f] = newLocal(1);
            arrayCache[f] = newLocal(1);
            fieldCache[f] = newLocal(1);
        }
        for (int h : plan.deferredReads().reads().keySet()) {
            sum.put(h, newLocal(2));
        }
        tmp = newLocal(2);
        refTmp = newLocal(1);
        indexTmp = newLocal(1);
        shadowTmp = newLocal(1);
        frozen = newLocal(1);
        unwoundBit = newLocal(1);
        counter = new int[plan.countedLoops().loops().size()];
        for (int k = 0; k < counter.length; k++) {
            counter[k] = newLocal(1);
        }
        for (int k = 0; k < 3; k++) {
            stackArray[k] = newLocal(1);
            stackTop[k] = newLocal(1);
        }
    }

    int newLocal(int size) {
        int l = nextLocal;
        nextLocal += size;
        return l;
    }

    /** The number of locals the pullback uses. */
    int maxLocals() {
        return nextLocal;
    }

    /** Gives every local a value before the first branch: adjoints and sums zero, the frozen input read. */
    void initialize() {
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
    }

    /** The local an adjoint lives in. */
    int local(Adjoint a) {
        switch (a.kind()) {
            case LOCAL:
                return slotAdjoint.get(a.id());
            case VALUE:
                return varAdjoint[a.id()];
            default:
                return DOUT;
        }
    }

    /** The local of adjoint variable {@code var}. */
    int variable(int var) {
        return varAdjoint[var];
    }

    // ---- small pieces ----

    void addTo(int target, int from) {
        out.add(new VarInsnNode(DLOAD, target));
        out.add(new VarInsnNode(DLOAD, from));
        out.add(new InsnNode(DADD));
        out.add(new VarInsnNode(DSTORE, target));
    }

    void zero(int local) {
        out.add(new InsnNode(DCONST_0));
        out.add(new VarInsnNode(DSTORE, local));
    }

    void throwIllegalState(String message) {
        out.add(new TypeInsnNode(NEW, "java/lang/IllegalStateException"));
        out.add(new InsnNode(DUP));
        out.add(new LdcInsnNode(message));
        out.add(new MethodInsnNode(INVOKESPECIAL, "java/lang/IllegalStateException", "<init>",
                "(Ljava/lang/String;)V", false));
        out.add(new InsnNode(ATHROW));
    }

    // ---- the tape's stacks ----

    void popDouble() {
        pop(0);
    }

    void popInt() {
        pop(1);
    }

    void popRef() {
        pop(2);
    }

    /** Pops stack {@code k} (0 doubles, 1 ints, 2 references) from its cached array and top. */
    private void pop(int k) {
        out.add(new IincInsnNode(stackTop[k], -1));
        out.add(new VarInsnNode(ALOAD, stackArray[k]));
        out.add(new VarInsnNode(ILOAD, stackTop[k]));
        out.add(new InsnNode(k == 0 ? DALOAD : k == 1 ? IALOAD : AALOAD));
    }

    void loadStacks() {
        for (int k = 0; k < 3; k++) {
            out.add(new VarInsnNode(ALOAD, TAPE));
            out.add(ARRAYS[k].get());
            out.add(new VarInsnNode(ASTORE, stackArray[k]));
        }
        loadTops();
    }

    /** After a callee's pullback, which popped the same stacks. */
    void loadTops() {
        for (int k = 0; k < 3; k++) {
            out.add(new VarInsnNode(ALOAD, TAPE));
            out.add(TOPS[k].get());
            out.add(new VarInsnNode(ISTORE, stackTop[k]));
        }
    }

    /** Before a callee's pullback or the return: the tape's tops as this pullback left them. */
    void writeBackTops() {
        for (int k = 0; k < 3; k++) {
            out.add(new VarInsnNode(ALOAD, TAPE));
            out.add(new VarInsnNode(ILOAD, stackTop[k]));
            out.add(TOPS[k].put());
        }
    }
}
