package dev.adjoint.it.corpus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Companion;
import dev.adjoint.internal.engine.Engine;
import dev.adjoint.internal.engine.TransformException;
import dev.adjoint.internal.runtime.CompanionVerifier;

/**
 * Transforms one method without running it, and checks what comes out three ways: ASM's verifier, the JVM's (the
 * companion is defined as a hidden nestmate of its host, as at run time, but never initialized or called), and
 * resolution of every class, field and method the generated code names, with the companion's own access.
 */
public final class MethodCheck {

    private static final String REFUSALS = "dev/adjoint/internal/runtime/Refusals";

    /** Marks a construct whose refusal waits for the function to return (an exception that may be thrown). */
    static final String ON_RETURN = "on return: ";

    private final Engine engine = Engine.standard(false);
    private final ClassLoader loader;
    private final ClassHierarchy hierarchy;

    /** @param loader the loader of the libraries (and of Adjoint's runtime, which generated code calls) */
    public MethodCheck(ClassLoader loader) {
        this.loader = loader;
        this.hierarchy = new ClassHierarchy(ClassHierarchy.ClassBytes.of(loader));
    }

    /** @return the verdict on one method in one mode */
    public Verdict check(LibraryMethod m, Engine.Mode mode) {
        long start = System.nanoTime();
        Companion c;
        try {
            c = engine.generate(hierarchy.bytes().find(m.owner()), m.name(), m.descriptor(), hierarchy, mode);
        } catch (TransformException e) {
            return verdict(m, mode, statusOf(e), describe(e), List.of(), new int[0], start);
        } catch (RuntimeException | StackOverflowError e) {
            return verdict(m, mode, Verdict.Status.CRASH, "escaped the engine: " + describe(e), List.of(),
                    new int[0], start);
        }
        Companion.Member root = c.members().get(0);
        return inspect(m, mode, c.bytes(), mode == Engine.Mode.REVERSE ? List.of(root.fwdName, root.revName)
                : List.of(root.tanName), start);
    }

    /**
     * Checks a generated class.
     *
     * @param m       the method it was generated for
     * @param mode    the mode it was generated in
     * @param bytes   the class
     * @param names   the names of the method's own derivative methods in it, whose sizes to record
     * @param start   when the check began ({@link System#nanoTime()})
     * @return the verdict
     */
    Verdict inspect(LibraryMethod m, Engine.Mode mode, byte[] bytes, List<String> names, long start) {
        ClassNode generated = new ClassNode();
        new ClassReader(bytes).accept(generated, 0);
        int[] sizes = sizes(generated, names);
        try {
            CompanionVerifier.verify(bytes, loader);
        } catch (RuntimeException e) {
            return verdict(m, mode, unlessMissing(Verdict.Status.VERIFY_ERROR, e.getMessage(), m),
                    firstLine(e.getMessage()), List.of(), sizes, start);
        }
        MethodHandles.Lookup companion;
        try {
            Class<?> host = Class.forName(m.owner().replace('/', '.'), false, loader);
            companion = MethodHandles.privateLookupIn(host, MethodHandles.lookup())
                    .defineHiddenClass(bytes, false, MethodHandles.Lookup.ClassOption.NESTMATE);
        } catch (ReflectiveOperationException | LinkageError e) {
            return verdict(m, mode, unlessMissing(Verdict.Status.DEFINE_ERROR, e.toString(), m),
                    firstLine(e.toString()), List.of(), sizes, start);
        }
        String unresolved = firstUnresolved(generated, companion);
        if (unresolved != null) {
            return verdict(m, mode, unlessMissing(Verdict.Status.LINK_ERROR, unresolved, m), unresolved, List.of(),
                    sizes, start);
        }
        List<String> refusals = refusals(generated);
        return verdict(m, mode, refusals.isEmpty() ? Verdict.Status.OK : Verdict.Status.REFUSES_AT, "", refusals,
                sizes, start);
    }

    private static Verdict verdict(LibraryMethod m, Engine.Mode mode, Verdict.Status status, String reason,
                                   List<String> refusals, int[] sizes, long start) {
        return new Verdict(m, mode, status, reason, refusals, sizes, System.nanoTime() - start);
    }

    private static final Pattern MISSING = Pattern.compile(
            "(?:ClassNotFoundException|NoClassDefFoundError):? ([\\w.$/]+)");

