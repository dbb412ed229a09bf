package dev.adjoint.internal.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * A loop as compilers lay it out in bytecode: the span of instructions from a backward jump's target ({@code head})
 * to the farthest jump back to it ({@code end}), both included, into which control enters only by falling into its
 * first instruction or which begins the method. The rewrites that move reads out of loops ({@link FieldHoisting},
 * {@link RowHoisting}) find them with {@link #of}, on the method's instructions as an array.
 */
final class LoopSpan implements Opcodes {

    final int head;
    int end;

    private LoopSpan(int head, int end) {
        this.head = head;
        this.end = end;
    }

    boolean contains(int i) {
        return i >= head && i <= end;
    }

    int size() {
        return end - head;
    }

    /** The positions of the labels of {@code code}. */
    static Map<LabelNode, Integer> positions(AbstractInsnNode[] code) {
        Map<LabelNode, Integer> position = new HashMap<>();
        for (int i = 0; i < code.length; i++) {
            if (code[i] instanceof LabelNode) {
                position.put((LabelNode) code[i], i);
            }
        }
        return position;
    }

    /** The loops of {@code m}, whose instructions are {@code code}, that control enters only at their head. */
    static List<LoopSpan> of(MethodNode m, AbstractInsnNode[] code, Map<LabelNode, Integer> position) {
        Map<Integer, LoopSpan> byHead = new LinkedHashMap<>();
        for (int j = 0; j < code.length; j++) {
            for (LabelNode target : targets(code[j])) {
                int h = position.get(target);
                if (h <= j) {
                    LoopSpan l = byHead.get(h);
                    if (l == null) {
                        byHead.put(h, new LoopSpan(h, j));
                    } else {
                        l.end = Math.max(l.end, j);
                    }
                }
            }
        }
        List<LoopSpan> out = new ArrayList<>();
        for (LoopSpan l : byHead.values()) {
            if (l.entersOnlyAtHead(m, code, position)) {
                out.add(l);
            }
        }
        return out;
    }

    /**
     * Whether control enters the loop only by falling into its first instruction: every jump, switch and handler
     * into it comes from inside it, and the instruction before it can fall through, or it begins the method (a
     * {@code while} loop that is a method's whole body: a read moved before it moves to the method's entry).
     */
    private boolean entersOnlyAtHead(MethodNode m, AbstractInsnNode[] code, Map<LabelNode, Integer> position) {
        AbstractInsnNode before = previousInstruction(code, head);
        if (before != null && !fallsThrough(before)) {
            return false;
        }
        for (int j = 0; j < code.length; j++) {
            if (contains(j)) {
                continue;
            }
            for (LabelNode target : targets(code[j])) {
                if (contains(position.get(target))) {
                    return false;
                }
            }
        }
        for (TryCatchBlockNode t : m.tryCatchBlocks) {
            if (contains(position.get(t.handler))
                    && !(contains(position.get(t.start)) && contains(position.get(t.end) - 1))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether nothing in the loop calls code that could write the heap (any call but to {@code Math} and
     * {@code StrictMath}, an {@code invokedynamic}) or synchronises.
     */
    boolean callsOnlyMath(AbstractInsnNode[] code) {
        for (int i = head; i <= end; i++) {
            AbstractInsnNode insn = code[i];
            int op = insn.getOpcode();
            if (op == INVOKEDYNAMIC || op == MONITORENTER || op == MONITOREXIT) {
                return false;
            }
            if (insn instanceof MethodInsnNode) {
                String callee = ((MethodInsnNode) insn).owner;
                if (op != INVOKESTATIC || !"java/lang/Math".equals(callee) && !"java/lang/StrictMath".equals(callee)) {
                    return false;
                }
            }
        }
        return true;
    }

    static AbstractInsnNode previousInstruction(AbstractInsnNode[] code, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (code[j].getOpcode() >= 0) {
                return code[j];
            }
        }
        return null;
    }

    private static boolean fallsThrough(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return op != GOTO && op != ATHROW && !(op >= IRETURN && op <= RETURN) && op != TABLESWITCH
                && op != LOOKUPSWITCH && op != JSR && op != RET;
    }

    static List<LabelNode> targets(AbstractInsnNode insn) {
        if (insn instanceof JumpInsnNode) {
            return List.of(((JumpInsnNode) insn).label);
        }
        if (insn instanceof TableSwitchInsnNode) {
            List<LabelNode> out = new ArrayList<>(((TableSwitchInsnNode) insn).labels);
            out.add(((TableSwitchInsnNode) insn).dflt);
            return out;
        }
        if (insn instanceof LookupSwitchInsnNode) {
            List<LabelNode> out = new ArrayList<>(((LookupSwitchInsnNode) insn).labels);
            out.add(((LookupSwitchInsnNode) insn).dflt);
            return out;
        }
        return List.of();
    }
}
