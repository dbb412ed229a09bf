package dev.adjoint.internal.bytecode;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.JSRInlinerAdapter;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/** Reading class files into the tree form every stage works on. */
public final class ClassFiles {

    private ClassFiles() {
    }

    /** Reads a class, inlining the subroutines ({@code jsr}/{@code ret}) of old class files. */
    public static ClassNode read(byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
        for (int i = 0; i < node.methods.size(); i++) {
            MethodNode m = node.methods.get(i);
            if (hasSubroutines(m)) {
                MethodNode inlined = new MethodNode(Opcodes.ASM9, m.access, m.name, m.desc, m.signature,
                        m.exceptions.toArray(new String[0]));
                m.accept(new JSRInlinerAdapter(inlined, m.access, m.name, m.desc, m.signature,
                        m.exceptions.toArray(new String[0])));
                node.methods.set(i, inlined);
            }
        }
        return node;
    }

    private static boolean hasSubroutines(MethodNode m) {
        for (AbstractInsnNode insn : m.instructions) {
            if (insn.getOpcode() == Opcodes.JSR || insn.getOpcode() == Opcodes.RET) {
                return true;
            }
        }
        return false;
    }

}
