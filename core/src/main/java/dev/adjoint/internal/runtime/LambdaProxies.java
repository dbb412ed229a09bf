package dev.adjoint.internal.runtime;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import dev.adjoint.NotDifferentiableException;
import dev.adjoint.internal.bytecode.GeneratedSources;

/**
 * Creates the lambdas of differentiated code as instances of ordinary classes, one per creation site, instead of
 * the JDK's hidden classes: a class with the captured values in fields {@code c0, c1, ...} and the functional
 * method, which calls the lambda's body. Because the class has a class file, the engine can differentiate a call
 * of the lambda like any call, and the captured values' derivatives live in the fields' shadows.
 *
 * <p>Two versions of the class file exist. The one defined calls the body through an {@code invokedynamic} linked
 * to the body's method handle (the body is usually a private method of the host, which another class cannot call
 * by name). The one the engine reads calls the body by name: the engine links such calls through the host's
 * lookup anyway.
 */
public final class LambdaProxies implements Opcodes {

    private static final Map<String, Class<?>> DEFINED = new ConcurrentHashMap<>();
    private static final Map<String, MethodHandle> BODIES = new ConcurrentHashMap<>();
    private static final String SELF = "dev/adjoint/internal/runtime/LambdaProxies";
    private static final Handle BODY_BOOTSTRAP = new Handle(H_INVOKESTATIC, SELF, "body",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)"
                    + "Ljava/lang/invoke/CallSite;", false);

    private LambdaProxies() {
    }

    /**
     * Bootstrap of lambda creation sites in differentiated code.
     *
     * @param caller      the companion's lookup
     * @param samName     the functional method's name
     * @param factoryType the captured values' types to the functional interface
     * @param args        the class to create, whether the site used {@code altMetafactory}, then the site's own
     *                    arguments for {@link LambdaMetafactory}
     * @return a call site that creates an instance with the captured values
     */
    public static CallSite metafactory(MethodHandles.Lookup caller, String samName, MethodType factoryType,
                                       Object... args) throws ReflectiveOperationException {
        String name = (String) args[0];
        Class<?> host = caller.lookupClass().getNestHost();
        MethodHandles.Lookup hostLookup = HostAccess.fullPrivilege(host);
        ClassLoader loader = host.getClassLoader();
        String key = System.identityHashCode(loader) + "/" + name;
        Class<?> proxy = DEFINED.get(key);
        if (proxy == null) {
            synchronized (DEFINED) {
                proxy = DEFINED.get(key);
                if (proxy == null) {
                    Shape shape = new Shape(caller, host, name, samName, factoryType, args);
                    BODIES.put(key, shape.body);
                    GeneratedSources.register(loader, name, shape.write(false));
                    proxy = hostLookup.defineClass(shape.write(true));
                    DEFINED.put(key, proxy);
                }
            }
        }
        MethodHandle create = hostLookup.findConstructor(proxy, factoryType.changeReturnType(void.class));
        return new ConstantCallSite(create.asType(factoryType));
    }

    /** Bootstrap of the call of a lambda's body from its class. */
    public static CallSite body(MethodHandles.Lookup caller, String name, MethodType type) {
        Class<?> proxy = caller.lookupClass();
        MethodHandle body = BODIES.get(System.identityHashCode(proxy.getClassLoader()) + "/"
                + proxy.getName().replace('.', '/'));
        return new ConstantCallSite(body.asType(type));
    }

    /** What a creation site asks for. */
    private static final class Shape {
        final String name;
        final String host;
        final String samName;
        final MethodType factoryType;
        final MethodType samType;
        final MethodType instantiated;
        final MethodHandle body;
        final MethodHandleInfo info;
        final List<Class<?>> interfaces = new ArrayList<>();
        final List<MethodType> bridges = new ArrayList<>();
        final boolean serializable;

        Shape(MethodHandles.Lookup caller, Class<?> host, String name, String samName, MethodType factoryType,
              Object[] args) {
            this.name = name;
            this.host = Type.getInternalName(host);
            this.samName = samName;
            this.factoryType = factoryType;
            boolean alt = (Integer) args[1] != 0;
            this.samType = (MethodType) args[2];
            this.body = (MethodHandle) args[3];
            this.instantiated = (MethodType) args[4];
            this.info = caller.revealDirect(body);
            interfaces.add(factoryType.returnType());
            int flags = alt ? (Integer) args[5] : 0;
            int at = 6;
            if ((flags & LambdaMetafactory.FLAG_MARKERS) != 0) {
                int n = (Integer) args[at++];
                for (int k = 0; k < n; k++) {
                    interfaces.add((Class<?>) args[at++]);
                }
            }
            if ((flags & LambdaMetafactory.FLAG_BRIDGES) != 0) {
                int n = (Integer) args[at++];
                for (int k = 0; k < n; k++) {
                    bridges.add((MethodType) args[at++]);
                }
            }
            this.serializable = (flags & LambdaMetafactory.FLAG_SERIALIZABLE) != 0
                    || java.io.Serializable.class.isAssignableFrom(factoryType.returnType());
            if (serializable && !interfaces.contains(java.io.Serializable.class)) {
                interfaces.add(java.io.Serializable.class);
            }
            if (info.getReferenceKind() == MethodHandleInfo.REF_getField
                    || info.getReferenceKind() == MethodHandleInfo.REF_getStatic
                    || info.getReferenceKind() == MethodHandleInfo.REF_putField
                    || info.getReferenceKind() == MethodHandleInfo.REF_putStatic) {
                throw new NotDifferentiableException(host.getName(), samName, -1,
                        "a lambda whose body is a field access", null);
            }
        }

        /** The class file: {@code defined} calls the body through a handle, the engine's version by name. */
        byte[] write(boolean defined) {
            ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES) {
                @Override
                protected ClassLoader getClassLoader() {
                    return LambdaProxies.class.getClassLoader();
                }

                @Override
                protected String getCommonSuperClass(String a, String b) {
                    return "java/lang/Object";
                }
            };
            String[] itfs = new String[interfaces.size()];
            for (int k = 0; k < itfs.length; k++) {
                itfs[k] = Type.getInternalName(interfaces.get(k));
            }
            w.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", itfs);
            Class<?>[] captured = factoryType.parameterArray();
            for (int k = 0; k < captured.length; k++) {
                w.visitField(ACC_PUBLIC | ACC_FINAL, "c" + k, Type.getDescriptor(captured[k]), null, null).visitEnd();
            }
            constructor(w, captured);
            functionalMethod(w, captured, samType, defined);
            for (MethodType b : bridges) {
                if (!b.equals(samType)) {
                    bridge(w, b);
                }
            }
            if (serializable) {
                writeReplace(w, captured);
            }
            w.visitEnd();
            return w.toByteArray();
        }

        private void constructor(ClassWriter w, Class<?>[] captured) {
            MethodVisitor m = w.visitMethod(ACC_PUBLIC, "<init>",
                    MethodType.methodType(void.class, captured).toMethodDescriptorString(), null, null);
            m.visitCode();
            m.visitVarInsn(ALOAD, 0);
            m.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
            int slot = 1;
            for (int k = 0; k < captured.length; k++) {
                Type t = Type.getType(captured[k]);
                m.visitVarInsn(ALOAD, 0);
                m.visitVarInsn(t.getOpcode(ILOAD), slot);
                m.visitFieldInsn(PUTFIELD, name, "c" + k, t.getDescriptor());
                slot += t.getSize();
            }
            m.visitInsn(RETURN);
            m.visitMaxs(0, 0);
            m.visitEnd();
        }

        /** The body's parameters: the receiver of an instance method first. */
        private List<Class<?>> bodyParameters() {
            List<Class<?>> out = new ArrayList<>();
            int kind = info.getReferenceKind();
            if (kind == MethodHandleInfo.REF_invokeVirtual || kind == MethodHandleInfo.REF_invokeInterface
                    || kind == MethodHandleInfo.REF_invokeSpecial) {
                out.add(info.getDeclaringClass());
            }
            out.addAll(info.getMethodType().parameterList());
            return out;
        }

        private Class<?> bodyReturn() {
            return info.getReferenceKind() == MethodHandleInfo.REF_newInvokeSpecial ? info.getDeclaringClass()
                    : info.getMethodType().returnType();
        }

        private void functionalMethod(ClassWriter w, Class<?>[] captured, MethodType type, boolean defined) {
            MethodVisitor m = w.visitMethod(ACC_PUBLIC, samName, type.toMethodDescriptorString(), null, null);
            m.visitCode();
            if (defined) {
                followWhenCalledBack(m, type);
            }
            List<Class<?>> params = bodyParameters();
            int kind = info.getReferenceKind();
            String owner = Type.getInternalName(info.getDeclaringClass());
            if (kind == MethodHandleInfo.REF_newInvokeSpecial && !defined) {
                m.visitTypeInsn(NEW, owner);
                m.visitInsn(DUP);
            }
            for (int k = 0; k < captured.length; k++) {
                m.visitVarInsn(ALOAD, 0);
                m.visitFieldInsn(GETFIELD, name, "c" + k, Type.getDescriptor(captured[k]));
                Conversions.convert(m, captured[k], params.get(k));
            }
            int slot = 1;
            for (int j = 0; j < type.parameterCount(); j++) {
                Class<?> from = type.parameterType(j);
                Type t = Type.getType(from);
                m.visitVarInsn(t.getOpcode(ILOAD), slot);
                slot += t.getSize();
                Class<?> via = instantiated.parameterType(j);
                Conversions.cast(m, from, via);
                Conversions.convert(m, via, params.get(captured.length + j));
            }
            Class<?> ret = bodyReturn();
            if (defined) {
                MethodType site = MethodType.methodType(ret, params);
                m.visitInvokeDynamicInsn("body", site.toMethodDescriptorString(), BODY_BOOTSTRAP);
            } else {
                String desc = info.getMethodType().toMethodDescriptorString();
                boolean itf = info.getDeclaringClass().isInterface();
                switch (kind) {
                    case MethodHandleInfo.REF_invokeStatic:
                        m.visitMethodInsn(INVOKESTATIC, owner, info.getName(), desc, itf);
                        break;
                    case MethodHandleInfo.REF_invokeInterface:
                        m.visitMethodInsn(INVOKEINTERFACE, owner, info.getName(), desc, true);
                        break;
                    case MethodHandleInfo.REF_newInvokeSpecial:
                        m.visitMethodInsn(INVOKESPECIAL, owner, "<init>", desc, false);
                        break;
                    case MethodHandleInfo.REF_invokeSpecial:
                        // a private method of the host is not overridden; a super method reference is special
                        boolean superCall = !owner.equals(host);
                        m.visitMethodInsn(superCall ? INVOKESPECIAL : itf ? INVOKEINTERFACE : INVOKEVIRTUAL, owner,
                                info.getName(), desc, itf);
                        break;
                    default:
                        m.visitMethodInsn(itf ? INVOKEINTERFACE : INVOKEVIRTUAL, owner, info.getName(), desc, itf);
                        break;
                }
            }
            Conversions.convertReturn(m, ret, instantiated.returnType(), type.returnType());
            m.visitInsn(Type.getType(type.returnType()).getOpcode(IRETURN));
            m.visitMaxs(0, 0);
            m.visitEnd();
        }

        /**
         * {@code if (Callbacks.intercepts()) return Callbacks.follow(this, name, desc, args)}: a JDK method that
         * derivative code called is calling the lambda back, so its derivative code runs instead.
         */
        private void followWhenCalledBack(MethodVisitor m, MethodType type) {
            String callbacks = "dev/adjoint/internal/runtime/Callbacks";
            org.objectweb.asm.Label plain = new org.objectweb.asm.Label();
            m.visitMethodInsn(INVOKESTATIC, callbacks, "intercepts", "()Z", false);
            m.visitJumpInsn(IFEQ, plain);
            m.visitVarInsn(ALOAD, 0);
            m.visitLdcInsn(samName);
            m.visitLdcInsn(type.toMethodDescriptorString());
            m.visitLdcInsn(type.parameterCount());
            m.visitTypeInsn(ANEWARRAY, "java/lang/Object");
            int slot = 1;
            for (int j = 0; j < type.parameterCount(); j++) {
                Type t = Type.getType(type.parameterType(j));
                m.visitInsn(DUP);
                m.visitLdcInsn(j);
                m.visitVarInsn(t.getOpcode(ILOAD), slot);
                Conversions.convert(m, type.parameterType(j), Object.class);
                m.visitInsn(AASTORE);
                slot += t.getSize();
            }
            m.visitMethodInsn(INVOKESTATIC, callbacks, "follow",
                    "(Ljava/lang/Object;Ljava/lang/String;Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/Object;",
                    false);
            Class<?> r = type.returnType();
            if (r == void.class) {
                m.visitInsn(POP);
                m.visitInsn(RETURN);
            } else {
                if (!r.isPrimitive() && r != Object.class) {
                    m.visitTypeInsn(CHECKCAST, Type.getInternalName(r));
                } else if (r.isPrimitive()) {
                    Conversions.convert(m, Object.class, r);
                }
                m.visitInsn(Type.getType(r).getOpcode(IRETURN));
            }
            m.visitLabel(plain);
        }

        /** A bridge: the same method under another erased signature, delegating to the functional method. */
        private void bridge(ClassWriter w, MethodType b) {
            MethodVisitor m = w.visitMethod(ACC_PUBLIC | ACC_BRIDGE | ACC_SYNTHETIC, samName,
                    b.toMethodDescriptorString(), null, null);
            m.visitCode();
            m.visitVarInsn(ALOAD, 0);
            int slot = 1;
            for (int j = 0; j < b.parameterCount(); j++) {
                Type t = Type.getType(b.parameterType(j));
                m.visitVarInsn(t.getOpcode(ILOAD), slot);
                slot += t.getSize();
                Conversions.cast(m, b.parameterType(j), samType.parameterType(j));
                Conversions.convert(m, b.parameterType(j), samType.parameterType(j));
            }
            m.visitMethodInsn(INVOKEVIRTUAL, name, samName, samType.toMethodDescriptorString(), false);
            Conversions.convertReturn(m, samType.returnType(), b.returnType(), b.returnType());
            m.visitInsn(Type.getType(b.returnType()).getOpcode(IRETURN));
            m.visitMaxs(0, 0);
            m.visitEnd();
        }

        /** {@code writeReplace}: the lambda's {@code SerializedLambda}, as the JDK's lambdas have. */
        private void writeReplace(ClassWriter w, Class<?>[] captured) {
            MethodVisitor m = w.visitMethod(ACC_PRIVATE | ACC_FINAL, "writeReplace", "()Ljava/lang/Object;", null,
                    null);
            m.visitCode();
            m.visitTypeInsn(NEW, "java/lang/invoke/SerializedLambda");
            m.visitInsn(DUP);
            m.visitLdcInsn(Type.getObjectType(host));
            m.visitLdcInsn(Type.getInternalName(factoryType.returnType()));
            m.visitLdcInsn(samName);
            m.visitLdcInsn(samType.toMethodDescriptorString());
            m.visitLdcInsn(info.getReferenceKind());
            m.visitLdcInsn(Type.getInternalName(info.getDeclaringClass()));
            m.visitLdcInsn(info.getName());
            m.visitLdcInsn(info.getMethodType().toMethodDescriptorString());
            m.visitLdcInsn(instantiated.toMethodDescriptorString());
            m.visitLdcInsn(captured.length);
            m.visitTypeInsn(ANEWARRAY, "java/lang/Object");
            for (int k = 0; k < captured.length; k++) {
                m.visitInsn(DUP);
                m.visitLdcInsn(k);
                m.visitVarInsn(ALOAD, 0);
                m.visitFieldInsn(GETFIELD, name, "c" + k, Type.getDescriptor(captured[k]));
                Conversions.convert(m, captured[k], Object.class);
                m.visitInsn(AASTORE);
            }
            m.visitMethodInsn(INVOKESPECIAL, "java/lang/invoke/SerializedLambda", "<init>",
                    "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;ILjava/lang/String;"
                            + "Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;[Ljava/lang/Object;)V", false);
            m.visitInsn(ARETURN);
            m.visitMaxs(0, 0);
            m.visitEnd();
        }
    }
}
