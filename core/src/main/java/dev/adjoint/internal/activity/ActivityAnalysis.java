package dev.adjoint.internal.activity;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import dev.adjoint.internal.ir.FlowValue;
import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.internal.rules.CallPolicy;

/**
 * Computes {@link Activity} by data flow: variedness forward from the inputs along def-use chains, usefulness
 * backward from the outputs. Integer and boolean values never carry derivatives; a cast to an integer type ends a
 * derivative (it is zero almost everywhere). Bits taken from a varied value by {@code doubleToRawLongBits} and
 * friends are followed through integer arithmetic, so that turning them back into a floating-point value is caught.
 */
public final class ActivityAnalysis implements Opcodes {

    private static final Set<String> INERT_TYPES = Set.of(
            "java/lang/String", "java/lang/Integer", "java/lang/Long", "java/lang/Short", "java/lang/Byte",
            "java/lang/Character", "java/lang/Boolean", "java/lang/Class", "java/lang/StringBuilder",
            "java/lang/StringBuffer", "java/io/PrintStream", "java/io/PrintWriter", "java/lang/CharSequence",
            "java/util/Locale", "java/lang/Thread", "java/util/Random", "java/util/logging/Logger",
            "java/lang/invoke/MethodHandles$Lookup", "java/lang/Enum");

    private final CallPolicy policy;

    public ActivityAnalysis(CallPolicy policy) {
        this.policy = policy;
    }

    /**
     * Whether a reference of this type may lead to values that carry derivatives: floating-point arrays, objects
     * with fields, containers. Strings, integer boxes, other inert JDK types and JDK classes without floating-point
     * state ({@link NumberFreeTypes}) cannot.
     *
     * @param type a reference type
     * @return whether it may hold derivatives
     */
    public static boolean mayHoldDerivatives(Type type) {
        if (type == null) {
            return false;
        }
        switch (type.getSort()) {
            case Type.ARRAY: {
                Type element = type.getElementType();
                int sort = element.getSort();
                if (sort == Type.DOUBLE || sort == Type.FLOAT) {
                    return true;
                }
                return sort == Type.OBJECT && mayHoldDerivatives(element);
            }
            case Type.OBJECT:
                return !type.equals(FlowValue.NULL) && !INERT_TYPES.contains(type.getInternalName())
                        && !NumberFreeTypes.holdsNoNumbers(type.getInternalName());
            default:
                return false;
        }
    }

    /**
     * @param flow the analysed method
     * @return the activity of its values
     */
    public Activity analyze(MethodFlow flow) {
        return analyze(flow, PassiveArguments.NONE);
    }

    /**
     * @param flow    the analysed method
     * @param passive the floating-point parameters its caller passes without a derivative ({@link PassiveArguments})
     * @return the activity of its values
     */
    public Activity analyze(MethodFlow flow, int passive) {
        Activity a = new Activity(flow);
        propagateVaried(flow, a, passive);
        propagateUseful(flow, a);
        new DisguisedDerivatives(flow, a).analyze();
        return a;
    }

    // ---- variedness ----

    private void propagateVaried(MethodFlow flow, Activity a, int passive) {
        Deque<Integer> work = new ArrayDeque<>();
        MethodNode m = flow.method();
        Type[] args = Type.getArgumentTypes(m.desc);
        int slot = (m.access & ACC_STATIC) == 0 ? 1 : 0;
        for (int j = 0; j < args.length; j++) {
            Type t = args[j];
            if (isFloating(t) && !PassiveArguments.contains(passive, j)) {
                int node = flow.parameterNode(slot);
                a.varied[node] = true;
                work.add(node);
            }
            slot += t.getSize();
        }
        for (int i = 0; i < flow.size(); i++) {
            if (flow.frame(i) != null && flow.isInstruction(i) && isVariedSource(flow.insn(i))) {
                a.varied[i] = true;
                work.add(i);
            }
        }
        while (!work.isEmpty()) {
            int p = work.poll();
            for (MethodFlow.Use u : flow.uses(p)) {
                int c = u.consumer;
                if (!a.varied[c] && carriesFrom(flow.insn(c), u.operand)) {
                    a.varied[c] = true;
                    work.add(c);
                }
            }
        }
    }

