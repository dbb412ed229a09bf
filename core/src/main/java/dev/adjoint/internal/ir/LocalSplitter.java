package dev.adjoint.internal.ir;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Gives each kind of value a local slot holds its own slot. Compilers reuse a slot for variables of different
 * types in disjoint scopes ({@code int c} in one loop, {@code double[] centered} after it); the verifier guarantees
 * that a load of one kind only ever reads a store of the same kind, so moving all accesses of one kind to a fresh
 * slot keeps the meaning. Afterwards a slot holds one kind only, which lets the planner mirror it instead of taping
 * what is read from it. A {@code long} or {@code double} also occupies the slot above its own, and javac reuses
 * that one too ({@code double t} in one block, {@code int i} in the next): the upper half counts as a kind of its
 * own that never moves, so the other kinds there move out of its way.
 */
public final class LocalSplitter {

    private static final int KINDS = 6;

    /** The pseudo-kind of the upper slot of a {@code long} or {@code double}: it moves with its lower slot. */
    private static final int UPPER = 5;

    private LocalSplitter() {
    }

    /**
     * Splits the slots of {@code m} in place. The kind a parameter arrives with keeps its slot.
     *
     * @param m a method with code
     */
    public static void split(MethodNode m) {
        int n = m.maxLocals;
        if (n == 0) {
            return;
        }
        // the kinds each slot is used with, as a bit set over I, J, F, D, A and the upper half of J or D
        int[] kinds = new int[n];
        int[] home = new int[n];
        java.util.Arrays.fill(home, -1);
        int slot = (m.access & Opcodes.ACC_STATIC) == 0 ? 1 : 0;
        if (slot == 1) {
            kinds[0] = 1 << 4;
            home[0] = 4;
        }
        for (Type t : Type.getArgumentTypes(m.desc)) {
            int k = kindOf(t.getOpcode(Opcodes.ILOAD));
            kinds[slot] |= 1 << k;
            home[slot] = k;
            if (t.getSize() == 2) {
                kinds[slot + 1] |= 1 << UPPER;
            }
            slot += t.getSize();
        }
        for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            int s = slotOf(insn);
            if (s >= 0) {
                int k = kindOf(insn.getOpcode());
                kinds[s] |= 1 << k;
                if (home[s] < 0) {
                    home[s] = k;
                }
                if (k == 1 || k == 3) {
                    kinds[s + 1] |= 1 << UPPER;
                }
            }
        }
        for (int s = slot; s < n; s++) {
            if ((kinds[s] & 1 << UPPER) != 0) {
                home[s] = UPPER; // an upper half cannot move apart from its lower slot (parameters keep theirs)
            }
        }
        int[][] moved = new int[n][];
        int next = n;
        for (int s = 0; s < n; s++) {
            if (Integer.bitCount(kinds[s]) < 2) {
                continue;
            }
            moved[s] = new int[KINDS];
            for (int k = 0; k < KINDS; k++) {
                if ((kinds[s] & 1 << k) != 0 && k != home[s] && k != UPPER) {
                    moved[s][k] = next;
                    next += k == 1 || k == 3 ? 2 : 1;
                } else {
                    moved[s][k] = s;
                }
            }
        }
        if (next == n) {
            return;
        }
        for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            int s = slotOf(insn);
            if (s >= 0 && moved[s] != null) {
                int to = moved[s][kindOf(insn.getOpcode())];
                if (insn instanceof IincInsnNode) {
                    ((IincInsnNode) insn).var = to;
                } else {
                    ((VarInsnNode) insn).var = to;
                }
            }
        }
        if (m.localVariables != null) {
            for (LocalVariableNode v : m.localVariables) {
                if (v.index < n && moved[v.index] != null) {
                    v.index = moved[v.index][kindOf(Type.getType(v.desc).getOpcode(Opcodes.ILOAD))];
                }
            }
        }
        m.maxLocals = next;
    }

    private static int slotOf(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        if (op == Opcodes.IINC) {
            return ((IincInsnNode) insn).var;
        }
        if (op >= Opcodes.ILOAD && op <= Opcodes.ALOAD || op >= Opcodes.ISTORE && op <= Opcodes.ASTORE) {
            return ((VarInsnNode) insn).var;
        }
        return -1;
    }

    /** 0 int (and IINC), 1 long, 2 float, 3 double, 4 reference. */
    private static int kindOf(int opcode) {
        switch (opcode) {
            case Opcodes.ILOAD: case Opcodes.ISTORE: case Opcodes.IINC:
                return 0;
            case Opcodes.LLOAD: case Opcodes.LSTORE:
                return 1;
            case Opcodes.FLOAD: case Opcodes.FSTORE:
                return 2;
            case Opcodes.DLOAD: case Opcodes.DSTORE:
                return 3;
            default:
                return 4;
        }
    }
}
