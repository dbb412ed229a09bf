package dev.adjoint.internal.ir;

import java.util.HashMap;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Moves the increment of a post-increment used as a value ({@code p[l++]}, compiled as {@code iload l; iinc l 1})
 * down its basic block, to just before the next instruction that reads or writes the local, or the block's end. The
 * index {@code l} then stays unwritten between its load and the statement's arithmetic, as in the equivalent
 * {@code p[l]; l++}, so the planner rebuilds it in the pullback and recomputes the partials that read {@code p[l]}
 * instead of taping both per access. The move is invisible: nothing in between reads the local, and no handler of
 * the method covers the instructions it passes, so an exception among them leaves the method, and the local with it.
 */
final class IncrementSinking implements Opcodes {

    private IncrementSinking() {
    }

    /** Sinks the post-increments of {@code m} in place. Running it again changes nothing. */
    static void sink(MethodNode m) {
        Map<LabelNode, Integer> position = new HashMap<>();
        AbstractInsnNode[] code = m.instructions.toArray();
        for (int i = 0; i < code.length; i++) {
            if (code[i] instanceof LabelNode label) {
                position.put(label, i);
            }
        }
        for (int i = 1; i < code.length; i++) {
            if (code[i] instanceof IincInsnNode inc && code[i - 1].getOpcode() == ILOAD
                    && ((VarInsnNode) code[i - 1]).var == inc.var) {
                AbstractInsnNode before = stop(code, i, inc.var);
                if (before != code[i + 1] && !covered(m, position, i, indexOf(code, before, i))) {
                    m.instructions.remove(inc);
                    m.instructions.insertBefore(before, inc);
                }
            }
        }
    }

    /**
     * The instruction the increment at {@code i} moves in front of: the first after it that touches the local,
     * starts a block (a label) or ends one (a jump, switch, return or throw).
     */
    private static AbstractInsnNode stop(AbstractInsnNode[] code, int i, int var) {
        int j = i + 1;
        while (j < code.length - 1 && !touches(code[j], var) && !(code[j] instanceof LabelNode) && !ends(code[j])) {
            j++;
        }
        return code[j];
    }

    private static boolean touches(AbstractInsnNode insn, int var) {
        return insn instanceof VarInsnNode v && v.var == var || insn instanceof IincInsnNode inc && inc.var == var;
    }

    private static boolean ends(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return insn.getType() == AbstractInsnNode.JUMP_INSN || op == TABLESWITCH || op == LOOKUPSWITCH
                || op >= IRETURN && op <= RETURN || op == ATHROW || op == RET;
    }

    private static int indexOf(AbstractInsnNode[] code, AbstractInsnNode insn, int from) {
        int j = from;
        while (code[j] != insn) {
            j++;
        }
        return j;
    }

    /** Whether a handler of the method covers any instruction from {@code from} to {@code to}. */
    private static boolean covered(MethodNode m, Map<LabelNode, Integer> position, int from, int to) {
        for (TryCatchBlockNode h : m.tryCatchBlocks) {
            if (position.get(h.start) < to && position.get(h.end) > from) {
                return true;
            }
        }
        return false;
    }
}
