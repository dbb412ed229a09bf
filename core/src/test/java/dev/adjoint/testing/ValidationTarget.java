package dev.adjoint.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;

import dev.adjoint.internal.activity.Activity;
import dev.adjoint.internal.activity.ActivityAnalysis;
import dev.adjoint.internal.bytecode.Abi;
import dev.adjoint.internal.bytecode.ClassFiles;
import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Engine;
import dev.adjoint.internal.ir.Preparation;
import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.internal.plan.CompanionMembers;
import dev.adjoint.internal.plan.ConstructorAnalysis;
import dev.adjoint.internal.plan.DerivativePlan;
import dev.adjoint.internal.rules.CallPolicy;

/**
 * A method of a small class compiled for real, with what a stage should decide written beside the line it concerns,
 * as JaCoCo's validation targets do: {@code x = y * 2; // expect: active}. The stages run on it as the engine runs
 * them, and a test compares each line's expectations with the stage's decisions for the instructions of that line.
 */
public final class ValidationTarget {

    private static final Pattern EXPECT = Pattern.compile("//\\s*expect:\\s*(.+)$");
    private static final CallPolicy POLICY = Engine.standard(false).policy();

    private final Class<?> type;
    private final MethodFlow flow;
    private final Map<Integer, List<String>> expectations;

    private ValidationTarget(Class<?> type, MethodFlow flow, Map<Integer, List<String>> expectations) {
        this.type = type;
        this.flow = flow;
        this.expectations = expectations;
    }

    /**
     * @param type a class under {@code core/src/test/java}
     * @param name one of its methods, the only one of that name
     */
    public static ValidationTarget of(Class<?> type, String name) {
        ClassNode node = ClassFiles.read(bytes(type));
        MethodNode method = node.methods.stream().filter(m -> m.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no method " + name + " in " + type.getName()));
        Preparation.prepare(node, method);
        try {
            return new ValidationTarget(type, MethodFlow.analyze(node.name, method), expectations(type, method));
        } catch (AnalyzerException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A method as compiled, before any stage of the engine ran on it, for tests of the rewrites that run first.
     *
     * @param owner        the internal name of its class
     * @param method       the method
     * @param expectations source line -> the expectations written on it, in line order
     */
    public record Unprepared(String owner, MethodNode method, Map<Integer, List<String>> expectations) {
    }

    /**
     * @param type a class under {@code core/src/test/java}
     * @param name one of its methods, the only one of that name
     * @return the method as compiled, with its expectations
     */
    public static Unprepared unprepared(Class<?> type, String name) {
        ClassNode node = ClassFiles.read(bytes(type));
        MethodNode method = node.methods.stream().filter(m -> m.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no method " + name + " in " + type.getName()));
        return new Unprepared(node.name, method, expectations(type, method));
    }

    /** @return the method's flow, as the engine analyses it */
    public MethodFlow flow() {
        return flow;
    }

    /** @return the method's activity */
    public Activity activity() {
        return new ActivityAnalysis(POLICY).analyze(flow);
    }

    /** @return the method's plan in reverse mode, with rematerialisation as the engine plans it */
    public DerivativePlan plan() {
        ClassHierarchy hierarchy = new ClassHierarchy(ClassHierarchy.ClassBytes.of(type.getClassLoader()));
        String owner = flow.owner();
        String key = flow.method().name + flow.method().desc;
        CompanionMembers members = new CompanionMembers(owner, owner + Abi.COMPANION_SUFFIX,
                Map.of(key, new String[] {flow.method().name + "$fwd", flow.method().name + "$rev",
                        flow.method().name + "$tan"}), overridable(key));
        return new DerivativePlan(owner, flow, activity(), POLICY, members,
                new ConstructorAnalysis(hierarchy.bytes(), POLICY), true);
    }

    /** As the engine judges it: the method itself, when a subclass of its class may override it. */
    private java.util.Set<String> overridable(String key) {
        int access = flow.method().access;
        boolean fixed = (access & (org.objectweb.asm.Opcodes.ACC_PRIVATE | org.objectweb.asm.Opcodes.ACC_FINAL
                | org.objectweb.asm.Opcodes.ACC_STATIC)) != 0 || java.lang.reflect.Modifier.isFinal(type.getModifiers())
                || flow.method().name.startsWith("<");
        return fixed ? java.util.Set.of() : java.util.Set.of(key);
    }

    /** @return source line -> the expectations written on it, in line order */
    public Map<Integer, List<String>> expectations() {
        return expectations;
    }

    /** @return the reachable instructions of a source line, in order */
    public List<Integer> instructionsOf(int line) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < flow.size(); i++) {
            if (flow.line(i) == line && flow.isInstruction(i) && flow.blockOf(i) != null
                    && flow.blockOf(i).reachable()) {
                out.add(i);
            }
        }
        return out;
    }

    /** @return the first line that expects {@code token} */
    public int lineExpecting(String token) {
        return expectations.entrySet().stream().filter(e -> e.getValue().contains(token)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no line expects " + token));
    }

    private static Map<Integer, List<String>> expectations(Class<?> type, MethodNode method) {
        int first = Integer.MAX_VALUE;
        int last = -1;
        for (var insn : method.instructions) {
            if (insn instanceof org.objectweb.asm.tree.LineNumberNode) {
                int l = ((org.objectweb.asm.tree.LineNumberNode) insn).line;
                first = Math.min(first, l);
                last = Math.max(last, l);
            }
        }
        Map<Integer, List<String>> out = new TreeMap<>();
        List<String> lines = source(type);
        for (int l = first; l <= last && l <= lines.size(); l++) {
            Matcher m = EXPECT.matcher(lines.get(l - 1));
            if (m.find()) {
                List<String> tokens = new ArrayList<>();
                for (String t : m.group(1).replaceAll("\\(.*\\)", "").split(",")) {
                    tokens.add(t.trim()); // a remark in parentheses explains, and is not a token
                }
                out.put(l, tokens);
            }
        }
        return out;
    }

    private static List<String> source(Class<?> type) {
        Path file = Path.of("src", "test", "java", type.getName().replace('.', '/') + ".java");
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the target's source is read from " + file.toAbsolutePath(), e);
        }
    }

    private static byte[] bytes(Class<?> type) {
        try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
