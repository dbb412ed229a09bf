package dev.adjoint.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

import dev.adjoint.internal.engine.Engine;

/**
 * The audit of java.base: every public method of a public class in {@code java.lang}, {@code java.util},
 * {@code java.util.function}, {@code java.util.stream} and {@code java.math} that takes an {@code Object} or a
 * functional interface (an interface with exactly one abstract method), as the standard {@link CallPolicy} sees a
 * call of it from differentiated code. No such method may be called as passive, where a value that carries a
 * derivative would reach it unchecked, unless it only inspects its arguments (a sink: printing, strings, hashing)
 * or only moves references (a collection), and a passive one may not call back code that could compute (it
 * would run undifferentiated). The summary is docs/jdk-audit.md, checked here to be up to date on the Java version it names
 * (regenerate it with {@code -Dadjoint.audit.write=true}).
 */
class JdkAuditTest {

    private static final String[] PACKAGES = {"java/lang", "java/util", "java/util/function", "java/util/stream",
        "java/math"};

    private static final int JAVA = 17;

    private static final Path REPORT = Path.of("..", "docs", "jdk-audit.md");

    private final CallPolicy policy = Engine.standard(false).policy();

    /** One audited method and its verdict. */
    private record Verdict(String pkg, String owner, String name, String descriptor, String kind) {
        String method() {
            return owner.replace('/', '.') + "." + name + descriptor;
        }
    }

    @Test
    void every_method_that_takes_an_object_or_a_callback_gets_a_definite_verdict() throws IOException {
        List<String> undecided = new ArrayList<>();
        for (Verdict v : audit()) {
            if (v.kind().startsWith("passive") && !passiveIsSafe(v)) {
                undecided.add(v.method() + " (" + v.kind() + ")");
            }
        }
        assertTrue(undecided.isEmpty(), "called as passive without a reason: " + undecided);
    }

    @Test
    void the_audit_report_is_up_to_date() throws IOException {
        String report = report(audit());
        if (Boolean.getBoolean("adjoint.audit.write")) {
            Files.writeString(REPORT, report, StandardCharsets.UTF_8);
        }
        assumeTrue(Runtime.version().feature() == JAVA, "the report is of Java " + JAVA);
        assertEquals(report, Files.readString(REPORT, StandardCharsets.UTF_8),
                "docs/jdk-audit.md is out of date: run this test with -Dadjoint.audit.write=true");
    }

    /**
     * A passive call is safe when it only inspects or moves what it is given, and calls nothing back: a constructor
     * may take a callback it only stores (a {@code TreeMap}'s comparator), since the methods that call it are
     * linked. Other functional interfaces a sink takes ({@code Iterable} for {@code String.join}) give it text.
     */
    private static boolean passiveIsSafe(Verdict v) {
        boolean reason = CallPolicy.isSink(v.owner(), v.name())
                || CallPolicy.movesReferences(v.owner(), v.name(), v.descriptor());
        return reason && ("<init>".equals(v.name()) || !CallPolicy.takesCallback(v.descriptor()));
    }

