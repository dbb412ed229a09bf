package dev.adjoint.internal.plan;

import java.util.HashMap;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.rules.CallPolicy;

/**
 * Decides how a {@code new C(...)} in differentiated code is handled, from the class files of {@code C} and its
 * superclasses (read, never loaded):
 *
 * <ul>
 *   <li>{@link Kind#PASSIVE}: the constructor chain neither takes nor reads anything that carries a derivative;
 *       it runs as it is;</li>
 *   <li>{@link Kind#TRANSFORM}: the object is allocated without running a constructor and the constructor bodies
 *       run as differentiated code (final fields are set through handles). Needs a chain of ordinary (non-record)
 *       classes of the application down to {@code Object};</li>
 *   <li>{@link Kind#FORWARD}: the constructor only copies its floating-point parameters into fields (records'
 *       canonical constructors): it runs as it is, and the adjoints of those fields go back to the arguments;</li>
 *   <li>{@link Kind#UNSUPPORTED}: none of these; a call that passes derivatives is refused.</li>
 * </ul>
 */
public final class ConstructorAnalysis implements Opcodes {

    public enum Kind { PASSIVE, TRANSFORM, FORWARD, UNSUPPORTED }

    public static final class Result {
        public final Kind kind;
        public final String reason;
        /** For FORWARD: per parameter position, the field (owner.name) it is stored in, or null. */
        public final String[] forwardedTo;

        public Result(Kind kind, String reason, String[] forwardedTo) {
            this.kind = kind;
            this.reason = reason;
            this.forwardedTo = forwardedTo;
        }
    }

    private final ClassHierarchy.ClassBytes bytes;
    private final CallPolicy policy;
    private final Map<String, ClassNode> classes = new HashMap<>();
    private final Map<String, Result> results = new HashMap<>();

    public ConstructorAnalysis(ClassHierarchy.ClassBytes bytes, CallPolicy policy) {
        this.bytes = bytes;
        this.policy = policy;
    }

    public Result analyze(String owner, String desc) {
        String key = owner + desc;
        Result r = results.get(key);
        if (r == null) {
            r = compute(owner, desc);
            results.put(key, r);
        }
        return r;
    }

    private ClassNode read(String owner) {
        return classes.computeIfAbsent(owner, o -> {
            byte[] b = bytes.find(o);
            return b == null ? null : dev.adjoint.internal.bytecode.ClassFiles.read(b);
        });
    }

    private Result compute(String owner, String desc) {
        ClassNode c = read(owner);
        if (c == null) {
            return new Result(Kind.UNSUPPORTED, "the class file of " + owner.replace('/', '.') + " cannot be read",
                    null);
        }
        MethodNode init = find(c, desc);
        if (init == null) {
            return new Result(Kind.UNSUPPORTED, "no constructor " + desc + " in " + owner.replace('/', '.'), null);
        }
        if (passive(c, init)) {
            return new Result(Kind.PASSIVE, null, null);
        }
        boolean isRecord = "java/lang/Record".equals(c.superName);
        if (!isRecord) {
            String chain = transformableChain(c, init);
            if (chain == null) {
                return new Result(Kind.TRANSFORM, null, null);
            }
            String[] fwd = forwarding(c, init);
            return fwd != null ? new Result(Kind.FORWARD, null, fwd) : new Result(Kind.UNSUPPORTED, chain, null);
        }
        String[] fwd = forwarding(c, init);
        return fwd != null ? new Result(Kind.FORWARD, null, fwd)
                : new Result(Kind.UNSUPPORTED, "a record constructor that computes its components (only records "
                        + "whose constructor stores its parameters unchanged are supported)", null);
    }

    /**
     * @param owner a class
     * @return whether it is an exception, found from the class files of its superclasses
     */
    public boolean isThrowable(String owner) {
        for (ClassNode k = read(owner); k != null; k = k.superName == null ? null : read(k.superName)) {
            if ("java/lang/Throwable".equals(k.name)) {
                return true;
            }
        }
        return false;
    }

    private static MethodNode find(ClassNode c, String desc) {
        for (MethodNode m : c.methods) {
            if ("<init>".equals(m.name) && m.desc.equals(desc)) {
                return m;
            }
        }
        return null;
    }

