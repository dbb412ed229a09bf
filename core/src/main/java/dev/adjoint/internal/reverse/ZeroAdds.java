package dev.adjoint.internal.reverse;

import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.LimitExceededException;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;
import org.objectweb.asm.tree.analysis.Value;

/**
 * Removes additions of an adjoint that is known to be zero from a pullback. A pullback accumulates into adjoints
 * that it zeroed a moment before, around loops too: {@code a = 0 ... a += t} is {@code a = t}, but the JIT may not
 * fold {@code 0.0 + t} (it differs from {@code t} when {@code t} is {@code -0.0}), so inside a loop the addition
 * stays on the loop-carried chain and bounds the loop's speed by its latency. The sign of a zero adjoint makes no
 * difference to a gradient, so here the addition goes. A forward data-flow analysis finds the {@code double}
 * locals that hold zero on every path, joins and back edges included.
 */
final class ZeroAdds implements Opcodes {

    private ZeroAdds() {
    }

    /** A value of the analysis: whether it is a zero, and which instruction pushed it, when that is one. */
    private static final class Z implements Value {
        static final Z ONE_WORD = new Z(1, false, null);
        static final Z DOUBLE = new Z(2, false, null);

        final int size;
        final boolean zero;
        final AbstractInsnNode producer;

        Z(int size, boolean zero, AbstractInsnNode producer) {
            this.size = size;
            this.zero = zero;
            this.producer = producer;
        }

        @Override
        public int getSize() {
            return size;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Z && ((Z) o).size == size && ((Z) o).zero == zero && ((Z) o).producer == producer;
        }

        @Override
        public int hashCode() {
            return size * 31 + (zero ? 1 : 0);
        }
    }

    private static final class Zeros extends Interpreter<Z> {
        Zeros() {
            super(ASM9);
        }

        @Override
        public Z newValue(Type type) {
            if (type == Type.VOID_TYPE) {
                return null;
            }
            return type != null && type.getSize() == 2 ? sized(2) : ONE;
        }

        @Override
        public Z newOperation(AbstractInsnNode insn) {
            int op = insn.getOpcode();
            if (op == DCONST_0) {
                return new Z(2, true, insn);
            }
            return sized(op == LCONST_0 || op == LCONST_1 || op == DCONST_1 || op == LDC && isWide(insn) ? 2 : 1);
        }

        @Override
        public Z copyOperation(AbstractInsnNode insn, Z value) {
            int op = insn.getOpcode();
            if (op == DLOAD) {
                return new Z(2, value.zero, insn);
            }
            if (op == DSTORE) {
                return new Z(2, value.zero, null);
            }
            return value.producer == null ? value : new Z(value.size, value.zero, null);
        }

        @Override
        public Z unaryOperation(AbstractInsnNode insn, Z value) {
            switch (insn.getOpcode()) {
                case LNEG: case DNEG: case I2L: case I2D: case L2D: case F2L: case F2D: case D2L:
                    return sized(2);
                case IFEQ: case IFNE: case IFLT: case IFGE: case IFGT: case IFLE: case TABLESWITCH:
                case LOOKUPSWITCH: case IRETURN: case LRETURN: case FRETURN: case DRETURN: case ARETURN:
                case PUTSTATIC: case ATHROW: case MONITORENTER: case MONITOREXIT: case IFNULL: case IFNONNULL:
                    return null;
                case GETFIELD:
                    return sized(Type.getType(((org.objectweb.asm.tree.FieldInsnNode) insn).desc).getSize());
                default:
                    return ONE;
            }
        }

        @Override
        public Z binaryOperation(AbstractInsnNode insn, Z a, Z b) {
            switch (insn.getOpcode()) {
                case LALOAD: case DALOAD: case LADD: case DADD: case LSUB: case DSUB: case LMUL: case DMUL:
                case LDIV: case DDIV: case LREM: case DREM: case LSHL: case LSHR: case LUSHR: case LAND: case LOR:
                case LXOR:
                    return sized(2);
                case IF_ICMPEQ: case IF_ICMPNE: case IF_ICMPLT: case IF_ICMPGE: case IF_ICMPGT: case IF_ICMPLE:
                case IF_ACMPEQ: case IF_ACMPNE: case PUTFIELD:
                    return null;
                default:
                    return ONE;
            }
        }

        @Override
        public Z ternaryOperation(AbstractInsnNode insn, Z a, Z b, Z c) {
            return null;
        }

