package dev.adjoint.internal.ir;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Which instructions produced each value a method's instructions use: ASM's source analysis, with the questions
 * that {@link Inlining} and {@link ScalarReplacement} ask of it. A value copied by {@code dup}, {@code checkcast},
 * or a store and a load of a local, is followed back to the instruction that made it.
 *
 * <p>Only references are followed, which is all the questions need: every other value is one of two shared values
 * with no source (one per size). A {@code double} local assigned in fifty places would otherwise carry a set of fifty
 * stores through every merge of a branch-heavy method, and ASM's analysis of such a method (Commons Math's
 * {@code BOBYQAOptimizer.bobyqb}, about 3,000 instructions) took minutes instead of milliseconds.
 */
final class Sources implements Opcodes {

    private final Map<AbstractInsnNode, Frame<SourceValue>> frames = new HashMap<>();

    private Sources() {
    }

    /** @return the sources of {@code m}'s values, or {@code null} if its code cannot be analysed */
    static Sources of(String owner, MethodNode m) {
        return of(owner, m, false);
    }

    /**
     * @param lambdas whether a lambda the method makes ({@code invokedynamic} of {@code LambdaMetafactory}) is a source
     *                of its own, as an allocation is, rather than a reference from anywhere
     * @return the sources of {@code m}'s values, or {@code null} if its code cannot be analysed
     */
    static Sources of(String owner, MethodNode m, boolean lambdas) {
        Frame<SourceValue>[] f;
        try {
            f = new Analyzer<>(new ReferenceSources(lambdas)).analyze(owner, m);
        } catch (AnalyzerException e) {
            return null;
        }
        Sources s = new Sources();
        AbstractInsnNode[] code = m.instructions.toArray();
        for (int i = 0; i < code.length; i++) {
            if (f[i] != null) {
                s.frames.put(code[i], f[i]);
            }
        }
        return s;
    }

    /** Whether control reaches an instruction. */
    boolean reached(AbstractInsnNode insn) {
        return frames.containsKey(insn);
    }

    /** @return the frame before a reached instruction */
    Frame<SourceValue> before(AbstractInsnNode insn) {
        return frames.get(insn);
    }

    /**
     * @param insn  a reached instruction
     * @param k     which of its operands, from the deepest
     * @param count how many values it takes from the stack
     * @return the operand
     */
    SourceValue operand(AbstractInsnNode insn, int k, int count) {
        Frame<SourceValue> f = frames.get(insn);
        return f.getStack(f.getStackSize() - count + k);
    }

    /** Whether an instruction only copies a reference: the value it pushes or stores is the one it takes. */
    static boolean copies(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return op == DUP || op == CHECKCAST || op == ALOAD || op == ASTORE;
    }

    /**
     * @return the value a copying instruction copies: the stack's top, or for a load the local it reads
     */
    SourceValue copied(AbstractInsnNode insn) {
        Frame<SourceValue> f = frames.get(insn);
        if (insn.getOpcode() == ALOAD) {
            return f.getLocal(((VarInsnNode) insn).var);
        }
        return f.getStack(f.getStackSize() - 1);
    }

    /**
     * @return the one {@code new} whose object {@code v} holds on every path, through copies; {@code null} when
     *         it may hold anything else
     */
    AbstractInsnNode allocation(SourceValue v) {
        return origin(v, NEW);
    }

    /**
     * @return the one instruction of opcode {@code op} ({@code new}, {@code invokedynamic}) whose object {@code v}
     *         holds on every path, through copies; {@code null} when it may hold anything else
     */
    AbstractInsnNode origin(SourceValue v, int op) {
        for (int steps = 0; steps < 64; steps++) {
            if (v == null || v.insns.size() != 1) {
                return null;
            }
            AbstractInsnNode p = v.insns.iterator().next();
            if (p.getOpcode() == op) {
                return p;
            }
            if (!copies(p) || !reached(p)) {
                return null;
            }
            v = copied(p);
        }
        return null;
    }

    /**
     * ASM's source interpreter for what the questions need: the sources of references that may be objects the method
     * allocates. A reference from anywhere else (a parameter, a field, an array, a call) has one shared source that is
     * not a {@code new}, kept through stores; a value of any other type has none.
     */
    private static final class ReferenceSources extends SourceInterpreter {
        private static final SourceValue WORD = new SourceValue(1);
        private static final SourceValue LONG_WORD = new SourceValue(2);
        /** A reference that is not an object the method allocated: its one source is an instruction of no method. */
        private static final SourceValue FOREIGN = new SourceValue(1, new InsnNode(NOP));

