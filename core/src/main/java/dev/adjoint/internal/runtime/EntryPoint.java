package dev.adjoint.internal.runtime;

import java.io.Serializable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.NotDifferentiableException;
import dev.adjoint.internal.engine.Engine;

/**
 * Where a gradient enters differentiated code: the function object passed to {@code AD}. A lambda or method
 * reference is found through its {@link SerializedLambda} (its body is a method of the class that wrote it); any
 * other object is called through its own class.
 *
 * <p>The entry is an adapter {@code static double apply(Object[] captured, params...)} that unpacks the captured
 * values and calls the implementation; its companion is generated like any other, so the call into user code is
 * an ordinary linked call.
 */
public final class EntryPoint implements Opcodes {

    private static final ClassValue<EntryPoint[]> CACHE = new ClassValue<>() {
        @Override
        protected EntryPoint[] computeValue(Class<?> type) {
            return new EntryPoint[1];
        }
    };

    /** {@code (Object[] captured, params..., Tape) -> double} */
    public final MethodHandle fwd;
    /** {@code (Tape, double) -> void} */
    public final MethodHandle rev;
    private final boolean lambda;
    private final byte[] adapter;
    private final MethodHandles.Lookup definer;
    private volatile MethodHandle tan;
    private final java.util.Map<String, MethodHandle> secondOrder = new java.util.concurrent.ConcurrentHashMap<>();

    private EntryPoint(MethodHandle fwd, MethodHandle rev, boolean lambda, byte[] adapter,
                       MethodHandles.Lookup definer) {
        this.fwd = fwd;
        this.rev = rev;
        this.lambda = lambda;
        this.adapter = adapter;
        this.definer = definer;
    }

    /** @return the tangent code (forward mode) of the entry, {@code (Object[] captured, params..., Tape) -> double} */
    public MethodHandle tangent() {
        MethodHandle t = tan;
        if (t == null) {
            t = tan = Companions.ofSynthetic(adapter, "apply", adapterDescriptor(adapter), definer,
                    Engine.Mode.TANGENT).tan;
        }
        return t;
    }

    /**
     * The tangent of one of the entry's derivative methods (see {@link SecondOrder#of}).
     *
     * @param kind {@code fwd}, {@code rev} or {@code tan}
     * @return {@code (Object[] captured, params..., Tape, Tape) -> R} for {@code fwd} and {@code tan},
     *         {@code (Tape, double, Tape) -> void} for {@code rev}
     */
    public MethodHandle secondOrder(String kind) {
        return secondOrder.computeIfAbsent(kind, k -> SecondOrder.ofSynthetic(adapter, "apply",
                adapterDescriptor(adapter), k, definer));
    }

    /**
     * @param function      the function object
     * @param samName       the functional method's name
     * @param samDescriptor the functional method's erased descriptor, for example {@code (D)D}
     * @return the entry for the function's class
     */
    public static EntryPoint of(Object function, String samName, String samDescriptor) {
        EntryPoint[] slot = CACHE.get(function.getClass());
        EntryPoint e = slot[0];
        if (e == null) {
            e = create(function, samName, samDescriptor);
            slot[0] = e;
        }
        return e;
    }

    /** The entry already made for a class, or null. */
    static EntryPoint existing(Class<?> c) {
        return CACHE.get(c)[0];
    }

    /** Why no entry could be made for a lambda class from outside, once tried; else null. */
    private static final ClassValue<NotDifferentiableException[]> REFUSED = new ClassValue<>() {
        @Override
        protected NotDifferentiableException[] computeValue(Class<?> type) {
            return new NotDifferentiableException[1];
        }
    };

    /**
     * As {@link #of}, for a lambda created outside differentiated code that a call there reaches: a refusal is
     * kept for {@link #refusal}, so that the call names what its body does, not only that it has none.
     */
    static void prepare(Object function, String samName, String samDescriptor) {
        try {
            of(function, samName, samDescriptor);
        } catch (NotDifferentiableException e) {
            REFUSED.get(function.getClass())[0] = e;
        }
    }

