package dev.adjoint.internal.offline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import dev.adjoint.internal.bytecode.ClassHierarchy;

/**
 * The declarations of the classes that {@code ad instrument} sees (its input, its class path, the runtime and the
 * JDK), read from class files: supertypes and methods, for finding {@code Differentiable} classes and the methods a
 * call may reach. Nothing is loaded.
 */
final class ClassIndex {

    /** The declarations of one class. */
    static final class Declarations {
        final String name;
        final int access;
        final String superName;
        final List<String> interfaces;
        /** name + descriptor -> access flags */
        final Map<String, Integer> methods;

        Declarations(String name, int access, String superName, List<String> interfaces,
                     Map<String, Integer> methods) {
            this.name = name;
            this.access = access;
            this.superName = superName;
            this.interfaces = interfaces;
            this.methods = methods;
        }

        boolean isInterface() {
            return (access & Opcodes.ACC_INTERFACE) != 0;
        }

        /** @return the access flags of a declared method, or null */
        Integer method(String name, String desc) {
            return methods.get(name + desc);
        }
    }

    private final ClassHierarchy.ClassBytes bytes;
    private final Collection<String> universe;
    private final Map<String, Declarations> cache = new ConcurrentHashMap<>();
    private final Map<String, Boolean> absent = new ConcurrentHashMap<>();
    private final Map<String, List<String>> subtypes = new ConcurrentHashMap<>();

    /**
     * @param bytes    where class files come from
     * @param universe the classes that may be receivers of calls: the input and its class path
     */
    ClassIndex(ClassHierarchy.ClassBytes bytes, Collection<String> universe) {
        this.bytes = bytes;
        this.universe = universe;
    }

    /** @return the declarations of a class, or null when it has no class file */
    Declarations get(String name) {
        Declarations d = cache.get(name);
        if (d != null || absent.containsKey(name)) {
            return d;
        }
        byte[] b = bytes.find(name);
        if (b == null) {
            absent.put(name, Boolean.TRUE);
            return null;
        }
        d = read(b);
        cache.put(name, d);
        return d;
    }

    private static Declarations read(byte[] b) {
        Map<String, Integer> methods = new java.util.LinkedHashMap<>();
        String[] header = new String[2];
        int[] access = new int[1];
        List<String> interfaces = new ArrayList<>();
        new ClassReader(b).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int acc, String name, String signature, String superName,
                              String[] itfs) {
                header[0] = name;
                header[1] = superName;
                access[0] = acc;
                if (itfs != null) {
                    interfaces.addAll(List.of(itfs));
                }
            }

            @Override
            public MethodVisitor visitMethod(int acc, String name, String desc, String signature,
                                             String[] exceptions) {
                methods.put(name + desc, acc);
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new Declarations(header[0], access[0], header[1], interfaces, methods);
    }

    /** @return whether {@code type} is {@code ancestor} or a subtype of it */
    boolean isSubtype(String type, String ancestor) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> work = new ArrayList<>(List.of(type));
        while (!work.isEmpty()) {
            String t = work.remove(work.size() - 1);
            if (t.equals(ancestor)) {
                return true;
            }
            if (!seen.add(t)) {
                continue;
            }
            Declarations d = get(t);
            if (d != null) {
                if (d.superName != null) {
                    work.add(d.superName);
                }
                work.addAll(d.interfaces);
            }
        }
        return false;
    }

    /** @return all supertypes of a class, itself first, superclasses before interfaces */
    List<String> supertypes(String type) {
        Set<String> out = new LinkedHashSet<>();
        for (String c = type; c != null; ) {
            out.add(c);
            Declarations d = get(c);
            c = d == null ? null : d.superName;
        }
        List<String> work = new ArrayList<>(out);
        for (int i = 0; i < work.size(); i++) {
            Declarations d = get(work.get(i));
            if (d != null) {
                for (String itf : d.interfaces) {
                    if (out.add(itf)) {
                        work.add(itf);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Method resolution (JVMS 5.4.3.3 and 5.4.3.4), from class files.
     *
     * @return the class that declares the method a call names, or null
     */
    String resolve(String owner, String name, String desc, boolean isStatic) {
        for (String c : supertypes(owner)) {
            Declarations d = get(c);
            Integer acc = d == null ? null : d.method(name, desc);
            if (acc != null && ((acc & Opcodes.ACC_STATIC) != 0) == isStatic) {
                return c;
            }
        }
        return null;
    }

    /** @return the classes of the universe that are subtypes of {@code type} (itself included) */
    List<String> subtypes(String type) {
        return subtypes.computeIfAbsent(type, t -> {
            List<String> out = new ArrayList<>();
            for (String c : universe) {
                if (isSubtype(c, t)) {
                    out.add(c);
                }
            }
            return out;
        });
    }

    /** @return the classes of the universe */
    Collection<String> universe() {
        return universe;
    }
}
