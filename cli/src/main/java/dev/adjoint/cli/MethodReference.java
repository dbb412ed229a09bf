package dev.adjoint.cli;

import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A method as the user names it on the command line, {@code CLASS#METHOD} or {@code CLASS#METHOD(TYPES)}, and its
 * resolution in class files (nothing is loaded). TYPES are Java types ({@code double, double[]}, simple or
 * qualified class names) or a descriptor ({@code (DD)D}); they are needed only when METHOD is overloaded.
 */
final class MethodReference {

    /** A method found in a class file: its declaring class, its bytes, and the method. */
    static final class Resolved {
        final String owner;
        final byte[] ownerBytes;
        final MethodNode method;

        Resolved(String owner, byte[] ownerBytes, MethodNode method) {
            this.owner = owner;
            this.ownerBytes = ownerBytes;
            this.method = method;
        }

        boolean isStatic() {
            return (method.access & Opcodes.ACC_STATIC) != 0;
        }

        /** @return the method as the user can write it, for example {@code com.example.F#f(double, double[])} */
        String display() {
            return MethodReference.display(owner, method);
        }
    }

    private static final String EXAMPLE = "dev.adjoint.examples.sine.TaylorSine#sine";

    private final String text;
    private final String className;
    private final String methodName;
    private final String parameters;

    private MethodReference(String text, String className, String methodName, String parameters) {
        this.text = text;
        this.className = className;
        this.methodName = methodName;
        this.parameters = parameters;
    }

    /**
     * @param text {@code CLASS#METHOD} or {@code CLASS#METHOD(TYPES)}
     * @return the reference
     * @throws InputException when the text has another form
     */
    static MethodReference parse(String text) {
        String t = text.trim();
        int hash = t.indexOf('#');
        if (hash <= 0 || hash == t.length() - 1) {
            throw new InputException("'" + text + "' is not CLASS#METHOD; for example " + EXAMPLE
                    + ", or " + EXAMPLE + "(double) to pick one of several overloads");
        }
        String cls = t.substring(0, hash);
        String rest = t.substring(hash + 1);
        String params = null;
        int open = rest.indexOf('(');
        if (open >= 0) {
            if (!rest.endsWith(")") && !rest.matches(".*\\)[VZBCSIJFDL\\[].*")) {
                throw new InputException("'" + text + "' lacks the closing parenthesis of the parameter types of "
                        + rest.substring(0, open));
            }
            params = rest.substring(open);
            rest = rest.substring(0, open);
        }
        if (!rest.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*")
                || !cls.matches("[\\p{javaJavaIdentifierPart}.$/]+")) {
            throw new InputException("'" + text + "' is not CLASS#METHOD; for example " + EXAMPLE);
        }
        return new MethodReference(text, cls.replace('/', '.'), rest, params);
    }

    /**
     * Finds the method in the class (or the nearest superclass that declares it).
     *
     * @param classPath where the classes are
     * @return the one method the reference names
     * @throws InputException when the class or the method does not exist, or several overloads match
     */
    Resolved resolve(UserClassPath classPath) {
        String internal = className.replace('.', '/');
        byte[] bytes = classPath.classFile(internal);
        // a nested class written with dots: Outer.Inner is Outer$Inner
        for (int dot = internal.lastIndexOf('/'); bytes == null && dot > 0; dot = internal.lastIndexOf('/', dot - 1)) {
            String nested = internal.substring(0, dot) + "$" + internal.substring(dot + 1).replace('/', '$');
            bytes = classPath.classFile(nested);
            if (bytes != null) {
                internal = nested;
            }
        }
        if (bytes == null) {
            throw new InputException("class " + className + " not found" + classPath.where());
        }
        List<Resolved> named = new ArrayList<>();
        String owner = internal;
        byte[] ownerBytes = bytes;
        while (ownerBytes != null && named.isEmpty()) {
            ClassNode c = read(ownerBytes, owner);
            for (MethodNode m : c.methods) {
                if (m.name.equals(methodName) && (m.access & (Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC)) == 0) {
                    named.add(new Resolved(c.name, ownerBytes, m));
                }
            }
            if (named.isEmpty() && c.superName != null && !c.superName.equals("java/lang/Object")) {
                owner = c.superName;
                ownerBytes = classPath.classFile(owner);
            } else {
                ownerBytes = null;
            }
        }
        if (named.isEmpty()) {
            throw new InputException("no method " + methodName + " in " + className + "; its methods: "
                    + methodsOf(read(bytes, internal)));
        }
        List<Resolved> matching = new ArrayList<>();
        for (Resolved r : named) {
            if (parameters == null || matches(r.method.desc, parameters)) {
                matching.add(r);
            }
        }
        if (matching.isEmpty()) {
            throw new InputException("no method " + methodName + parameters + " in " + className + "; there is "
                    + candidates(named));
        }
        if (matching.size() > 1) {
            throw new InputException(text + " is ambiguous: " + className + " has " + matching.size()
                    + " methods of that name; say which with its parameter types: " + candidates(matching));
        }
        return matching.get(0);
    }

    private static ClassNode read(byte[] bytes, String name) {
        try {
            ClassNode c = new ClassNode();
            new ClassReader(bytes).accept(c, ClassReader.SKIP_FRAMES);
            return c;
        } catch (RuntimeException e) {
            throw new InputException("the class file of " + name.replace('/', '.') + " is corrupt: " + e, e);
        }
    }

    private static String candidates(List<Resolved> rs) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < rs.size(); k++) {
            sb.append(k == 0 ? "" : ", ").append('\'').append(rs.get(k).display()).append('\'');
        }
        return sb.toString();
    }

    private static String methodsOf(ClassNode c) {
        List<String> out = new ArrayList<>();
        for (MethodNode m : c.methods) {
            if ((m.access & (Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC)) == 0 && !m.name.startsWith("<")) {
                String s = m.name + parameterList(m.desc);
                if (!out.contains(s)) {
                    out.add(s);
                }
            }
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    /** Whether a descriptor matches the parameter types the user wrote: Java types or a descriptor. */
    static boolean matches(String desc, String written) {
        String w = written.replace(" ", "");
        if (w.startsWith("(") && w.indexOf(')') >= 0 && !w.contains(",") && looksLikeDescriptor(w)) {
            return w.indexOf(')') == w.length() - 1 ? desc.startsWith(w) : desc.equals(w);
        }
        String inner = w.substring(1, w.length() - 1);
        String[] types = inner.isEmpty() ? new String[0] : inner.split(",");
        Type[] args = Type.getArgumentTypes(desc);
        if (types.length != args.length) {
            return false;
        }
        for (int k = 0; k < args.length; k++) {
            if (!sameType(args[k], types[k].replace("...", "[]"))) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeDescriptor(String w) {
        String params = w.substring(1, w.indexOf(')'));
        return params.isEmpty() ? w.length() <= 3 : params.matches("(\\[*([ZBCSIJFD]|L[^;]+;))+");
    }

    private static boolean sameType(Type t, String written) {
        String name = t.getClassName();
        if (name.equals(written)) {
            return true;
        }
        // simple names of classes: String for java.lang.String, Entry or Map.Entry for java.util.Map$Entry
        String dotted = name.replace('$', '.');
        return dotted.equals(written) || dotted.endsWith("." + written);
    }

    /** @return a method as the user can write it: {@code com.example.F#f(double, double[])} */
    static String display(String owner, MethodNode m) {
        return owner.replace('/', '.') + "#" + m.name + parameterList(m.desc);
    }

    /** @return {@code (double, double[])} for {@code (D[D)D} */
    static String parameterList(String desc) {
        StringBuilder sb = new StringBuilder("(");
        Type[] args = Type.getArgumentTypes(desc);
        for (int k = 0; k < args.length; k++) {
            String n = args[k].getClassName();
            sb.append(k == 0 ? "" : ", ").append(n.startsWith("java.lang.") && n.indexOf('.', 10) < 0
                    ? n.substring(10) : n.replace('$', '.'));
        }
        return sb.append(')').toString();
    }
}