    /** @return why {@link #prepare} made no entry for a class, or null */
    static NotDifferentiableException refusal(Class<?> c) {
        return REFUSED.get(c)[0];
    }

    /** The last function {@link #capturedCached} unpacked, with its captured values: calls repeat on one lambda. */
    private volatile Object[] last;

    /** @return {@link #captured}, remembering the last function's values */
    public Object[] capturedCached(Object function) {
        Object[] l = last;
        if (l != null && l[0] == function) {
            return (Object[]) l[1];
        }
        Object[] captured = captured(function);
        last = new Object[] {function, captured};
        return captured;
    }

    /** @return the values the function captured, in the order the adapter expects them */
    public Object[] captured(Object function) {
        if (!lambda) {
            return new Object[] {function};
        }
        SerializedLambda s = serializedForm(function);
        Object[] out = new Object[s.getCapturedArgCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.getCapturedArg(i);
        }
        return out;
    }

    private static EntryPoint create(Object function, String samName, String samDescriptor) {
        Class<?> c = function.getClass();
        SerializedLambda s = c.isSynthetic() || c.isHidden() ? serializedForm(function) : null;
        String implClass;
        String implName;
        String implDesc;
        int kind;
        int capturedCount;
        if (s != null) {
            implClass = s.getImplClass();
            implName = s.getImplMethodName();
            implDesc = s.getImplMethodSignature();
            kind = s.getImplMethodKind();
            capturedCount = s.getCapturedArgCount();
        } else {
            implClass = c.getName().replace('.', '/');
            implName = samName;
            implDesc = samDescriptor;
            kind = MethodHandleInfoKinds.INVOKE_VIRTUAL;
            capturedCount = 1;
        }
        ClassLoader loader = s != null ? loaderOf(c) : c.getClassLoader();
        Class<?> impl = Linker.load(implClass, loader, null);
        boolean jdk = impl.getClassLoader() == null;
        MethodHandles.Lookup definer = jdk ? MethodHandles.lookup() : HostAccess.fullPrivilege(impl);
        byte[] adapter = adapter(definer.lookupClass().getPackageName().replace('.', '/'), implClass, implName,
                implDesc, kind, capturedCount, samDescriptor, impl.isInterface());
        Companions.Linked linked = Companions.ofSynthetic(adapter, "apply", adapterDescriptor(adapter), definer,
                Engine.Mode.REVERSE);
        return new EntryPoint(linked.fwd, linked.rev, s != null, adapter, definer);
    }

    private static ClassLoader loaderOf(Class<?> lambdaClass) {
        ClassLoader l = lambdaClass.getClassLoader();
        return l != null ? l : ClassLoader.getSystemClassLoader();
    }

