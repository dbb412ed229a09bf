package dev.adjoint.internal.rules;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Calls that are differentiated as calls to a substitute: a static method with the same behaviour, written so the
 * engine can differentiate it (for a virtual method, the receiver becomes the first argument). The substitutes are
 * declared with {@link dev.adjoint.Substitute} in rule classes.
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
}
