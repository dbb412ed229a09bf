package dev.adjoint.internal.outline;

import java.util.List;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

import dev.adjoint.internal.bytecode.ClassHierarchy;

/**
 * ASM's type-inferring interpreter with class facts read from class files: the types of the locals a piece of a
 * method takes and gives back must be exact, and loading classes from inside class loading is not allowed.
 */
final class HierarchyVerifier extends SimpleVerifier {

    private static final Type OBJECT = Type.getObjectType("java/lang/Object");

    private final ClassHierarchy hierarchy;

    HierarchyVerifier(String owner, ClassHierarchy hierarchy) {
        super(Opcodes.ASM9, Type.getObjectType(owner), OBJECT, List.of(), false);
        this.hierarchy = hierarchy;
    }

    @Override
    protected boolean isInterface(Type type) {
        return type.getSort() == Type.OBJECT && hierarchy.isInterface(type.getInternalName());
    }

    @Override
    protected Type getSuperClass(Type type) {
        if (type.getSort() != Type.OBJECT || type.equals(OBJECT)) {
            return type.getSort() == Type.ARRAY ? OBJECT : null;
        }
        return Type.getObjectType(hierarchy.superName(type.getInternalName()));
    }

    @Override
    protected boolean isAssignableFrom(Type type, Type other) {
        if (type.equals(other) || type.equals(OBJECT)) {
            return true;
        }
        if (type.getSort() == Type.ARRAY) {
            return other.getSort() == Type.ARRAY && elementAssignable(type.getElementType(), type.getDimensions(),
                    other.getElementType(), other.getDimensions());
        }
        if (type.getSort() != Type.OBJECT || other.getSort() == Type.ARRAY) {
            // an array is also Cloneable and Serializable, which are interfaces
            return type.getSort() == Type.OBJECT && isInterface(type);
        }
        if (isInterface(type)) {
            // the JVM's verifier treats every interface as assignable from any class
            return true;
        }
        for (Type t = other; t != null; t = getSuperClass(t)) {
            if (t.equals(type)) {
                return true;
            }
        }
        return false;
    }

    private boolean elementAssignable(Type element, int dims, Type otherElement, int otherDims) {
        if (dims == otherDims) {
            return element.getSort() == Type.OBJECT && otherElement.getSort() == Type.OBJECT
                    ? isAssignableFrom(element, otherElement) : element.equals(otherElement);
        }
        return dims < otherDims && element.getSort() == Type.OBJECT
                && (element.equals(OBJECT) || isInterface(element));
    }

    @Override
    protected Class<?> getClass(Type type) {
        throw new UnsupportedOperationException("class facts come from class files, never by loading " + type);
    }
}
