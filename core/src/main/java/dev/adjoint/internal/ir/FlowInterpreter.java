package dev.adjoint.internal.ir;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * Computes, for every stack slot and local, a {@link FlowValue}: the type (precise for references, never loading a
 * class) and the producing instructions. Loads and stores become producers, so the def-use chains of locals run
 * through them; {@code dup} and {@code swap} are transparent.
 */
final class FlowInterpreter extends Interpreter<FlowValue> implements Opcodes {

    private static final Type OBJECT = Type.getObjectType("java/lang/Object");

    private final ParameterMarker[] parameters;
    /**
     * The value each instruction produced when last executed. The analyzer executes an instruction again each time a
     * frame before it changes; returning the same object when the type is the same lets the frames after it compare
     * their values by identity, which keeps large methods (derivative code, when differentiated again) fast.
     */
    private final Map<AbstractInsnNode, FlowValue> produced = new IdentityHashMap<>();
    /** Every value made by a merge, once: two joins that make the same union share it (see {@link #produced}). */
    private final Map<FlowValue, FlowValue> merged = new HashMap<>();

    FlowInterpreter(int maxLocals) {
        super(ASM9);
        parameters = new ParameterMarker[Math.max(maxLocals, 1)];
    }

    ParameterMarker parameter(int local) {
        return parameters[local];
    }

    private static Set<AbstractInsnNode> of(AbstractInsnNode insn) {
        Set<AbstractInsnNode> s = new HashSet<>(2);
        s.add(insn);
        return s;
    }

    private FlowValue value(Type type, AbstractInsnNode insn) {
        Type t = normalize(type);
        FlowValue last = produced.get(insn);
        if (last != null && Objects.equals(last.type(), t)) {
            return last;
        }
        FlowValue v = new FlowValue(t, of(insn));
        produced.put(insn, v);
        return v;
    }

    static Type normalize(Type type) {
        if (type == null) {
            return null;
        }
        switch (type.getSort()) {
            case Type.BOOLEAN:
            case Type.CHAR:
            case Type.BYTE:
            case Type.SHORT:
            case Type.INT:
                return Type.INT_TYPE;
            default:
                return type;
        }
    }

    @Override
    public FlowValue newValue(Type type) {
        if (type == Type.VOID_TYPE) {
            return null;
        }
        return type == null ? FlowValue.UNSET : new FlowValue(normalize(type), new HashSet<>(1));
    }

    @Override
    public FlowValue newParameterValue(boolean isInstanceMethod, int local, Type type) {
        ParameterMarker marker = new ParameterMarker(local);
        parameters[local] = marker;
        return value(type, marker);
    }

    @Override
    public FlowValue newEmptyValue(int local) {
        return FlowValue.UNSET;
    }

    @Override
    public FlowValue newExceptionValue(TryCatchBlockNode tryCatch, org.objectweb.asm.tree.analysis.Frame<FlowValue> handlerFrame,
                                       Type exceptionType) {
        return value(exceptionType, tryCatch.handler);
    }

    @Override
    public FlowValue newOperation(AbstractInsnNode insn) {
        switch (insn.getOpcode()) {
            case ACONST_NULL:
                return value(FlowValue.NULL, insn);
            case ICONST_M1: case ICONST_0: case ICONST_1: case ICONST_2: case ICONST_3: case ICONST_4: case ICONST_5:
            case BIPUSH: case SIPUSH:
                return value(Type.INT_TYPE, insn);
            case LCONST_0: case LCONST_1:
                return value(Type.LONG_TYPE, insn);
            case FCONST_0: case FCONST_1: case FCONST_2:
                return value(Type.FLOAT_TYPE, insn);
            case DCONST_0: case DCONST_1:
                return value(Type.DOUBLE_TYPE, insn);
            case LDC:
                return value(constantType(((LdcInsnNode) insn).cst), insn);
            case GETSTATIC:
                return value(Type.getType(((FieldInsnNode) insn).desc), insn);
            case NEW:
                return value(Type.getObjectType(((TypeInsnNode) insn).desc), insn);
            case JSR:
                return value(Type.VOID_TYPE, insn);
            default:
                throw new IllegalStateException("unexpected opcode " + insn.getOpcode());
        }
    }

    private static Type constantType(Object cst) {
        if (cst instanceof Integer) {
            return Type.INT_TYPE;
        } else if (cst instanceof Float) {
            return Type.FLOAT_TYPE;
        } else if (cst instanceof Long) {
            return Type.LONG_TYPE;
        } else if (cst instanceof Double) {
            return Type.DOUBLE_TYPE;
        } else if (cst instanceof String) {
            return Type.getObjectType("java/lang/String");
        } else if (cst instanceof Type) {
            int sort = ((Type) cst).getSort();
            return Type.getObjectType(sort == Type.METHOD ? "java/lang/invoke/MethodType" : "java/lang/Class");
        } else if (cst instanceof Handle) {
            return Type.getObjectType("java/lang/invoke/MethodHandle");
        } else if (cst instanceof ConstantDynamic) {
            return Type.getType(((ConstantDynamic) cst).getDescriptor());
        }
        throw new IllegalArgumentException("constant " + cst);
    }

    @Override
    public FlowValue copyOperation(AbstractInsnNode insn, FlowValue value) {
        int op = insn.getOpcode();
        if (op >= ILOAD && op <= ALOAD || op >= ISTORE && op <= ASTORE) {
            return value(value.type(), insn);
        }
        return value; // dup, swap: the copy is the same value
    }

