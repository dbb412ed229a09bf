package dev.adjoint.cli;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The function {@code ad check} hands to {@code AD}: a class that implements {@code MultivariateFunction} by calling
 * the user's method, so that the gradient comes from the engine like any user's.
 *
 * <pre>{@code
 * public final class Adjoint$$Check implements MultivariateFunction {
 *     private final Host receiver;                 // instance methods only
 *     public double apply(double[] x) {
 *         return Host.f(x[0], x[1]);               // several doubles
 *         return Host.f(x);                        // double[] or double...
 *         return receiver.f(x[0]);                 // an instance method
 *     }
 * }
 * }</pre>
 */
final class CheckAdapter implements Opcodes {

    /** The simple name of the adapter, in the package of the host where the host's package is reachable. */
    static final String SIMPLE_NAME = "Adjoint$$Check";

    private static final String FUNCTION = "dev/adjoint/MultivariateFunction";

    private CheckAdapter() {
    }

    /**
     * @param name       the adapter's internal name
     * @param host       the internal name of the class that declares the method
     * @param hostIsInterface whether that class is an interface
     * @param method     the method's name
     * @param descriptor the method's descriptor: {@code (DD...)D} or {@code ([D)D}
     * @param isStatic   whether the method is static; otherwise the adapter's constructor takes the receiver
     * @return the adapter's class file
     */
    static byte[] generate(String name, String host, boolean hostIsInterface, String method, String descriptor,
                           boolean isStatic) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", new String[] {FUNCTION});
        String hostDesc = Type.getObjectType(host).getDescriptor();
        if (!isStatic) {
            cw.visitField(ACC_PRIVATE | ACC_FINAL, "receiver", hostDesc, null, null).visitEnd();
        }
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", isStatic ? "()V" : "(" + hostDesc + ")V", null,
                null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        if (!isStatic) {
            init.visitVarInsn(ALOAD, 0);
            init.visitVarInsn(ALOAD, 1);
            init.visitFieldInsn(PUTFIELD, name, "receiver", hostDesc);
        }
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodVisitor apply = cw.visitMethod(ACC_PUBLIC, "apply", "([D)D", null, null);
        apply.visitCode();
        if (!isStatic) {
            apply.visitVarInsn(ALOAD, 0);
            apply.visitFieldInsn(GETFIELD, name, "receiver", hostDesc);
        }
        Type[] args = Type.getArgumentTypes(descriptor);
        if (args.length == 1 && args[0].getSort() == Type.ARRAY) {
            apply.visitVarInsn(ALOAD, 1);
        } else {
            for (int k = 0; k < args.length; k++) {
                apply.visitVarInsn(ALOAD, 1);
                apply.visitLdcInsn(k);
                apply.visitInsn(DALOAD);
            }
        }
        int opcode = isStatic ? INVOKESTATIC : hostIsInterface ? INVOKEINTERFACE : INVOKEVIRTUAL;
        apply.visitMethodInsn(opcode, host, method, descriptor, hostIsInterface);
        apply.visitInsn(DRETURN);
        apply.visitMaxs(0, 0);
        apply.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
