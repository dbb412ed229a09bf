package dev.adjoint.internal.bytecode;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;


/**
 * Lambdas created in differentiated code become instances of ordinary classes that Adjoint defines (see
 * {@code LambdaProxies}), not the JDK's hidden ones, so that calling them can be differentiated and the values they
 * capture keep their derivatives. This pass redirects the {@code LambdaMetafactory} call sites of a method to that
 * bootstrap, naming the class each site will create: a name fixed by the site, so that every companion generated
 * from the method creates the same class.
 */
public final class Lambdas {

    private static final String METAFACTORY = "java/lang/invoke/LambdaMetafactory";

    private Lambdas() {
    }

    /**
     * @param owner  the internal name of the method's class
     * @param method the method, edited in place
     */
    public static void redirect(String owner, MethodNode method) {
        int site = 0;
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (!(insn instanceof InvokeDynamicInsnNode)) {
                continue;
            }
            InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) insn;
            if (!METAFACTORY.equals(indy.bsm.getOwner())) {
                continue;
            }
            boolean alt = "altMetafactory".equals(indy.bsm.getName());
            Object[] args = new Object[indy.bsmArgs.length + 2];
            args[0] = proxyName(owner, method, site++);
            args[1] = alt ? 1 : 0;
            System.arraycopy(indy.bsmArgs, 0, args, 2, indy.bsmArgs.length);
            indy.bsm = Abi.LAMBDA_BOOTSTRAP;
            indy.bsmArgs = args;
        }
    }

    /** @return whether an {@code invokedynamic} creates a lambda through {@code LambdaProxies} */
    public static boolean isProxySite(AbstractInsnNode insn) {
        return insn.getOpcode() == Opcodes.INVOKEDYNAMIC
                && ((InvokeDynamicInsnNode) insn).bsm.equals(Abi.LAMBDA_BOOTSTRAP);
    }

    /** @return the internal name of the class a redirected site creates */
    public static String proxyOf(AbstractInsnNode insn) {
        return (String) ((InvokeDynamicInsnNode) insn).bsmArgs[0];
    }

    private static String proxyName(String owner, MethodNode method, int site) {
        String name = method.name.replace('<', '_').replace('>', '_');
        return owner + "$$AdjointLambda$" + name + "$" + Integer.toHexString(method.desc.hashCode()) + "$" + site;
    }
}