    /** No floating-point parameters, reads or writes of floating-point state, or calls into application code. */
    private boolean passive(ClassNode c, MethodNode init) {
        for (Type t : Type.getArgumentTypes(init.desc)) {
            if (t.getSort() == Type.DOUBLE || t.getSort() == Type.FLOAT
                    || dev.adjoint.internal.activity.ActivityAnalysis.mayHoldDerivatives(t)) {
                return false;
            }
        }
        for (AbstractInsnNode insn : init.instructions) {
            int op = insn.getOpcode();
            if (op == DALOAD || op == FALOAD || op == DASTORE || op == FASTORE) {
                return false;
            }
            if (insn instanceof FieldInsnNode && isFloating(((FieldInsnNode) insn).desc)) {
                return false;
            }
            if (insn instanceof MethodInsnNode) {
                MethodInsnNode mi = (MethodInsnNode) insn;
                if ("<init>".equals(mi.name) && op == INVOKESPECIAL && !CallPolicy.isJdk(mi.owner)) {
                    ConstructorAnalysis.Result sup = analyze(mi.owner, mi.desc);
                    if (sup.kind != Kind.PASSIVE) {
                        return false;
                    }
                } else if (!CallPolicy.isJdk(mi.owner) || policy.classify(op, mi.owner, mi.name, mi.desc)
                        == CallPolicy.Kind.LINKED) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @return null when the constructor chain can run as differentiated code, else why not */
    private String transformableChain(ClassNode c, MethodNode init) {
        for (AbstractInsnNode insn : init.instructions) {
            if (!(insn instanceof MethodInsnNode) || insn.getOpcode() != INVOKESPECIAL
                    || !"<init>".equals(((MethodInsnNode) insn).name)) {
                continue;
            }
            MethodInsnNode mi = (MethodInsnNode) insn;
            if (!isSelfCall(init, mi)) {
                continue; // constructs another object
            }
            if ("java/lang/Object".equals(mi.owner)) {
                continue;
            }
            if (CallPolicy.isJdk(mi.owner)) {
                return "a constructor whose superclass " + mi.owner.replace('/', '.') + " belongs to the JDK";
            }
            // a super(...) call, or a this(...) call whose constructor has a chain of its own
            ClassNode sup = mi.owner.equals(c.name) ? c : read(mi.owner);
            if (sup == null) {
                return "the class file of " + mi.owner.replace('/', '.') + " cannot be read";
            }
            if (sup != c && "java/lang/Record".equals(sup.superName)) {
                return "a record superclass";
            }
            MethodNode supInit = find(sup, mi.desc);
            if (supInit == null) {
                return "no constructor " + mi.desc + " in " + mi.owner.replace('/', '.');
            }
            String r = transformableChain(sup, supInit);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** Whether an {@code invokespecial <init>} in a constructor initialises {@code this} (super or this call). */
    public static boolean isSelfCall(MethodNode init, MethodInsnNode call) {
        return selfCalls(init).contains(call);
    }

    private static final Map<MethodNode, java.util.Set<MethodInsnNode>> SELF_CALLS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** The calls of a constructor that initialise {@code this}: their receiver is the uninitialised this. */
    public static java.util.Set<MethodInsnNode> selfCalls(MethodNode init) {
        return SELF_CALLS.computeIfAbsent(init, m -> {
            java.util.Set<MethodInsnNode> out = new java.util.HashSet<>();
            dev.adjoint.internal.ir.MethodFlow flow;
            try {
                flow = dev.adjoint.internal.ir.MethodFlow.analyze("?", m);
            } catch (org.objectweb.asm.tree.analysis.AnalyzerException e) {
                return out;
            }
            for (int i = 0; i < flow.size(); i++) {
                if (flow.frame(i) == null || flow.insn(i).getOpcode() != INVOKESPECIAL
                        || !"<init>".equals(((MethodInsnNode) flow.insn(i)).name)) {
                    continue;
                }
                if (receiverIsThis(flow, i)) {
                    out.add((MethodInsnNode) flow.insn(i));
                }
            }
            return out;
        });
    }

    /** Whether operand 0 of instruction {@code i} is local 0's entry value (the receiver of a constructor). */
    public static boolean receiverIsThis(dev.adjoint.internal.ir.MethodFlow flow, int i) {
        int[] ps = flow.producers(flow.operands(i)[0]);
        if (ps.length != 1 || flow.isParameterNode(ps[0])) {
            return false;
        }
        AbstractInsnNode load = flow.insn(ps[0]);
        if (load.getOpcode() != ALOAD || ((VarInsnNode) load).var != 0) {
            return false;
        }
        int[] sources = flow.producers(flow.operands(ps[0])[0]);
        return sources.length == 1 && flow.isParameterNode(sources[0]) && flow.parameterSlot(sources[0]) == 0;
    }

    /**
     * A constructor that stores floating-point parameters unchanged into fields of {@code this} and does nothing
     * else with floating-point values: per parameter, the field it goes to.
     */
    private String[] forwarding(ClassNode c, MethodNode init) {
        Type[] args = Type.getArgumentTypes(init.desc);
        String[] to = new String[args.length];
        int[] slotOfParam = new int[args.length];
        int slot = 1;
        Map<Integer, Integer> paramAt = new HashMap<>();
        for (int k = 0; k < args.length; k++) {
            slotOfParam[k] = slot;
            paramAt.put(slot, k);
            slot += args[k].getSize();
        }
        AbstractInsnNode[] insns = init.instructions.toArray();
        for (int i = 0; i < insns.length; i++) {
            AbstractInsnNode insn = insns[i];
            int op = insn.getOpcode();
            if (op == DSTORE || op == FSTORE) {
                Integer k = paramAt.get(((VarInsnNode) insn).var);
                if (k != null) {
                    return null; // a parameter is changed before it is stored
                }
            }
            if (op == DALOAD || op == FALOAD || op == DASTORE || op == FASTORE || op == GETSTATIC && isFloating(
                    ((FieldInsnNode) insn).desc) || op == PUTSTATIC && isFloating(((FieldInsnNode) insn).desc)
                    || op == GETFIELD && isFloating(((FieldInsnNode) insn).desc)) {
                return null;
            }
            if (op == PUTFIELD && isFloating(((FieldInsnNode) insn).desc)) {
                FieldInsnNode f = (FieldInsnNode) insn;
                AbstractInsnNode value = previousReal(insn);
                AbstractInsnNode receiver = value == null ? null : previousReal(value);
                if (!(value instanceof VarInsnNode) || (value.getOpcode() != DLOAD && value.getOpcode() != FLOAD)
                        || !(receiver instanceof VarInsnNode) || ((VarInsnNode) receiver).var != 0
                        || !f.owner.equals(c.name)) {
                    return null;
                }
                Integer k = paramAt.get(((VarInsnNode) value).var);
                if (k == null || to[k] != null || !f.desc.equals(args[k].getDescriptor())) {
                    return null;
                }
                to[k] = f.owner + "." + f.name;
            }
            if (insn instanceof MethodInsnNode) {
                MethodInsnNode mi = (MethodInsnNode) insn;
                if ("<init>".equals(mi.name) && isSelfCall(init, mi)) {
                    // a JDK superclass cannot reach the fields this class declares; it must not get numbers
                    if (!CallPolicy.isJdk(mi.owner) || hasFloatingArgument(mi.desc)) {
                        return null;
                    }
                } else if (policy.classify(op, mi.owner, mi.name, mi.desc) == CallPolicy.Kind.LINKED) {
                    return null;
                }
            }
        }
        return to;
    }

    private static boolean hasFloatingArgument(String desc) {
        for (Type t : Type.getArgumentTypes(desc)) {
            if (t.getSort() == Type.DOUBLE || t.getSort() == Type.FLOAT) {
                return true;
            }
        }
        return false;
    }

    private static AbstractInsnNode previousReal(AbstractInsnNode insn) {
        AbstractInsnNode p = insn.getPrevious();
        while (p != null && p.getOpcode() < 0) {
            p = p.getPrevious();
        }
        return p;
    }

    /** @return whether a field of the host is final (needs a handle to be set from a companion) */
    public boolean isFinalField(String owner, String name) {
        ClassNode c = read(owner);
        if (c == null) {
            return false;
        }
        for (FieldNode f : c.fields) {
            if (f.name.equals(name)) {
                return (f.access & ACC_FINAL) != 0;
            }
        }
        return false;
    }

    private static boolean isFloating(String desc) {
        return "D".equals(desc) || "F".equals(desc);
    }
}