    @Override
    public FlowValue unaryOperation(AbstractInsnNode insn, FlowValue value) {
        switch (insn.getOpcode()) {
            case INEG: case IINC: case L2I: case F2I: case D2I: case I2B: case I2C: case I2S: case ARRAYLENGTH:
            case INSTANCEOF:
                return value(Type.INT_TYPE, insn);
            case FNEG: case I2F: case L2F: case D2F:
                return value(Type.FLOAT_TYPE, insn);
            case LNEG: case I2L: case F2L: case D2L:
                return value(Type.LONG_TYPE, insn);
            case DNEG: case I2D: case L2D: case F2D:
                return value(Type.DOUBLE_TYPE, insn);
            case GETFIELD:
                return value(Type.getType(((FieldInsnNode) insn).desc), insn);
            case NEWARRAY:
                return value(Type.getType("[" + primitiveArrayElement(((IntInsnNode) insn).operand)), insn);
            case ANEWARRAY: {
                Type element = Type.getObjectType(((TypeInsnNode) insn).desc);
                return value(Type.getType("[" + element.getDescriptor()), insn);
            }
            case CHECKCAST:
                return value(Type.getObjectType(((TypeInsnNode) insn).desc), insn);
            default:
                return null; // branches, returns, putstatic, athrow, monitors
        }
    }

    private static String primitiveArrayElement(int operand) {
        switch (operand) {
            case T_BOOLEAN: return "Z";
            case T_CHAR: return "C";
            case T_BYTE: return "B";
            case T_SHORT: return "S";
            case T_INT: return "I";
            case T_FLOAT: return "F";
            case T_DOUBLE: return "D";
            case T_LONG: return "J";
            default: throw new IllegalArgumentException("newarray " + operand);
        }
    }

    @Override
    public FlowValue binaryOperation(AbstractInsnNode insn, FlowValue value1, FlowValue value2) {
        switch (insn.getOpcode()) {
            case IALOAD: case BALOAD: case CALOAD: case SALOAD: case IADD: case ISUB: case IMUL: case IDIV: case IREM:
            case ISHL: case ISHR: case IUSHR: case IAND: case IOR: case IXOR: case LCMP: case FCMPL: case FCMPG:
            case DCMPL: case DCMPG:
                return value(Type.INT_TYPE, insn);
            case FALOAD: case FADD: case FSUB: case FMUL: case FDIV: case FREM:
                return value(Type.FLOAT_TYPE, insn);
            case LALOAD: case LADD: case LSUB: case LMUL: case LDIV: case LREM: case LSHL: case LSHR: case LUSHR:
            case LAND: case LOR: case LXOR:
                return value(Type.LONG_TYPE, insn);
            case DALOAD: case DADD: case DSUB: case DMUL: case DDIV: case DREM:
                return value(Type.DOUBLE_TYPE, insn);
            case AALOAD: {
                Type array = value1.type();
                Type element = array != null && array.getSort() == Type.ARRAY
                        ? Type.getType(array.getDescriptor().substring(1)) : OBJECT;
                return value(element, insn);
            }
            default:
                return null; // if_icmp, if_acmp, putfield
        }
    }

    @Override
    public FlowValue ternaryOperation(AbstractInsnNode insn, FlowValue value1, FlowValue value2, FlowValue value3) {
        return null;
    }

    @Override
    public FlowValue naryOperation(AbstractInsnNode insn, List<? extends FlowValue> values) {
        int op = insn.getOpcode();
        if (op == MULTIANEWARRAY) {
            return value(Type.getType(((MultiANewArrayInsnNode) insn).desc), insn);
        } else if (op == INVOKEDYNAMIC) {
            Type ret = Type.getReturnType(((InvokeDynamicInsnNode) insn).desc);
            return ret == Type.VOID_TYPE ? null : value(ret, insn);
        } else {
            Type ret = Type.getReturnType(((MethodInsnNode) insn).desc);
            return ret == Type.VOID_TYPE ? null : value(ret, insn);
        }
    }

    @Override
    public void returnOperation(AbstractInsnNode insn, FlowValue value, FlowValue expected) {
    }

    @Override
    public FlowValue merge(FlowValue v, FlowValue w) {
        if (v.equals(w)) {
            return v;
        }
        Type type = mergeTypes(v.type(), w.type());
        boolean sameType = Objects.equals(type, v.type());
        if (type == null) {
            return FlowValue.UNSET;
        }
        if (sameType && v.sources().containsAll(w.sources())) {
            return v;
        }
        Set<AbstractInsnNode> union = new HashSet<>(v.sources());
        union.addAll(w.sources());
        FlowValue u = new FlowValue(type, union);
        FlowValue earlier = merged.putIfAbsent(u, u);
        return earlier != null ? earlier : u;
    }

    private static Type mergeTypes(Type a, Type b) {
        if (a == null || b == null) {
            return null;
        }
        if (a.equals(b)) {
            return a;
        }
        boolean refA = a.getSort() == Type.OBJECT || a.getSort() == Type.ARRAY;
        boolean refB = b.getSort() == Type.OBJECT || b.getSort() == Type.ARRAY;
        if (refA && refB) {
            if (a.equals(FlowValue.NULL)) {
                return b;
            }
            if (b.equals(FlowValue.NULL)) {
                return a;
            }
            return OBJECT;
        }
        return null;
    }
}