        /** A foreign reference on the stack, loaded or copied by the instruction that is its source. */
        private static final class ForeignCopy extends SourceValue {
            ForeignCopy(AbstractInsnNode insn) {
                super(1, insn);
            }
        }

        private final boolean lambdas;

        ReferenceSources(boolean lambdas) {
            super(ASM9);
            this.lambdas = lambdas;
        }

        private static boolean foreign(SourceValue v) {
            return v == FOREIGN || v instanceof ForeignCopy;
        }

        private static SourceValue other(SourceValue v) {
            return v == null ? null : v.size == 2 ? LONG_WORD : WORD;
        }

        private static boolean reference(String descriptor) {
            char c = descriptor.charAt(0);
            return c == 'L' || c == '[';
        }

        @Override
        public SourceValue newValue(Type type) {
            if (type == null) {
                return WORD;
            }
            SourceValue v = super.newValue(type);
            return v == null ? null : type.getSort() >= Type.ARRAY ? FOREIGN : other(v);
        }

        @Override
        public SourceValue newOperation(AbstractInsnNode insn) {
            switch (insn.getOpcode()) {
                case NEW:
                case JSR:
                    return super.newOperation(insn);
                case ACONST_NULL:
                    return FOREIGN;
                case LDC:
                    Object c = ((LdcInsnNode) insn).cst;
                    return c instanceof Long || c instanceof Double ? LONG_WORD : c instanceof Number ? WORD : FOREIGN;
                case GETSTATIC:
                    String desc = ((FieldInsnNode) insn).desc;
                    return reference(desc) ? FOREIGN : other(super.newOperation(insn));
                default:
                    return other(super.newOperation(insn));
            }
        }

        @Override
        public SourceValue copyOperation(AbstractInsnNode insn, SourceValue value) {
            if (value == WORD || value == LONG_WORD) {
                return value;
            }
            if (foreign(value)) {
                return insn.getOpcode() == ASTORE ? FOREIGN : new ForeignCopy(insn);
            }
            return super.copyOperation(insn, value);
        }

        @Override
        public SourceValue unaryOperation(AbstractInsnNode insn, SourceValue value) {
            switch (insn.getOpcode()) {
                case CHECKCAST:
                    return foreign(value) ? new ForeignCopy(insn) : super.unaryOperation(insn, value);
                case NEWARRAY:
                case ANEWARRAY:
                    return FOREIGN;
                case GETFIELD:
                    return reference(((FieldInsnNode) insn).desc) ? FOREIGN : other(super.unaryOperation(insn, value));
                default:
                    return other(super.unaryOperation(insn, value));
            }
        }

        @Override
        public SourceValue binaryOperation(AbstractInsnNode insn, SourceValue value1, SourceValue value2) {
            return insn.getOpcode() == AALOAD ? FOREIGN : other(super.binaryOperation(insn, value1, value2));
        }

        @Override
        public SourceValue ternaryOperation(AbstractInsnNode insn, SourceValue value1, SourceValue value2,
                                            SourceValue value3) {
            return WORD;
        }

        @Override
        public SourceValue naryOperation(AbstractInsnNode insn, List<? extends SourceValue> values) {
            int op = insn.getOpcode();
            if (lambdas && LocalLambdas.isMetafactory(insn)) {
                return super.naryOperation(insn, values);
            }
            String desc = op == MULTIANEWARRAY ? "[" : op == INVOKEDYNAMIC
                    ? Type.getReturnType(((InvokeDynamicInsnNode) insn).desc).getDescriptor()
                    : Type.getReturnType(((MethodInsnNode) insn).desc).getDescriptor();
            return reference(desc) ? FOREIGN : other(super.naryOperation(insn, values));
        }

        @Override
        public SourceValue merge(SourceValue value1, SourceValue value2) {
            if (value1 == value2) {
                return value1;
            }
            if (value1 == WORD || value1 == LONG_WORD || value2 == WORD || value2 == LONG_WORD) {
                // a slot that holds a reference on one path and another value on the other is not read after
                return Math.min(value1.size, value2.size) == 2 ? LONG_WORD : WORD;
            }
            return super.merge(value1, value2);
        }
    }
}