    /** Values that may carry a derivative regardless of their operands: reads of the heap, results of calls. */
    private boolean isVariedSource(AbstractInsnNode insn) {
        switch (insn.getOpcode()) {
            case DALOAD:
            case FALOAD:
                return true;
            case GETFIELD:
            case GETSTATIC:
                return isFloating(Type.getType(((FieldInsnNode) insn).desc));
            case INVOKEVIRTUAL:
            case INVOKESPECIAL:
            case INVOKESTATIC:
            case INVOKEINTERFACE: {
                MethodInsnNode mi = (MethodInsnNode) insn;
                if (!isFloating(Type.getReturnType(mi.desc))) {
                    return false;
                }
                CallPolicy.Kind kind = policy.classify(insn.getOpcode(), mi.owner, mi.name, mi.desc);
                return kind == CallPolicy.Kind.LINKED || kind == CallPolicy.Kind.UNBOX;
            }
            case INVOKEDYNAMIC:
                return isFloating(Type.getReturnType(((org.objectweb.asm.tree.InvokeDynamicInsnNode) insn).desc));
            default:
                return false;
        }
    }

    /** Whether the value an instruction produces carries a derivative from its operand at {@code operand}. */
    private boolean carriesFrom(AbstractInsnNode insn, int operand) {
        int op = insn.getOpcode();
        switch (op) {
            case DADD: case DSUB: case DMUL: case DDIV: case DREM: case DNEG:
            case FADD: case FSUB: case FMUL: case FDIV: case FREM: case FNEG:
            case D2F: case F2D:
            case DLOAD: case FLOAD: case DSTORE: case FSTORE:
                return true;
            case INVOKESTATIC: case INVOKEVIRTUAL: case INVOKESPECIAL: case INVOKEINTERFACE: {
                MethodInsnNode mi = (MethodInsnNode) insn;
                if (!isFloating(Type.getReturnType(mi.desc))) {
                    return false;
                }
                CallPolicy.Kind kind = policy.classify(op, mi.owner, mi.name, mi.desc);
                return kind == CallPolicy.Kind.RULE || kind == CallPolicy.Kind.PASSIVE
                        || kind == CallPolicy.Kind.GUARDED;
            }
            default:
                return false;
        }
    }

    // ---- usefulness ----

    private void propagateUseful(MethodFlow flow, Activity a) {
        Deque<Integer> work = new ArrayDeque<>();
        boolean returnsFloating = isFloating(Type.getReturnType(flow.method().desc));
        for (int i = 0; i < flow.size(); i++) {
            if (flow.frame(i) == null || !flow.isInstruction(i)) {
                continue;
            }
            AbstractInsnNode insn = flow.insn(i);
            int op = insn.getOpcode();
            FlowValue[] ops = flow.operands(i);
            switch (op) {
                case DRETURN:
                case FRETURN:
                    if (returnsFloating) {
                        seed(flow, a, ops[0], work);
                    }
                    break;
                case PUTFIELD:
                    seed(flow, a, ops[1], work);
                    break;
                case PUTSTATIC:
                    seed(flow, a, ops[0], work);
                    break;
                case DASTORE:
                case FASTORE:
                    seed(flow, a, ops[2], work);
                    break;
                case INVOKEVIRTUAL:
                case INVOKESPECIAL:
                case INVOKESTATIC:
                case INVOKEINTERFACE: {
                    MethodInsnNode mi = (MethodInsnNode) insn;
                    CallPolicy.Kind kind = policy.classify(op, mi.owner, mi.name, mi.desc);
                    if (kind == CallPolicy.Kind.LINKED || kind == CallPolicy.Kind.BOX
                            || kind == CallPolicy.Kind.CONSTRUCTOR) {
                        for (FlowValue v : ops) {
                            seed(flow, a, v, work);
                        }
                    }
                    break;
                }
                case INVOKEDYNAMIC:
                    if (!isStringConcat(insn)) {
                        for (FlowValue v : ops) {
                            seed(flow, a, v, work);
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        while (!work.isEmpty()) {
            int p = work.poll();
            if (flow.isParameterNode(p)) {
                continue;
            }
            AbstractInsnNode insn = flow.insn(p);
            FlowValue[] ops = flow.operands(p);
            for (int k = 0; k < ops.length; k++) {
                if (carriesFrom(insn, k)) {
                    seed(flow, a, ops[k], work);
                }
            }
        }
    }

    private static void seed(MethodFlow flow, Activity a, FlowValue v, Deque<Integer> work) {
        if (!v.isFloating()) {
            return;
        }
        for (int p : flow.producers(v)) {
            if (!a.useful[p]) {
                a.useful[p] = true;
                work.add(p);
            }
        }
    }

    static boolean isStringConcat(AbstractInsnNode insn) {
        org.objectweb.asm.tree.InvokeDynamicInsnNode indy = (org.objectweb.asm.tree.InvokeDynamicInsnNode) insn;
        return CallPolicy.isPassiveBootstrap(indy.bsm.getOwner());
    }

    static boolean isFloating(Type t) {
        return t.getSort() == Type.DOUBLE || t.getSort() == Type.FLOAT;
    }
}
