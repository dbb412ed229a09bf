package dev.adjoint.internal.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The integer and reference locals that the pullback keeps in step with the primal instead of taping their values
 * at each use (the frame): their old value taped at each store, increments undone. This is the one result that
 * grows across stages: {@link ValueRecovery}, {@link Rematerialization} and {@link CountedLoops} each mirror the
 * locals they need, in that order, which fixes the numbering of the frame; the later stages only read it.
 */
final class MirroredLocals implements Opcodes {

    private final MethodFacts m;
    /**
     * Per local slot: 'I' when every write to it is an {@code istore} or {@code iinc}, 'A' when every write is an
     * {@code astore}; such a local can be mirrored. Otherwise 0.
     */
    private final char[] mirrorable;
    /** The mirrored locals, in the order they were first needed. */
    final List<FrameValue> frame = new ArrayList<>();
    private final Map<Integer, Integer> frameIndex = new LinkedHashMap<>();

    MirroredLocals(MethodFacts m) {
        this.m = m;
        this.mirrorable = findMirrorable(m.flow.method());
    }

    private char[] findMirrorable(MethodNode method) {
        int n = Math.max(method.maxLocals, 1);
        char[] kinds = new char[n];
        boolean[] spoiled = new boolean[n];
        int slot = (method.access & ACC_STATIC) == 0 ? 1 : 0;
        if (slot == 1) {
            kinds[0] = 'A';
        }
        for (Type t : Type.getArgumentTypes(method.desc)) {
            int sort = t.getSort();
            kinds[slot] = sort == Type.OBJECT || sort == Type.ARRAY ? 'A'
                    : sort == Type.INT || sort == Type.SHORT || sort == Type.BYTE || sort == Type.CHAR
                    || sort == Type.BOOLEAN ? 'I' : 0;
            spoiled[slot] |= kinds[slot] == 0;
            slot += t.getSize();
        }
        for (int i = 0; i < m.size(); i++) {
            AbstractInsnNode insn = m.insn(i);
            int op = insn.getOpcode();
            if (op == IINC) {
                int k = ((IincInsnNode) insn).var;
                spoiled[k] |= kinds[k] == 'A';
                kinds[k] = kinds[k] == 0 && !spoiled[k] ? 'I' : kinds[k];
            } else if (op >= ISTORE && op <= ASTORE) {
                int k = ((VarInsnNode) insn).var;
                char kind = op == ISTORE ? 'I' : op == ASTORE ? 'A' : 0;
                if (kind == 0 || kinds[k] != 0 && kinds[k] != kind) {
                    spoiled[k] = true;
                    if (op == LSTORE || op == DSTORE) {
                        spoiled[Math.min(k + 1, n - 1)] = true;
                    }
                } else {
                    kinds[k] = kind;
                }
            }
        }
        for (int k = 0; k < n; k++) {
            if (spoiled[k]) {
                kinds[k] = 0;
            }
        }
        return kinds;
    }

    /** Whether local {@code slot} can be mirrored as an int ({@code 'I'}) or a reference ({@code 'A'}). */
    boolean mirrorable(int slot, char kind) {
        return slot < mirrorable.length && mirrorable[slot] == kind;
    }

    /** The frame entry that mirrors local {@code slot}, created on first use. */
    int mirror(int slot, Type type) {
        Integer f = frameIndex.get(slot);
        if (f == null) {
            f = frame.size();
            frameIndex.put(slot, f);
            frame.add(new FrameValue(slot, type));
        }
        return f;
    }

    /** @return the frame entry that mirrors local {@code slot}, or -1 */
    int mirrorOf(int slot) {
        Integer f = frameIndex.get(slot);
        return f == null ? -1 : f;
    }

    /**
     * Whether the value operand {@code k} of instruction {@code i} has can be recomputed in the pullback: integer
     * arithmetic, in the same block, on constants, mirrorable locals not written since they were read, and lengths
     * of mirrorable arrays.
     */
    boolean rebuildable(int i, int k) {
        return rebuildableAt(i, k, i);
    }

    /** {@link #rebuildable}, for the value needed at instruction {@code at} (later in the block) rather than at i. */
    boolean rebuildableAt(int i, int k, int at) {
        return m.intArithmetic(i, k, m.flow.blockOf(at), 0, p -> {
            int slot = ((VarInsnNode) m.insn(p)).var;
            char kind = m.opcode(p) == ILOAD ? 'I' : 'A';
            return mirrorable(slot, kind) && !m.writtenBetween(slot, p, at);
        });
    }

    /** Mirrors the locals an expression reads (after {@link #rebuildable} accepted it). */
    void mirrorReads(int i, int k) {
        int p = m.soleProducer(i, k);
        AbstractInsnNode insn = m.insn(p);
        int op = insn.getOpcode();
        if (op == ILOAD) {
            mirror(((VarInsnNode) insn).var, Type.INT_TYPE);
        } else if (op == ALOAD) {
            mirror(((VarInsnNode) insn).var, Type.getObjectType("java/lang/Object"));
        } else if (op == ARRAYLENGTH) {
            mirrorReads(p, 0);
        } else if (op >= IADD && op <= IXOR) {
            mirrorReads(p, 0);
            mirrorReads(p, 1);
        }
    }

    /** Per instruction: whether it writes a mirrored local. */
    boolean[] writes() {
        boolean[] writes = new boolean[m.size()];
        for (int i = 0; i < m.size(); i++) {
            AbstractInsnNode insn = m.insn(i);
            int op = insn.getOpcode();
            int slot = op == IINC ? ((IincInsnNode) insn).var : op == ISTORE || op == ASTORE
                    ? ((VarInsnNode) insn).var : -1;
            writes[i] = slot >= 0 && m.isReachable(i) && frameIndex.containsKey(slot);
        }
        return writes;
    }
}
