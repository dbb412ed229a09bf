package dev.adjoint.internal.plan;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.ir.FlowValue;
import dev.adjoint.internal.rules.Rule;
import dev.adjoint.internal.rules.Sym;

/**
 * The fifth stage: the partials the pullback may compute again instead of popping. A partial qualifies when it is a
 * function of array elements, constants and mirrored integers only, all read in the root's block; the arrays are
 * then mirrored, and at run time, when each of them is the gradient's input array (which nothing writes while the
 * gradient runs, {@code Tape.frozen}), the augmented primal does not tape the partial.
 */
public final class Rematerialization implements Opcodes {

    private static final Type OBJECT = Type.getObjectType("java/lang/Object");

    private final MethodFacts m;
    /** The mirrored locals, with the arrays the recomputed partials read. */
    final MirroredLocals mirrors;
    /** Per tree root, per partial: the frame entries of the arrays the partial is recomputed from, or null. */
    final Map<Integer, int[][]> remat = new HashMap<>();

    /**
     * @param enabled whether partials may be recomputed: not for a method whose derivative code would otherwise be
     *                too large
     */
    /**
     * @return for tree root {@code i}, per partial: the frame entries of the arrays it can be recomputed from in
     *         the pullback, or null for a partial that is always taped; null when every partial is taped
     */
    public int[][] of(int i) {
        int[][] r = remat.get(i);
        if (r == null) {
            return null;
        }
        int[][] copy = new int[r.length][];
        for (int k = 0; k < r.length; k++) {
            copy[k] = r[k] == null ? null : r[k].clone();
        }
        return copy;
    }

    Rematerialization(MethodFacts m, ExpressionForest forest, ValueRecovery recovery, boolean enabled) {
        this.m = m;
        this.mirrors = recovery.mirrors;
        if (enabled) {
            for (Map.Entry<Integer, ExpressionTree> e : forest.trees.entrySet()) {
                int[][] refs = recomputable(e.getKey(), e.getValue());
                if (refs != null) {
                    remat.put(e.getKey(), refs);
                }
            }
        }
    }

    private int[][] recomputable(int root, ExpressionTree t) {
        int[][] refs = null;
        for (int k = 0; k < t.partials.size(); k++) {
            Sym p = t.partials.get(k);
            BitSet slots = new BitSet();
            if (p.isConst() || !rematSym(p, root, slots, false) || slots.isEmpty()) {
                continue;
            }
            rematSym(p, root, slots, true);
            if (refs == null) {
                refs = new int[t.partials.size()][];
            }
            int[] frames = new int[slots.cardinality()];
            int f = 0;
            for (int slot = slots.nextSetBit(0); slot >= 0; slot = slots.nextSetBit(slot + 1)) {
                frames[f++] = mirrors.mirrorOf(slot);
            }
            refs[k] = frames;
        }
        return refs;
    }

