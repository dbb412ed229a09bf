package dev.adjoint.internal.engine;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import dev.adjoint.internal.bytecode.Abi;
import dev.adjoint.internal.bytecode.ClassHierarchy;

/**
 * Members that the host may use but its companion may not: protected members the host inherits from a class in
 * another package (the JVM grants them to subclasses only), and {@code super} calls ({@code invokespecial} names a
 * superclass of the class it is in). Commons Math's ODE step interpolators, for example, read protected fields of
 * {@code AbstractStepInterpolator} from another package.
 *
 * <p>The generated code reaches them through {@code invokedynamic} sites that the runtime links with the host's
 * own lookup, which has the host's access; the original instruction becomes a call of the same type.
 */
final class ProtectedAccess {

    private final ClassHierarchy hierarchy;

    ProtectedAccess(ClassHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    /** Rewrites, in every method of a companion of {@code host}, the uses of members only the host may use. */
    void rewrite(ClassNode companion, String host) {
        for (MethodNode m : companion.methods) {
            for (AbstractInsnNode insn : m.instructions.toArray()) {
                String owner = needsHost(insn, host);
                if (owner != null) {
                    m.instructions.set(insn, site(insn, host, owner));
                }
            }
        }
    }

    /** @return the owner the instruction names when only the host may execute it, else {@code null} */
    private String needsHost(AbstractInsnNode insn, String host) {
        if (insn instanceof FieldInsnNode) {
            FieldInsnNode f = (FieldInsnNode) insn;
            return isInheritedProtected(f.owner, f.name, f.desc, true, host) ? f.owner : null;
        }
        if (insn instanceof MethodInsnNode) {
            MethodInsnNode mi = (MethodInsnNode) insn;
            if (mi.name.equals("<init>") || mi.owner.startsWith("[")) {
                return null;
            }
            if (mi.getOpcode() == Opcodes.INVOKESPECIAL) {
                return mi.owner;
            }
            return isInheritedProtected(mi.owner, mi.name, mi.desc, false, host) ? mi.owner : null;
        }
        return null;
    }

    private static InvokeDynamicInsnNode site(AbstractInsnNode insn, String host, String owner) {
        int opcode = insn.getOpcode();
        String name;
        String type;
        if (insn instanceof FieldInsnNode) {
            FieldInsnNode f = (FieldInsnNode) insn;
            String receiver = Type.getObjectType(f.owner).getDescriptor();
            name = f.name;
            switch (opcode) {
                case Opcodes.GETFIELD: type = "(" + receiver + ")" + f.desc; break;
                case Opcodes.PUTFIELD: type = "(" + receiver + f.desc + ")V"; break;
                case Opcodes.GETSTATIC: type = "()" + f.desc; break;
                default: type = "(" + f.desc + ")V"; break;
            }
        } else {
            MethodInsnNode mi = (MethodInsnNode) insn;
            name = mi.name;
            type = opcode == Opcodes.INVOKESTATIC ? mi.desc
                    : "(" + Type.getObjectType(mi.owner).getDescriptor() + mi.desc.substring(1);
        }
        return new InvokeDynamicInsnNode(name, type, Abi.HOST_MEMBER_BOOTSTRAP, opcode, host, owner);
    }

    /**
     * Whether a member, resolved from the class an instruction names up its superclasses, is protected and
     * declared in a package other than the host's. Members of classes whose bytes cannot be read are left alone.
     */
    private boolean isInheritedProtected(String owner, String name, String desc, boolean field, String host) {
        if (owner.startsWith("dev/adjoint/internal/")) {
            return false; // the runtime's members are public
        }
        for (String c = owner; c != null; ) {
            ClassNode node = hierarchy.members(c);
            if (node == null) {
                return false;
            }
            int access = field ? fieldAccess(node, name, desc) : methodAccess(node, name, desc);
            if (access >= 0) {
                return (access & Opcodes.ACC_PROTECTED) != 0 && !packageOf(c).equals(packageOf(host));
            }
            c = node.superName;
        }
        return false;
    }

    private static int fieldAccess(ClassNode node, String name, String desc) {
        for (FieldNode f : node.fields) {
            if (f.name.equals(name) && f.desc.equals(desc)) {
                return f.access;
            }
        }
        return -1;
    }

    private static int methodAccess(ClassNode node, String name, String desc) {
        for (MethodNode m : node.methods) {
            if (m.name.equals(name) && m.desc.equals(desc)) {
                return m.access;
            }
        }
        return -1;
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }
}