    private List<Verdict> audit() throws IOException {
        List<Verdict> all = new ArrayList<>();
        try (FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"))) {
            for (String pkg : PACKAGES) {
                try (Stream<Path> files = Files.list(jrt.getPath("modules", "java.base", pkg))) {
                    for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                        audit(pkg, Files.readAllBytes(p), all);
                    }
                }
            }
        } catch (UnsupportedOperationException e) {
            // the jrt file system cannot be closed
        }
        return all;
    }

    private void audit(String pkg, byte[] bytes, List<Verdict> into) {
        ClassNode c = new ClassNode();
        new ClassReader(bytes).accept(c, ClassReader.SKIP_CODE);
        if ((c.access & Opcodes.ACC_PUBLIC) == 0 || !isPublicType(c.name)) {
            return;
        }
        for (MethodNode m : c.methods) {
            if ((m.access & Opcodes.ACC_PUBLIC) == 0 || (m.access & (Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE)) != 0
                    || !takesObjectOrCallback(m.desc)) {
                continue;
            }
            into.add(new Verdict(pkg.replace('/', '.'), c.name, m.name, m.desc, verdict(c, m)));
        }
    }

    private String verdict(ClassNode c, MethodNode m) {
        boolean isStatic = (m.access & Opcodes.ACC_STATIC) != 0;
        String key = "<init>".equals(m.name)
                ? Type.getMethodDescriptor(Type.getObjectType(c.name), Type.getArgumentTypes(m.desc)) : m.desc;
        if (policy.rules().substitute(c.name, m.name, key) != null) {
            return "substitute";
        }
        int opcode = "<init>".equals(m.name) ? Opcodes.INVOKESPECIAL : isStatic ? Opcodes.INVOKESTATIC
                : (c.access & Opcodes.ACC_INTERFACE) != 0 ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL;
        return switch (policy.classify(opcode, c.name, m.name, m.desc)) {
            case RULE -> "rule";
            case BOX, UNBOX -> "box or unbox";
            case PASSIVE -> "passive (inspects or moves references)";
            case GUARDED -> "guarded (refused when a derivative reaches it)";
            case CONSTRUCTOR -> "constructor (refused when a derivative reaches it)";
            case LINKED -> "linked (dispatched at run time, callbacks followed, else refused)";
        };
    }

    /** Whether a class and all classes that enclose it are public (Map$Entry is, AbstractMap$1 is not). */
    private static boolean isPublicType(String internalName) {
        try {
            Class<?> k = Class.forName(internalName.replace('/', '.'), false, null);
            for (; k != null; k = k.getEnclosingClass()) {
                if (!Modifier.isPublic(k.getModifiers())) {
                    return false;
                }
            }
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean takesObjectOrCallback(String descriptor) {
        for (Type t : Type.getArgumentTypes(descriptor)) {
            if ("java/lang/Object".equals(t.getSort() == Type.OBJECT ? t.getInternalName() : "")
                    || isFunctional(t)) {
                return true;
            }
        }
        return false;
    }

    /** An interface with exactly one abstract method besides those of {@code Object}. */
    private static boolean isFunctional(Type t) {
        if (t.getSort() != Type.OBJECT) {
            return false;
        }
        try {
            Class<?> k = Class.forName(t.getClassName(), false, null);
            if (!k.isInterface()) {
                return false;
            }
            int abstracts = 0;
            for (Method m : k.getMethods()) {
                if (Modifier.isAbstract(m.getModifiers()) && !isObjectMethod(m)) {
                    abstracts++;
                }
            }
            return abstracts == 1;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static String report(List<Verdict> all) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        List<String> refused = new ArrayList<>();
        for (Verdict v : all) {
            counts.computeIfAbsent(v.pkg(), k -> new TreeMap<>()).merge(v.kind(), 1, Integer::sum);
            if (v.kind().startsWith("guarded") || v.kind().startsWith("constructor")) {
                refused.add(v.pkg() + " | `" + v.owner().substring(v.owner().lastIndexOf('/') + 1).replace('$', '.')
                        + "." + v.name() + v.descriptor() + "`");
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# The java.base audit\n\n")
          .append("Generated by `JdkAuditTest` (core tests) on Java ").append(JAVA).append(": every public method of a ")
          .append("public class in `java.lang`, `java.util`, `java.util.function`, `java.util.stream` and `java.math` ")
          .append("that takes an `Object` or a functional interface, with the verdict of the standard `CallPolicy` on ")
          .append("a call of it from differentiated code. The test fails when such a method would be called as ")
          .append("passive although it computes with what it receives or calls back. Linked calls are resolved at ")
          .append("run time: the code of a user or library class is differentiated, a JDK method's callbacks are ")
          .append("followed, and anything else that receives a value that carries a derivative is refused.\n\n")
          .append("| package | verdict | methods |\n|---|---|---|\n");
        counts.forEach((pkg, byKind) -> byKind.forEach((kind, n) ->
                sb.append("| ").append(pkg).append(" | ").append(kind).append(" | ").append(n).append(" |\n")));
        sb.append("\n## Refused when a value that carries a derivative reaches them\n\n")
          .append("| package | method |\n|---|---|\n");
        for (String r : refused) {
            sb.append("| ").append(r).append(" |\n");
        }
        return sb.toString();
    }
}
