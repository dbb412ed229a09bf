package dev.adjoint.internal.rules;

import java.util.HashMap;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Calls that are differentiated as calls to a replacement: a static method with the same behaviour, written so
 * the engine can differentiate it (for a virtual method, the receiver becomes the first argument).
 */
public final class Replacements {

    private static final String ARRAYS = "dev/adjoint/internal/rules/ArrayReplacements";

    private final Map<String, String[]> table = new HashMap<>();

    private Replacements() {
    }

    /** @return the replacements that ship with the engine: the JDK's array operations */
    public static Replacements builtIn() {
        Replacements r = new Replacements();
        r.put("java/lang/System", "arraycopy", "(Ljava/lang/Object;ILjava/lang/Object;II)V", ARRAYS, "arraycopy");
        r.put("[D", "clone", "()Ljava/lang/Object;", ARRAYS, "cloneDoubles", "([D)Ljava/lang/Object;");
        r.put("[F", "clone", "()Ljava/lang/Object;", ARRAYS, "cloneFloats", "([F)Ljava/lang/Object;");
        for (String t : new String[] {"D", "F"}) {
            String a = "[" + t;
            r.put("java/util/Arrays", "copyOf", "(" + a + "I)" + a, ARRAYS, "copyOf");
            r.put("java/util/Arrays", "copyOfRange", "(" + a + "II)" + a, ARRAYS, "copyOfRange");
            r.put("java/util/Arrays", "fill", "(" + a + t + ")V", ARRAYS, "fill");
            r.put("java/util/Arrays", "fill", "(" + a + "II" + t + ")V", ARRAYS, "fill");
            r.put("java/util/Arrays", "sort", "(" + a + ")V", ARRAYS, "sort");
            r.put("java/util/Arrays", "sort", "(" + a + "II)V", ARRAYS, "sort");
        }
        return r;
    }

    private void put(String owner, String name, String desc, String toOwner, String toName) {
        put(owner, name, desc, toOwner, toName, desc);
    }

    private void put(String owner, String name, String desc, String toOwner, String toName, String toDesc) {
        table.put(owner + '.' + name + desc, new String[] {toOwner, toName, toDesc});
    }

    /** @return whether a class holds replacements (its own calls are never replaced) */
    public static boolean isReplacementClass(String internalName) {
        return internalName.startsWith("dev/adjoint/internal/rules/");
    }

    /**
     * Rewrites the calls of a method that have replacements.
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
            String[] to = table.get(mi.owner + '.' + mi.name + mi.desc);
            if (to == null) {
                continue;
            }
            if (mi.getOpcode() != Opcodes.INVOKESTATIC
                    && Type.getArgumentTypes(to[2]).length != Type.getArgumentTypes(mi.desc).length + 1) {
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
