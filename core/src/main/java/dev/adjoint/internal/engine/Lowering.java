package dev.adjoint.internal.engine;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import dev.adjoint.internal.bytecode.Abi;

/**
 * Turns a companion back into code the engine can differentiate, for derivatives of derivatives (Hessians, nested
 * gradients). A companion's calls to other methods' derivative code are {@code invokedynamic} sites that the
 * linker resolves; here each becomes an ordinary call of a method whose name encodes the callee and which of its
 * derivative methods is meant, such as {@code value␁fwd␁184␁([D)D}. The engine treats it as a linked call like
 * any other, and the linker decodes the name when the differentiated companion first runs. Stores to final fields
 * through setter handles become the field stores they stand for.
 *
 * <p>Lowered code is only ever analysed and transformed, never run: the encoded names are not valid in a class
 * file, and they do not survive the transformation.
 */
public final class Lowering {


    private Lowering() {
    }

    /** A call decoded from its name. */
    public static final class Decoded {
        /** The callee's name. */
        public final String name;
        /** Which of its derivative methods: {@code fwd}, {@code rev} or {@code tan}. */
        public final String kind;
        /** The opcode of the original call. */
        public final int opcode;
        /** The callee's descriptor. */
        public final String desc;

        Decoded(String name, String kind, int opcode, String desc) {
            this.name = name;
            this.kind = kind;
            this.opcode = opcode;
            this.desc = desc;
        }
    }

    /**
     * Lowers every method of a companion, in place.
     *
     * @param companion a companion read back from its class file
     */
    public static void lower(ClassNode companion) {
        for (MethodNode m : companion.methods) {
            for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; ) {
                AbstractInsnNode next = insn.getNext();
                if (insn instanceof InvokeDynamicInsnNode) {
                    AbstractInsnNode lowered = lower((InvokeDynamicInsnNode) insn);
                    if (lowered != null) {
                        m.instructions.set(insn, lowered);
                    }
                }
                insn = next;
            }
        }
    }

    /** @return the call a lowered name stands for, or {@code null} for an ordinary name */
    public static Decoded decode(String name) {
        int a = name.indexOf(Abi.LOWERING_MARK);
        if (a < 0) {
            return null;
        }
        int b = name.indexOf(Abi.LOWERING_MARK, a + 1);
        int c = name.indexOf(Abi.LOWERING_MARK, b + 1);
        return new Decoded(name.substring(0, a), name.substring(a + 1, b),
                Integer.parseInt(name.substring(b + 1, c)), name.substring(c + 1));
    }

    private static AbstractInsnNode lower(InvokeDynamicInsnNode indy) {
        if (indy.bsm.equals(Abi.SETTER_BOOTSTRAP)) {
            Type[] args = Type.getArgumentTypes(indy.desc);
            return new FieldInsnNode(Opcodes.PUTFIELD, (String) indy.bsmArgs[0], (String) indy.bsmArgs[1],
                    args[1].getDescriptor());
        }
        if (!indy.bsm.equals(Abi.CALL_BOOTSTRAP)) {
            return null;
        }
        int opcode = (Integer) indy.bsmArgs[0];
        String owner = (String) indy.bsmArgs[1];
        String name = (String) indy.bsmArgs[2];
        String desc = (String) indy.bsmArgs[3];
        boolean itf = (Integer) indy.bsmArgs[4] != 0;
        String kind = indy.name;
        String encoded = name + Abi.LOWERING_MARK + kind + Abi.LOWERING_MARK + opcode + Abi.LOWERING_MARK + desc;
        Type[] site = Type.getArgumentTypes(indy.desc);
        if ("rev".equals(kind)) {
            // (receiver?, Tape, double) -> void: the receiver only where the pullback dispatches on it
            boolean receiver = site.length == 3;
            int op = !receiver ? Opcodes.INVOKESTATIC : itf ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL;
            return new MethodInsnNode(op, owner, encoded, Abi.REV_DESC, receiver && itf);
        }
        // (receiver?, args..., Tape) -> R, as a static call: the derivative methods of instance methods take the
        // receiver as their first parameter, and tangents are passed by parameter position
        return new MethodInsnNode(Opcodes.INVOKESTATIC, owner, encoded, indy.desc, false);
    }
}