        @Override
        public Z naryOperation(AbstractInsnNode insn, List<? extends Z> values) {
            String desc = insn instanceof org.objectweb.asm.tree.MethodInsnNode
                    ? ((org.objectweb.asm.tree.MethodInsnNode) insn).desc
                    : insn instanceof org.objectweb.asm.tree.InvokeDynamicInsnNode
                    ? ((org.objectweb.asm.tree.InvokeDynamicInsnNode) insn).desc : null;
            if (desc == null) {
                return ONE; // multianewarray
            }
            Type ret = Type.getReturnType(desc);
            return ret == Type.VOID_TYPE ? null : sized(ret.getSize());
        }

        @Override
        public void returnOperation(AbstractInsnNode insn, Z value, Z expected) {
        }

        @Override
        public Z merge(Z a, Z b) {
            if (a.equals(b)) {
                return a;
            }
            if (a.size != b.size) {
                return ONE;
            }
            return new Z(a.size, a.zero && b.zero, a.producer == b.producer ? a.producer : null);
        }

        private static boolean isWide(AbstractInsnNode insn) {
            Object c = ((org.objectweb.asm.tree.LdcInsnNode) insn).cst;
            return c instanceof Long || c instanceof Double;
        }

        private static final Z ONE = Z.ONE_WORD;

        private static Z sized(int size) {
            return size == 2 ? Z.DOUBLE : Z.ONE_WORD;
        }
    }

    /**
     * Removes, from a pullback, each {@code DADD} one of whose operands is a zero loaded just for it.
     *
     * @param owner the class, for the analysis
     * @param m     the pullback, edited in place
     */
    static void apply(String owner, MethodNode m) {
        int maxStack = m.maxStack;
        m.maxStack = Math.max(maxStack, 512);
        Frame<Z>[] frames;
        try {
            frames = new Analyzer<>(new Zeros()).analyze(owner, m);
        } catch (AnalyzerException | LimitExceededException e) {
            // leave the code as it is: the class writer reports real errors, and a pullback as large as that of
            // EJML's unrolled det6 is not worth ASM's default budget of memory
            m.maxStack = maxStack;
            return;
        }
        m.maxStack = maxStack;
        AbstractInsnNode[] insns = m.instructions.toArray();
        List<AbstractInsnNode> remove = new ArrayList<>();
        for (int i = 0; i < insns.length; i++) {
            if (insns[i].getOpcode() != DADD || frames[i] == null) {
                continue;
            }
            Frame<Z> f = frames[i];
            int top = f.getStackSize() - 1;
            Z b = f.getStack(top);
            Z a = f.getStack(top - 1);
            if (b.zero && b.producer != null && isZeroLoad(b.producer) && b.producer == insns[i].getPrevious()) {
                remove.add(b.producer);
                remove.add(insns[i]);
            } else if (a.zero && a.producer != null && isZeroLoad(a.producer)
                    && untouchedBelow(m, frames, insns, a.producer, i, top - 1)) {
                remove.add(a.producer);
                remove.add(insns[i]);
            }
        }
        for (AbstractInsnNode insn : remove) {
            m.instructions.remove(insn);
        }
    }

    private static boolean isZeroLoad(AbstractInsnNode insn) {
        return insn.getOpcode() == DLOAD || insn.getOpcode() == DCONST_0;
    }

    /**
     * Whether, between the push of the deeper operand (at stack position {@code depth}) and the addition, the
     * code only works above it, so that removing the push leaves the other operand's computation intact.
     */
    private static boolean untouchedBelow(MethodNode m, Frame<Z>[] frames, AbstractInsnNode[] insns,
                                          AbstractInsnNode producer, int add, int depth) {
        int start = m.instructions.indexOf(producer);
        for (int j = start + 1; j < add; j++) {
            Frame<Z> f = frames[j];
            if (f == null || f.getStackSize() <= depth || f.getStack(depth).producer != producer) {
                return false;
            }
            int op = insns[j].getOpcode();
            if (op == SWAP || op >= DUP_X1 && op <= DUP2_X2 || op == POP2 || insns[j] instanceof VarInsnNode
                    && ((VarInsnNode) insns[j]).var == ((producer instanceof VarInsnNode)
                    ? ((VarInsnNode) producer).var : -1) && op == DSTORE) {
                return false;
            }
        }
        return !(insns[add - 1] instanceof InsnNode && insns[add - 1].getOpcode() == DUP2_X2);
    }
}
