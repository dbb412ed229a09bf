package dev.adjoint.internal.reverse;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.bytecode.Abi;

/**
 * The unwinding variant of a pullback whose code is too large for the JVM and has nowhere to be cut (Commons
 * Math's {@code BOBYQAOptimizer.bobyqb}, whose unwinding dispatches over every instruction that may throw): in its
 * place, one that refuses. It runs only when an exception left the method and the function caught it, so the
 * gradient of every run that ends normally, or whose exception leaves the function, is still differentiated.
 */
public final class UnwindingRefusal implements Opcodes {

    private UnwindingRefusal() {
    }

    /**
     * @param owner    the host class
     * @param method   the differentiated method
     * @param variant  the unwinding variant's name
     * @param tooLarge what was too large, for the message: the generated method and its size
     * @return a variant {@code (Tape, double) -> void} that throws a refusal naming the method
     */
    public static MethodNode of(String owner, MethodNode method, String variant, String tooLarge) {
        MethodNode m = new MethodNode(ACC_PRIVATE | ACC_STATIC | ACC_SYNTHETIC, variant, Abi.REV_DESC, null, null);
        m.instructions.add(new VarInsnNode(ALOAD, 0));
        m.instructions.add(new LdcInsnNode(owner));
        m.instructions.add(new LdcInsnNode(method.name));
        m.instructions.add(new LdcInsnNode(firstLine(method)));
        m.instructions.add(new LdcInsnNode("an exception that left " + owner.replace('/', '.') + "." + method.name
                + " and was caught inside the function, whose unwinding derivative code is too large for the JVM ("
                + tooLarge + " bytes; a method may have 65535)"));
        m.instructions.add(new LdcInsnNode("Let the exception leave the function (the gradient then throws it), or "
                + "keep the calls that may throw it out of the function; gradients of runs that return normally "
                + "are differentiated"));
        m.instructions.add(new MethodInsnNode(INVOKESTATIC, Abi.REFUSALS, "refuse", "(" + Abi.TAPE_DESC
                + "Ljava/lang/String;Ljava/lang/String;ILjava/lang/String;Ljava/lang/String;)"
                + "Ljava/lang/RuntimeException;", false));
        m.instructions.add(new InsnNode(ATHROW));
        return m;
    }

    private static int firstLine(MethodNode method) {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof LineNumberNode) {
                return ((LineNumberNode) insn).line;
            }
        }
        return -1;
    }
}