    static SerializedLambda serializedForm(Object function) {
        if (!(function instanceof Serializable)) {
            // a lambda the JDK made outside differentiated code: its creating class names the body
            return LambdaSites.describe(function);
        }
        try {
            Method w = function.getClass().getDeclaredMethod("writeReplace");
            w.setAccessible(true);
            Object r = w.invoke(function);
            return r instanceof SerializedLambda ? (SerializedLambda) r : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Builds {@code static double apply(Object[] captured, params...)} that calls the implementation: the entry
     * adapter of a function, whose companion is generated like any other ({@code ad instrument} precomputes it).
     *
     * @param definerPackage  the package (internal form) where the adapter's companion is defined: the
     *                        implementation's, or this runtime's for JDK methods
     * @param implClass       the class of the implementation method
     * @param implName        its name
     * @param implDesc        its descriptor
     * @param kind            its reference kind ({@code MethodHandleInfo.REF_*})
     * @param capturedCount   how many values the function captured (the receiver of a bound or named function)
     * @param samDescriptor   the functional method's erased descriptor, for example {@code (D)D}
     * @param implIsInterface whether {@code implClass} is an interface
     * @return the adapter's class file
     * @throws NotDifferentiableException when the implementation does not fit the functional method
     */
    public static byte[] adapter(String definerPackage, String implClass, String implName, String implDesc,
                                    int kind, int capturedCount, String samDescriptor, boolean implIsInterface) {
        String name = definerPackage.isEmpty() ? "Adjoint$Entry" : definerPackage + "/Adjoint$Entry";
        ClassNode c = new ClassNode();
        c.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SYNTHETIC, name, null, "java/lang/Object", null);
        Type[] samArgs = Type.getArgumentTypes(samDescriptor);
        Type samReturn = Type.getReturnType(samDescriptor);
        StringBuilder desc = new StringBuilder("([Ljava/lang/Object;");
        for (Type t : samArgs) {
            desc.append(t.getDescriptor());
        }
        desc.append(')').append(samReturn.getDescriptor());
        MethodNode m = new MethodNode(ACC_PUBLIC | ACC_STATIC, "apply", desc.toString(), null, null);
        boolean constructor = kind == MethodHandleInfoKinds.NEW_INVOKE_SPECIAL;
        boolean instance = kind != MethodHandleInfoKinds.INVOKE_STATIC && !constructor;
        Type[] implArgs = Type.getArgumentTypes(implDesc);
        Type[] all = new Type[implArgs.length + (instance ? 1 : 0)];
        if (instance) {
            all[0] = Type.getObjectType(implClass);
        }
        System.arraycopy(implArgs, 0, all, instance ? 1 : 0, implArgs.length);
        if (all.length != capturedCount + samArgs.length) {
            throw new NotDifferentiableException(implClass.replace('/', '.'), implName, -1,
                    "a method reference whose arguments do not match the function's", null);
        }
        if (constructor) {
            m.instructions.add(new TypeInsnNode(NEW, implClass));
            m.instructions.add(new InsnNode(DUP));
        }
        for (int k = 0; k < capturedCount; k++) {
            m.instructions.add(new VarInsnNode(ALOAD, 0));
            m.instructions.add(new LdcInsnNode(k));
            m.instructions.add(new InsnNode(AALOAD));
            unpack(m, all[k]);
        }
        int slot = 1;
        for (int j = 0; j < samArgs.length; j++) {
            Type t = samArgs[j];
            m.instructions.add(new VarInsnNode(t.getOpcode(ILOAD), slot));
            if (!convert(m, t, all[capturedCount + j])) {
                throw new NotDifferentiableException(implClass.replace('/', '.'), implName, -1,
                        "a method reference that converts its argument (" + t.getClassName() + " to "
                                + all[capturedCount + j].getClassName() + ")",
                        "Write a lambda that takes the exact type");
            }
            slot += t.getSize();
        }
        int opcode = constructor ? INVOKESPECIAL
                : kind == MethodHandleInfoKinds.INVOKE_STATIC ? INVOKESTATIC
                : kind == MethodHandleInfoKinds.INVOKE_INTERFACE ? INVOKEINTERFACE : INVOKEVIRTUAL;
        m.instructions.add(new MethodInsnNode(opcode, implClass, implName, implDesc,
                opcode == INVOKEINTERFACE || implIsInterface && opcode == INVOKESTATIC));
        Type ret = constructor ? Type.getObjectType(implClass) : Type.getReturnType(implDesc);
        if (!convert(m, ret, samReturn)) {
            throw new NotDifferentiableException(implClass.replace('/', '.'), implName, -1,
                    "a method reference that returns " + ret.getClassName() + " where " + samReturn.getClassName()
                            + " is expected", "Write a lambda that returns a double");
        }
        m.instructions.add(new InsnNode(samReturn.getOpcode(IRETURN)));
        m.maxLocals = slot;
        c.methods.add(m);
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        c.accept(w);
        return w.toByteArray();
    }

    /**
     * Converts the value on the stack as {@code LambdaMetafactory} does between a functional method and its
     * implementation: a cast, boxing, unboxing, widening to {@code double}, or dropping a result the function
     * does not return.
     *
     * @return false where no such conversion exists
     */
    private static boolean convert(MethodNode m, Type from, Type to) {
        boolean fromReference = from.getSort() >= Type.ARRAY;
        boolean toReference = to.getSort() >= Type.ARRAY;
        if (from.equals(to) || fromReference && to.equals(Type.getType(Object.class))) {
            return true;
        }
        if (from.getSort() == Type.VOID) {
            return false;
        }
        if (to.getSort() == Type.VOID) {
            m.instructions.add(new InsnNode(from.getSize() == 2 ? POP2 : POP));
            return true;
        }
        if (fromReference) {
            unpack(m, to);
            return true;
        }
        if (toReference) {
            Type box = box(from);
            m.instructions.add(new MethodInsnNode(INVOKESTATIC, box.getInternalName(), "valueOf",
                    "(" + from.getDescriptor() + ")" + box.getDescriptor(), false));
            if (!box.equals(to)) {
                m.instructions.add(new TypeInsnNode(CHECKCAST, to.getInternalName()));
            }
            return true;
        }
        if (to.getSort() == Type.DOUBLE && from.getSort() != Type.BOOLEAN && from.getSort() != Type.VOID) {
            int widen = from.getSort() == Type.FLOAT ? F2D : from.getSort() == Type.LONG ? L2D : I2D;
            m.instructions.add(new InsnNode(widen));
            return true;
        }
        return false;
    }

    /** The box of a primitive type. */
    private static Type box(Type primitive) {
        switch (primitive.getSort()) {
            case Type.DOUBLE: return Type.getType(Double.class);
            case Type.FLOAT: return Type.getType(Float.class);
            case Type.LONG: return Type.getType(Long.class);
            case Type.SHORT: return Type.getType(Short.class);
            case Type.BYTE: return Type.getType(Byte.class);
            case Type.CHAR: return Type.getType(Character.class);
            case Type.BOOLEAN: return Type.getType(Boolean.class);
            default: return Type.getType(Integer.class);
        }
    }

    /** @return the descriptor of an adapter's {@code apply} method */
    public static String adapterDescriptor(byte[] adapter) {
        String[] desc = new String[1];
        new ClassReader(adapter).accept(new ClassVisitor(ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String d, String signature, String[] ex) {
                desc[0] = d;
                return null;
            }
        }, ClassReader.SKIP_CODE);
        return desc[0];
    }

