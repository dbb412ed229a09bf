package dev.adjoint.internal.ir;

import java.util.HashMap;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
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
 */
final class Sources implements Opcodes {

    private final Map<AbstractInsnNode, Frame<SourceValue>> frames = new HashMap<>();

    private Sources() {
    }

    /** @return the sources of {@code m}'s values, or {@code null} if its code cannot be analysed */
    static Sources of(String owner, MethodNode m) {
        Frame<SourceValue>[] f;
        try {
            f = new Analyzer<>(new SourceInterpreter()).analyze(owner, m);
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
        for (int steps = 0; steps < 64; steps++) {
            if (v == null || v.insns.size() != 1) {
                return null;
            }
            AbstractInsnNode p = v.insns.iterator().next();
            if (p.getOpcode() == NEW) {
                return p;
            }
            if (!copies(p) || !reached(p)) {
                return null;
            }
            v = copied(p);
        }
        return null;
    }
}
