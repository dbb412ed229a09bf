package dev.adjoint.internal.ir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Whether the code inlined into a method may stay there: the JVM checks every member and class an instruction names
 * against the class that holds it, and derivative code is held by a class in the host's package. An inlined
 * instruction that names a private member of another class, a member the host's package cannot see, or that writes
 * a final field, may stay only if scalar replacement removed it; so may a constructor's body only if its object
 * was replaced. Anything else is reported as the callee to leave uninlined.
 */
final class InlinedAccess implements Opcodes {

    private final String host;
    private final Callees callees;

    private InlinedAccess(String host, Callees callees) {
        this.host = host;
        this.callees = callees;
    }

    /**
     * @param host     the method's class
     * @param m        the method, inlined and scalar-replaced
     * @param inlining what was inlined
     * @return the callees whose inlined code may not stay, as {@link Inlining#key} keys; empty when all may
     */
    static Set<String> refused(String host, MethodNode m, Inlining inlining, Callees callees) {
        InlinedAccess check = new InlinedAccess(host, callees);
        Set<String> out = new LinkedHashSet<>();
        Set<AbstractInsnNode> present = new java.util.HashSet<>();
        for (AbstractInsnNode insn : m.instructions) {
            present.add(insn);
        }
        for (Map.Entry<AbstractInsnNode, String> e : inlining.constructed.entrySet()) {
            if (present.contains(e.getKey())) {
                out.add(e.getValue()); // its object is still built, so its constructor body must be a call again
            }
        }
        for (AbstractInsnNode insn : m.instructions) {
            String from = inlining.origin.get(insn);
            if (from != null && !out.contains(from) && !check.allowed(insn)) {
                out.add(from);
            }
        }
        return out;
    }

    /**
     * Reads a record's component through its accessor where inlined code reads the private field itself, on a record
     * that was not kept in locals (a constant such as {@code static final Vec3 GRAVITY}): the accessor is public and,
     * a record being final, means exactly the field.
     */
    static void readRecordsThroughAccessors(String host, MethodNode m, Inlining inlining, Callees callees) {
        InlinedAccess check = new InlinedAccess(host, callees);
        for (AbstractInsnNode insn : m.instructions.toArray()) {
            if (insn.getOpcode() != GETFIELD || !inlining.origin.containsKey(insn) || check.allowed(insn)) {
                continue;
            }
            FieldInsnNode fi = (FieldInsnNode) insn;
            ClassNode c = callees.declaration(fi.owner);
            if (c == null || !"java/lang/Record".equals(c.superName)) {
                continue;
            }
            for (MethodNode accessor : c.methods) {
                if (accessor.name.equals(fi.name) && accessor.desc.equals("()" + fi.desc)
                        && (accessor.access & (ACC_PUBLIC | ACC_STATIC)) == ACC_PUBLIC && readsOnly(accessor, fi)) {
                    MethodInsnNode call = new MethodInsnNode(INVOKEVIRTUAL, fi.owner, fi.name, accessor.desc, false);
                    m.instructions.set(insn, call);
                    inlining.origin.put(call, inlining.origin.remove(insn));
                    break;
                }
            }
        }
    }

    /** Whether an accessor only returns its field, as the one the compiler writes does (a record may declare its own). */
    private static boolean readsOnly(MethodNode accessor, FieldInsnNode field) {
        List<AbstractInsnNode> code = new ArrayList<>();
        for (AbstractInsnNode insn : accessor.instructions) {
            if (insn.getOpcode() >= 0) {
                code.add(insn);
            }
        }
        return code.size() == 3 && code.get(0).getOpcode() == ALOAD && ((VarInsnNode) code.get(0)).var == 0
                && code.get(1).getOpcode() == GETFIELD && ((FieldInsnNode) code.get(1)).name.equals(field.name)
                && ((FieldInsnNode) code.get(1)).owner.equals(field.owner)
                && code.get(2).getOpcode() == Type.getType(field.desc).getOpcode(IRETURN);
    }

    private boolean allowed(AbstractInsnNode insn) {
        if (insn instanceof FieldInsnNode) {
            FieldInsnNode fi = (FieldInsnNode) insn;
            FieldNode f = field(fi.owner, fi.name, fi.desc);
            boolean write = insn.getOpcode() == PUTFIELD || insn.getOpcode() == PUTSTATIC;
            return f != null && visible(fi.owner) && member(f.access, declaring)
                    && !(write && (f.access & ACC_FINAL) != 0);
        }
        if (insn instanceof MethodInsnNode) {
            MethodInsnNode mi = (MethodInsnNode) insn;
            if (mi.owner.startsWith("[")) {
                return true;
            }
            MethodNode target = method(mi.owner, mi.name, mi.desc);
            if (target == null) {
                return false;
            }
            if (insn.getOpcode() == INVOKESPECIAL && !"<init>".equals(mi.name) && !declaring.equals(host)) {
                return false; // a super call means something else in another class
            }
            return visible(mi.owner) && member(target.access, declaring);
        }
        if (insn instanceof TypeInsnNode) {
            return visible(Type.getObjectType(((TypeInsnNode) insn).desc));
        }
        if (insn instanceof MultiANewArrayInsnNode) {
            return visible(Type.getType(((MultiANewArrayInsnNode) insn).desc));
        }
        if (insn instanceof LdcInsnNode && ((LdcInsnNode) insn).cst instanceof Type) {
            Type t = (Type) ((LdcInsnNode) insn).cst;
            return t.getSort() == Type.METHOD || visible(t);
        }
        return true;
    }

    /** The class that declares the member last looked up. */
    private String declaring;

    private FieldNode field(String owner, String name, String desc) {
        for (String c = owner; c != null; ) {
            ClassNode node = callees.declaration(c);
            if (node == null) {
                return null;
            }
            for (FieldNode f : node.fields) {
                if (f.name.equals(name) && f.desc.equals(desc)) {
                    declaring = c;
                    return f;
                }
            }
            c = node.superName;
        }
        return null;
    }

    private MethodNode method(String owner, String name, String desc) {
        for (String c = owner; c != null; ) {
            ClassNode node = callees.declaration(c);
            if (node == null) {
                return null;
            }
            for (MethodNode mn : node.methods) {
                if (mn.name.equals(name) && mn.desc.equals(desc)) {
                    declaring = c;
                    return mn;
                }
            }
            c = node.superName;
        }
        return null;
    }

    private boolean member(int access, String owner) {
        if ((access & ACC_PUBLIC) != 0) {
            return true;
        }
        if ((access & ACC_PRIVATE) != 0) {
            return owner.equals(host);
        }
        return samePackage(owner);
    }

    private boolean visible(String internalName) {
        ClassNode c = callees.declaration(internalName);
        return c != null && ((c.access & ACC_PUBLIC) != 0 || samePackage(internalName));
    }

    private boolean visible(Type t) {
        while (t.getSort() == Type.ARRAY) {
            t = t.getElementType();
        }
        return t.getSort() != Type.OBJECT || visible(t.getInternalName());
    }

    private boolean samePackage(String internalName) {
        int a = internalName.lastIndexOf('/');
        int b = host.lastIndexOf('/');
        return a == b && (a < 0 || internalName.regionMatches(0, host, 0, a));
    }
}