    /** Casts or unboxes a captured value to the type the implementation takes. */
    private static void unpack(MethodNode m, Type t) {
        String box;
        String unbox;
        switch (t.getSort()) {
            case Type.DOUBLE: box = "java/lang/Double"; unbox = "doubleValue"; break;
            case Type.FLOAT: box = "java/lang/Float"; unbox = "floatValue"; break;
            case Type.INT: box = "java/lang/Integer"; unbox = "intValue"; break;
            case Type.LONG: box = "java/lang/Long"; unbox = "longValue"; break;
            case Type.SHORT: box = "java/lang/Short"; unbox = "shortValue"; break;
            case Type.BYTE: box = "java/lang/Byte"; unbox = "byteValue"; break;
            case Type.CHAR: box = "java/lang/Character"; unbox = "charValue"; break;
            case Type.BOOLEAN: box = "java/lang/Boolean"; unbox = "booleanValue"; break;
            default:
                m.instructions.add(new TypeInsnNode(CHECKCAST, t.getInternalName()));
                return;
        }
        m.instructions.add(new TypeInsnNode(CHECKCAST, box));
        m.instructions.add(new MethodInsnNode(INVOKEVIRTUAL, box, unbox, "()" + t.getDescriptor(), false));
    }

    /** The {@code MethodHandleInfo} reference kinds that a {@link SerializedLambda} reports. */
    static final class MethodHandleInfoKinds {
        static final int INVOKE_VIRTUAL = 5;
        static final int INVOKE_STATIC = 6;
        static final int INVOKE_SPECIAL = 7;
        static final int NEW_INVOKE_SPECIAL = 8;
        static final int INVOKE_INTERFACE = 9;

        private MethodHandleInfoKinds() {
        }
    }

    /** @return the type of {@link #fwd} for a functional descriptor */
    static MethodType fwdType(MethodType sam) {
        return sam.insertParameterTypes(0, Object[].class).appendParameterTypes(Tape.class);
    }
}