    /**
     * A class that cannot be found is no engine bug when the library's own class names it and it is on no class
     * path: an optional dependency (EJML's MatrixIO and the MFL library for Matlab files).
     */
    private Verdict.Status unlessMissing(Verdict.Status status, String message, LibraryMethod m) {
        Matcher missing = MISSING.matcher(message == null ? "" : message);
        if (!missing.find()) {
            return status;
        }
        String internal = missing.group(1).replace('.', '/');
        String host = new String(hierarchy.bytes().find(m.owner()), StandardCharsets.ISO_8859_1);
        return loader.getResource(internal + ".class") == null && host.contains(internal)
                ? Verdict.Status.MISSING_DEPENDENCY : status;
    }

    /** The reasons the engine gives when its own code fails (it keeps its exception as the cause, too). */
    private static final List<String> FAILURES = List.of("analysis failed", "transformation failed",
            "generated code could not be written", "its bytecode does not verify");

    private static Verdict.Status statusOf(TransformException e) {
        if (e.reason().startsWith("its derivative code is too large")
                || e.reason().contains("MethodTooLargeException")) {
            return Verdict.Status.TOO_LARGE;
        }
        boolean failure = e.getCause() != null || FAILURES.stream().anyMatch(e.reason()::startsWith);
        return failure ? Verdict.Status.CRASH : Verdict.Status.REFUSED;
    }