    /**
     * Whether a partial is a function of array loads, constants and mirrored integers only; with {@code register},
     * mirrors what it reads.
     */
    private boolean rematSym(Sym s, int root, BitSet arraySlots, boolean register) {
        if (s instanceof Sym.Const) {
            return true;
        }
        if (s instanceof Sym.Saved) {
            Sym.Saved v = (Sym.Saved) s;
            int p = v.operand == Sym.Saved.RESULT ? v.node : m.soleProducer(v.node, v.operand);
            return rematValue(p, root, arraySlots, register, 0, false);
        }
        if (s instanceof Sym.Neg) {
            return rematSym(((Sym.Neg) s).a, root, arraySlots, register);
        }
        if (s instanceof Sym.Bin) {
            return rematSym(((Sym.Bin) s).a, root, arraySlots, register)
                    && rematSym(((Sym.Bin) s).b, root, arraySlots, register);
        }
        if (s instanceof Sym.Call) {
            for (Sym.Saved a : ((Sym.Call) s).args) {
                if (!rematSym(a, root, arraySlots, register)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Whether the value instruction {@code p} produced can be computed again in the pullback at {@code root}; when
     * {@code crossed}, {@code root} is the store of a local read in another block ({@link #rematStored}).
     */
    private boolean rematValue(int p, int root, BitSet arraySlots, boolean register, int depth, boolean crossed) {
        if (p < 0 || m.flow.isParameterNode(p) || depth > 12 || m.flow.blockOf(p) != m.flow.blockOf(root)) {
            return false;
        }
        AbstractInsnNode insn = m.insn(p);
        int op = insn.getOpcode();
        switch (op) {
            case DCONST_0: case DCONST_1: case FCONST_0: case FCONST_1: case FCONST_2:
                return true;
            case LDC:
                return ((LdcInsnNode) insn).cst instanceof Double || ((LdcInsnNode) insn).cst instanceof Float;
            case DALOAD: case FALOAD:
                return rematElement(p, root, arraySlots, register);
            case DADD: case DSUB: case DMUL: case DDIV: case FADD: case FSUB: case FMUL: case FDIV:
                return rematValue(m.soleProducer(p, 0), root, arraySlots, register, depth + 1, crossed)
                        && rematValue(m.soleProducer(p, 1), root, arraySlots, register, depth + 1, crossed);
            case DNEG: case FNEG: case D2F: case F2D:
                return rematValue(m.soleProducer(p, 0), root, arraySlots, register, depth + 1, crossed);
            case DLOAD: case FLOAD:
                return m.reachingStore(p) < 0
                        ? rematValue(m.storedValue(p), root, arraySlots, register, depth + 1, crossed)
                        : !crossed && rematStored(m.reachingStore(p), root, arraySlots, register, depth);
            case I2D: case I2F:
                if (!mirrors.rebuildableAt(p, 0, root)) {
                    return false;
                }
                if (register) {
                    mirrors.mirrorReads(p, 0);
                }
                return true;
            case INVOKESTATIC:
                return rematMathCall(p, root, arraySlots, register, depth, crossed);
            default:
                return false;
        }
    }

    /** An array element, when the array is a mirrorable local not written since and the index can be rebuilt. */
    private boolean rematElement(int p, int root, BitSet arraySlots, boolean register) {
        int q = m.producingInstruction(p, 0);
        if (q < 0 || m.opcode(q) != ALOAD) {
            return false;
        }
        int slot = ((VarInsnNode) m.insn(q)).var;
        if (!mirrors.mirrorable(slot, 'A') || m.writtenBetween(slot, q, root) || !mirrors.rebuildableAt(p, 1, root)) {
            return false;
        }
        if (register) {
            mirrors.mirror(slot, OBJECT);
            mirrors.mirrorReads(p, 1);
        }
        arraySlots.set(slot);
        return true;
    }

    /**
     * Methods larger than this do not compute locals again across blocks: each one recomputed grows the pullback
     * by the expression, and with the rule on in every method the corpus had three more pullbacks past HotSpot's
     * 8,000-byte compile limit than without it, where a GMM's objective (a few hundred instructions) gains most.
     */
    static final int MAX_STORED_INSTRUCTIONS = 1_000;

    /**
     * A local stored in another block than {@code root}'s, by the one store that reaches the read (a {@code centred}
     * set before the inner loop that reads it): its value is computed again at {@code root} from what the store read,
     * which must be recomputable where it was stored and unchanged on every path from the store to {@code root} that
     * does not store again. Only one such step is taken.
     */
    private boolean rematStored(int store, int root, BitSet arraySlots, boolean register, int depth) {
        if (m.size() > MAX_STORED_INSTRUCTIONS) {
            return false;
        }
        int v = m.soleProducer(store, 0);
        return rematValue(v, store, arraySlots, register, depth + 1, true)
                && !m.writtenOnPaths(localsRead(v, new BitSet()), store, root);
    }

    /** The locals the computation of the value {@code p} produced reads, through the locals it stores in its block. */
    private BitSet localsRead(int p, BitSet slots) {
        if (p < 0 || m.flow.isParameterNode(p)) {
            return slots;
        }
        int op = m.opcode(p);
        if (op >= ILOAD && op <= ALOAD) {
            slots.set(((VarInsnNode) m.insn(p)).var);
            if (op == DLOAD || op == FLOAD) {
                localsRead(m.storedValue(p), slots);
            }
            return slots;
        }
        for (int k = 0; k < m.flow.operands(p).length; k++) {
            localsRead(m.soleProducer(p, k), slots);
        }
        return slots;
    }

    /** A call of a pure {@code Math} function with a rule, on recomputable arguments. */
    private boolean rematMathCall(int p, int root, BitSet arraySlots, boolean register, int depth, boolean crossed) {
        Rule r = m.rule(p);
        MethodInsnNode mi = (MethodInsnNode) m.insn(p);
        if (r == null || !MethodFacts.isMathClass(mi.owner) || Type.getArgumentTypes(mi.desc).length == 0) {
            return false; // only pure functions are evaluated again
        }
        FlowValue[] ops = m.flow.operands(p);
        for (int k = 0; k < ops.length; k++) {
            boolean ok = ops[k].isFloating()
                    ? rematValue(m.soleProducer(p, k), root, arraySlots, register, depth + 1, crossed)
                    : ops[k].type() == Type.INT_TYPE && mirrors.rebuildableAt(p, k, root);
            if (!ok) {
                return false;
            }
            if (register && !ops[k].isFloating()) {
                mirrors.mirrorReads(p, k);
            }
        }
        return true;
    }
}
