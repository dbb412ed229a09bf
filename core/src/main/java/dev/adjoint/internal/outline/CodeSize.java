package dev.adjoint.internal.outline;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The bytes an instruction takes in a class file, at most: before a method is written its constants have no
 * indexes yet, so a constant counts as the wide form ({@code LDC_W}) and a switch with its longest padding.
 */
final class CodeSize {

    private CodeSize() {
    }

    /** @return the size of a method's code, at most */
    static int of(InsnList insns) {
        return of(insns.toArray(), 0, insns.size());
    }

    /** @return the size of the instructions {@code from} to {@code to} (exclusive), at most */
    static int of(AbstractInsnNode[] insns, int from, int to) {
        int size = 0;
        for (int i = from; i < to; i++) {
            size += of(insns[i]);
        }
        return size;
    }

    static int of(AbstractInsnNode insn) {
        switch (insn.getType()) {
            case AbstractInsnNode.LABEL:
            case AbstractInsnNode.LINE:
            case AbstractInsnNode.FRAME:
                return 0;
            case AbstractInsnNode.INSN:
                return 1;
            case AbstractInsnNode.INT_INSN:
                return insn.getOpcode() == Opcodes.SIPUSH ? 3 : 2;
            case AbstractInsnNode.VAR_INSN:
                int var = ((VarInsnNode) insn).var;
                return var < 4 ? 1 : var < 256 ? 2 : 4;
            case AbstractInsnNode.IINC_INSN:
                IincInsnNode iinc = (IincInsnNode) insn;
                return iinc.var < 256 && iinc.incr == (byte) iinc.incr ? 3 : 6;
            case AbstractInsnNode.METHOD_INSN:
                return insn.getOpcode() == Opcodes.INVOKEINTERFACE ? 5 : 3;
            case AbstractInsnNode.INVOKE_DYNAMIC_INSN:
                return 5;
            case AbstractInsnNode.MULTIANEWARRAY_INSN:
                return 4;
            case AbstractInsnNode.TABLESWITCH_INSN:
                return 16 + 4 * ((TableSwitchInsnNode) insn).labels.size();
            case AbstractInsnNode.LOOKUPSWITCH_INSN:
                return 12 + 8 * ((LookupSwitchInsnNode) insn).labels.size();
            default:
                // type, field, jump and constant instructions
                return 3;
        }
    }

    /** @return an instruction that pushes an int constant */
    static AbstractInsnNode constant(int value) {
        if (value >= -1 && value <= 5) {
            return new InsnNode(Opcodes.ICONST_0 + value);
        }
        if (value == (byte) value) {
            return new IntInsnNode(Opcodes.BIPUSH, value);
        }
        return value == (short) value ? new IntInsnNode(Opcodes.SIPUSH, value)
                : new LdcInsnNode(value);
    }
}