    /** The reason, and for a crash where the engine failed: the first frames of its exception. */
    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e instanceof TransformException ? ((TransformException) e).reason()
                : e.toString());
        Throwable cause = e instanceof TransformException ? e.getCause() : e;
        if (cause != null) {
            StackTraceElement[] trace = cause.getStackTrace();
            for (int i = 0; i < Math.min(3, trace.length); i++) {
                sb.append(i == 0 ? " at " : " < ").append(trace[i].getClassName().replaceAll(".*\\.", ""))
                        .append('.').append(trace[i].getMethodName()).append(':').append(trace[i].getLineNumber());
            }
        }
        return firstLine(sb.toString());
    }

    private static String firstLine(String s) {
        String line = s == null ? "" : s.strip().lines().findFirst().orElse("");
        return line.replace('\t', ' ');
    }

    private static int[] sizes(ClassNode generated, List<String> names) {
        int[] sizes = new int[names.size()];
        for (MethodNode g : generated.methods) {
            int k = names.indexOf(g.name);
            if (k >= 0) {
                sizes[k] = Corpus.codeSize(g);
            }
        }
        return sizes;
    }

    /** The constructs at which the generated code throws {@code NotDifferentiableException} if reached. */
    private static List<String> refusals(ClassNode generated) {
        List<String> out = new ArrayList<>();
        for (MethodNode g : generated.methods) {
            for (AbstractInsnNode insn : g.instructions) {
                if (insn instanceof MethodInsnNode && REFUSALS.equals(((MethodInsnNode) insn).owner)) {
                    // arguments: owner, method, line, construct, advice
                    AbstractInsnNode construct = insn.getPrevious().getPrevious();
                    if (construct instanceof LdcInsnNode && ((LdcInsnNode) construct).cst instanceof String) {
                        // the refusal is thrown, or only recorded for when the function returns
                        boolean onReturn = insn.getNext() != null && insn.getNext().getOpcode() == Opcodes.POP;
                        out.add((onReturn ? ON_RETURN : "") + ((LdcInsnNode) construct).cst);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Resolves every class, field and method the generated code names, with the companion's own access, as the
     * JVM will when the code first runs.
     *
     * @return the first that does not resolve, or {@code null}
     */
    private String firstUnresolved(ClassNode generated, MethodHandles.Lookup companion) {
        for (MethodNode g : generated.methods) {
            for (AbstractInsnNode insn : g.instructions) {
                try {
                    resolve(insn, companion, generated.name);
                } catch (ReflectiveOperationException | LinkageError e) {
                    return g.name + ": " + text(insn) + ": " + firstLine(e.toString());
                }
            }
        }
        return null;
    }

    private void resolve(AbstractInsnNode insn, MethodHandles.Lookup lookup, String self)
            throws ReflectiveOperationException {
        if (insn instanceof FieldInsnNode) {
            FieldInsnNode f = (FieldInsnNode) insn;
            Class<?> owner = type(Type.getObjectType(f.owner));
            Class<?> type = type(Type.getType(f.desc));
            switch (f.getOpcode()) {
                case Opcodes.GETFIELD: lookup.findGetter(owner, f.name, type); break;
                case Opcodes.PUTFIELD: lookup.findSetter(owner, f.name, type); break;
                case Opcodes.GETSTATIC: lookup.findStaticGetter(owner, f.name, type); break;
                default: lookup.findStaticSetter(owner, f.name, type); break;
            }
        } else if (insn instanceof MethodInsnNode) {
            MethodInsnNode mi = (MethodInsnNode) insn;
            if (mi.owner.startsWith("[")) {
                return; // clone() of an array
            }
            // calls within the companion name it as generated; defined, it is a hidden class with another name
            Class<?> owner = mi.owner.equals(self) ? lookup.lookupClass() : type(Type.getObjectType(mi.owner));
            MethodType type = MethodType.fromMethodDescriptorString(mi.desc, loader);
            if (mi.getOpcode() == Opcodes.INVOKESTATIC) {
                lookup.findStatic(owner, mi.name, type);
            } else if ("<init>".equals(mi.name)) {
                lookup.findConstructor(owner, type);
            } else if (mi.getOpcode() == Opcodes.INVOKESPECIAL) {
                lookup.findSpecial(owner, mi.name, type, lookup.lookupClass());
            } else {
                lookup.findVirtual(owner, mi.name, type);
            }
        } else if (insn instanceof InvokeDynamicInsnNode) {
            // linking a call site resolves its type, each class with the caller's access, and its bootstrap method
            InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) insn;
            for (Type t : Type.getArgumentTypes(indy.desc)) {
                accessible(lookup, t);
            }
            accessible(lookup, Type.getReturnType(indy.desc));
            Handle bsm = indy.bsm;
            Class<?> owner = type(Type.getObjectType(bsm.getOwner()));
            lookup.findStatic(owner, bsm.getName(), MethodType.fromMethodDescriptorString(bsm.getDesc(), loader));
            for (Object arg : indy.bsmArgs) {
                if (arg instanceof Type && ((Type) arg).getSort() == Type.METHOD) {
                    for (Type t : ((Type) arg).getArgumentTypes()) {
                        accessible(lookup, t);
                    }
                    accessible(lookup, ((Type) arg).getReturnType());
                } else if (arg instanceof Type) {
                    accessible(lookup, (Type) arg);
                }
            }
        } else if (insn instanceof TypeInsnNode) {
            lookup.accessClass(type(Type.getObjectType(((TypeInsnNode) insn).desc)));
        } else if (insn instanceof LdcInsnNode && ((LdcInsnNode) insn).cst instanceof Type) {
            Type t = (Type) ((LdcInsnNode) insn).cst;
            if (t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY) {
                lookup.accessClass(type(t));
            }
        }
    }

    private void accessible(MethodHandles.Lookup lookup, Type t) throws ReflectiveOperationException {
        Type e = t.getSort() == Type.ARRAY ? t.getElementType() : t;
        if (e.getSort() == Type.OBJECT) {
            lookup.accessClass(type(e));
        }
    }

    private Class<?> type(Type t) throws ClassNotFoundException {
        switch (t.getSort()) {
            case Type.VOID: return void.class;
            case Type.BOOLEAN: return boolean.class;
            case Type.CHAR: return char.class;
            case Type.BYTE: return byte.class;
            case Type.SHORT: return short.class;
            case Type.INT: return int.class;
            case Type.FLOAT: return float.class;
            case Type.LONG: return long.class;
            case Type.DOUBLE: return double.class;
            case Type.ARRAY: return Class.forName(t.getDescriptor().replace('/', '.'), false, loader);
            default: return Class.forName(t.getClassName(), false, loader);
        }
    }

    private static String text(AbstractInsnNode insn) {
        if (insn instanceof FieldInsnNode) {
            FieldInsnNode f = (FieldInsnNode) insn;
            return f.owner.replace('/', '.') + "." + f.name;
        }
        if (insn instanceof MethodInsnNode) {
            MethodInsnNode mi = (MethodInsnNode) insn;
            return mi.owner.replace('/', '.') + "." + mi.name + mi.desc;
        }
        if (insn instanceof TypeInsnNode) {
            return ((TypeInsnNode) insn).desc.replace('/', '.');
        }
        if (insn instanceof InvokeDynamicInsnNode) {
            InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) insn;
            return "invokedynamic " + indy.name + indy.desc + " (" + indy.bsm.getOwner().replace('/', '.') + "."
                    + indy.bsm.getName() + ")";
        }
        return String.valueOf(((LdcInsnNode) insn).cst);
    }
}
