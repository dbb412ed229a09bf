package dev.adjoint.internal.runtime;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import org.objectweb.asm.Opcodes;

/**
 * Bootstrap of the call sites through which a companion uses members that only its host may use: protected members
 * inherited from another package, and {@code super} calls. The handle comes from the host's own lookup, so the
 * JVM's access rules are those of the original code, including the restriction of a protected member's receiver to
 * the host's class.
 */
public final class HostMembers {

    private HostMembers() {
    }

    /**
     * @param caller the companion's lookup
     * @param name   the member's name
     * @param type   the site's type: the original instruction's operands and result
     * @param opcode the original field or invoke opcode
     * @param host   the internal name of the host class
     * @param owner  the internal name of the class the original instruction names
     * @return the call site
     */
    public static CallSite link(MethodHandles.Lookup caller, String name, MethodType type, int opcode, String host,
                                String owner) throws ReflectiveOperationException {
        ClassLoader loader = caller.lookupClass().getClassLoader();
        Class<?> hostClass = Class.forName(host.replace('/', '.'), false, loader);
        Class<?> ownerClass = Class.forName(owner.replace('/', '.'), false, loader);
        MethodHandles.Lookup lookup = HostAccess.fullPrivilege(hostClass);
        MethodHandle h;
        switch (opcode) {
            case Opcodes.GETFIELD:
                h = lookup.findGetter(ownerClass, name, type.returnType());
                break;
            case Opcodes.PUTFIELD:
                h = lookup.findSetter(ownerClass, name, type.parameterType(1));
                break;
            case Opcodes.GETSTATIC:
                h = lookup.findStaticGetter(ownerClass, name, type.returnType());
                break;
            case Opcodes.PUTSTATIC:
                h = lookup.findStaticSetter(ownerClass, name, type.parameterType(0));
                break;
            case Opcodes.INVOKESTATIC:
                h = lookup.findStatic(ownerClass, name, type);
                break;
            case Opcodes.INVOKESPECIAL:
                h = lookup.findSpecial(ownerClass, name, type.dropParameterTypes(0, 1), hostClass);
                break;
            default:
                h = lookup.findVirtual(ownerClass, name, type.dropParameterTypes(0, 1));
                break;
        }
        return new ConstantCallSite(h.asType(type));
    }
}
