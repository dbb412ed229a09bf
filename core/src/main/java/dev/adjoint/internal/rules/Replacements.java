package dev.adjoint.internal.rules;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Calls that are differentiated as calls to a substitute: a static method with the same behaviour, written so the
 * engine can differentiate it (for a virtual method, the receiver becomes the first argument). The substitutes are
 * declared with {@link dev.adjoint.Substitute} in rule classes. A substitute named {@code <init>} replaces
 * {@code new C(...)}: it takes the constructor's arguments and returns a {@code C}.
 */
public final class Replacements {

    private final RuleTable rules;

    /** @param rules the table whose {@link dev.adjoint.Substitute substitutes} apply */
    public Replacements(RuleTable rules) {
        this.rules = rules;
    }

    /** @return whether a class holds rules or substitutes (its own calls are never replaced) */
    public static boolean isReplacementClass(String internalName) {
        return internalName.startsWith("dev/adjoint/internal/rules/")
                || RuleTable.current().declaresRules(internalName);
    }

    /**
     * Rewrites the calls of a method that have substitutes.
     *
     * @param method the method, edited in place
     * @return whether anything changed
     */
    public boolean apply(MethodNode method) {
        boolean changed = false;
        for (AbstractInsnNode insn : method.instructions) {
            if (!(insn instanceof MethodInsnNode)) {
                continue;
            }
            MethodInsnNode mi = (MethodInsnNode) insn;
            if ("<init>".equals(mi.name)) {
                changed |= replaceConstructor(method, mi);
                continue;
            }
            String[] to = rules.substitute(mi.owner, mi.name, mi.desc);
            if (to == null) {
                continue;
            }
            int arguments = Type.getArgumentTypes(to[2]).length;
            int expected = Type.getArgumentTypes(mi.desc).length + (mi.getOpcode() == Opcodes.INVOKESTATIC ? 0 : 1);
            if (arguments != expected) {
                continue;
            }
            mi.setOpcode(Opcodes.INVOKESTATIC);
            mi.owner = to[0];
            mi.name = to[1];
            mi.desc = to[2];
            mi.itf = false;
            changed = true;
        }
        return changed;
    }

    /**
     * Replaces {@code new C; dup; (arguments); invokespecial C.<init>} by a call of the substitute that returns a
     * {@code C}. The {@code new} is the nearest one before the call that no other constructor call of {@code C}
     * consumes; a {@code super(...)} call has none and is left alone, as is an allocation with a stack map frame
     * between it and its constructor (a branch among the arguments), whose frames would name the removed
     * {@code new}.
     */
    private boolean replaceConstructor(MethodNode method, MethodInsnNode init) {
        Type made = Type.getObjectType(init.owner);
        String[] to = rules.substitute(init.owner, "<init>",
                Type.getMethodDescriptor(made, Type.getArgumentTypes(init.desc)));
        if (to == null) {
            return false;
        }
        int pending = 0;
        for (AbstractInsnNode p = init.getPrevious(); p != null; p = p.getPrevious()) {
            if (p instanceof FrameNode) {
                return false;
            }
            if (p instanceof MethodInsnNode m && "<init>".equals(m.name) && m.owner.equals(init.owner)) {
                pending++;
            } else if (p.getOpcode() == Opcodes.NEW && ((TypeInsnNode) p).desc.equals(init.owner)) {
                if (pending-- > 0) {
                    continue;
                }
                AbstractInsnNode dup = p.getNext();
                if (dup.getOpcode() != Opcodes.DUP) {
                    return false;
                }
                method.instructions.remove(p);
                method.instructions.remove(dup);
                init.setOpcode(Opcodes.INVOKESTATIC);
                init.owner = to[0];
                init.name = to[1];
                init.desc = to[2];
                init.itf = false;
                return true;
            }
        }
        return false;
    }
}
