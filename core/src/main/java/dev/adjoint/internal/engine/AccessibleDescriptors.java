package dev.adjoint.internal.engine;

import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

import dev.adjoint.internal.bytecode.ClassHierarchy;

/**
 * Makes every type that a companion's {@code invokedynamic} call sites name accessible from the companion.
 *
 * <p>A site's descriptor repeats the types of the instruction it replaces: a call on a receiver whose declared type
 * is a package-private class of another package (Commons Math's {@code FirstMoment}, reached from
 * {@code SummaryStatistics} through a field of a public subclass's type), or a protected field read through it. The
 * original instruction named the class only as the owner of a member, which the JVM resolves without checking the
 * class's access; the site's type is resolved with that check, and would throw {@code IllegalAccessError} on every
 * gradient. Each such type is replaced by its nearest superclass that the companion can see. A value of the type is
 * assignable to that superclass, so the site still verifies; the linker adapts the target to the site's type with
 * {@code asType}, and the receiver's class is still taken from the object.
 */
final class AccessibleDescriptors {

    private final ClassHierarchy hierarchy;

    AccessibleDescriptors(ClassHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    /** Rewrites the descriptors of the call sites of {@code companion}, which is defined in {@code host}'s package. */
    void rewrite(ClassNode companion, String host) {
        String pkg = packageOf(host);
        for (MethodNode m : companion.methods) {
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof InvokeDynamicInsnNode) {
                    InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) insn;
                    indy.desc = erase(indy.desc, pkg);
                }
            }
        }
    }

    private String erase(String desc, String pkg) {
        Type[] args = Type.getArgumentTypes(desc);
        boolean changed = false;
        for (int k = 0; k < args.length; k++) {
            Type t = visible(args[k], pkg);
            changed |= t != args[k];
            args[k] = t;
        }
        Type ret = visible(Type.getReturnType(desc), pkg);
        changed |= ret != Type.getReturnType(desc);
        return changed ? Type.getMethodDescriptor(ret, args) : desc;
    }

    private Type visible(Type t, String pkg) {
        if (t.getSort() == Type.ARRAY) {
            Type element = visible(t.getElementType(), pkg);
            return element == t.getElementType() ? t
                    : Type.getType("[".repeat(t.getDimensions()) + element.getDescriptor());
        }
        if (t.getSort() != Type.OBJECT) {
            return t;
        }
        String c = t.getInternalName();
        if (accessible(c, pkg)) {
            return t;
        }
        do {
            c = hierarchy.superName(c);
        } while (!accessible(c, pkg));
        return Type.getObjectType(c);
    }

    /** A class is accessible from another package when it is public and its package is exported. */
    private boolean accessible(String internalName, String pkg) {
        if (packageOf(internalName).equals(pkg) || "java/lang/Object".equals(internalName)) {
            return true;
        }
        if (internalName.startsWith("jdk/internal/") || internalName.startsWith("sun/")
                && !internalName.startsWith("sun/misc/")) {
            return false; // public, but in a package that java.base does not export
        }
        return hierarchy.isPublic(internalName);
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }
}
