package dev.adjoint.it.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Companion;
import dev.adjoint.internal.engine.Engine;

/**
 * The corpus check on a fixed sample of Commons Math, EJML and Hipparchus (every 40th method, in both modes): no engine crash,
 * no class that ASM or the JVM rejects, no reference that does not link. The whole corpus is checked by
 * {@value CorpusCheck#COMMAND} (docs/corpus.md). And the check itself catches each kind of bad class.
 */
class CorpusCheckTest {

    private static final int STEP = 40;
    private static final String SIN = "org.apache.commons.math3.analysis.function.Sin#value(D)D";

    private static Corpus corpus;

    @BeforeAll
    static void read() {
        corpus = new Corpus(CorpusCheck.libraries());
    }

    @Test
    void a_sample_of_the_corpus_transforms_without_engine_bugs() {
        List<LibraryMethod> sample = corpus.sample(STEP);
        List<Verdict> verdicts = CorpusCheck.check(sample, false);
        List<Verdict> bugs = new CorpusReport(corpus, verdicts).bugs();
        assertTrue(bugs.isEmpty(), () -> bugs.size() + " engine bugs in a sample of " + sample.size()
                + " methods:\n" + bugs.stream().map(v -> v.status() + " " + CorpusReport.mode(v.mode()) + " "
                        + v.method().id() + ": " + v.reason()).collect(Collectors.joining("\n")));
        // the sample is what it claims to be: both modes of every sampled method, from all nine jars
        assertEquals(2 * sample.size(), verdicts.size());
        assertEquals(9, sample.stream().map(LibraryMethod::library).distinct().count());
    }

    @Test
    void a_good_class_passes() {
        assertEquals(Verdict.Status.OK, inspect(m -> { }).status());
    }

    @Test
    void a_class_that_does_not_verify_is_caught() {
        // returns a double as a reference
        Verdict v = inspect(m -> prepend(m, new InsnNode(Opcodes.DCONST_0), new InsnNode(Opcodes.ARETURN)));
        assertEquals(Verdict.Status.VERIFY_ERROR, v.status(), v::reason);
    }

    @Test
    void a_class_that_only_the_JVM_rejects_is_caught() {
        // invokespecial of Object.toString on a receiver that is not the companion: ASM's verifier lets it pass
        Verdict v = inspect(m -> prepend(m, new VarInsnNode(Opcodes.ALOAD, 0),
                new MethodInsnNode(Opcodes.INVOKESPECIAL, "java/lang/Object", "toString", "()Ljava/lang/String;", false),
                new InsnNode(Opcodes.POP)));
        assertEquals(Verdict.Status.DEFINE_ERROR, v.status(), v::reason);
    }

    @Test
    void a_reference_that_does_not_resolve_is_caught() {
        Verdict v = inspect(m -> prepend(m, new FieldInsnNode(Opcodes.GETSTATIC,
                "org/apache/commons/math3/analysis/function/Sin", "missing", "D"), new InsnNode(Opcodes.POP2)));
        assertEquals(Verdict.Status.LINK_ERROR, v.status(), v::reason);
        assertTrue(v.reason().contains("Sin.missing"), v::reason);
    }

    @Test
    void a_call_site_that_names_a_class_the_companion_cannot_access_is_caught() {
        // an invokedynamic whose type names a package-private class of another package: IllegalAccessError when linked
        Verdict v = inspect(m -> prepend(m, new InsnNode(Opcodes.ACONST_NULL), new InvokeDynamicInsnNode("call",
                "(Lorg/apache/commons/math3/stat/descriptive/moment/FirstMoment;)V", new Handle(Opcodes.H_INVOKESTATIC,
                "dev/adjoint/internal/runtime/Linker", "call", "(Ljava/lang/invoke/MethodHandles$Lookup;"
                + "Ljava/lang/String;Ljava/lang/invoke/MethodType;ILjava/lang/String;Ljava/lang/String;"
                + "Ljava/lang/String;IILjava/lang/String;)Ljava/lang/invoke/CallSite;", false), Opcodes.INVOKESTATIC,
                "x", "x", "()V", 0, 0, "x")));
        assertEquals(Verdict.Status.LINK_ERROR, v.status(), v::reason);
        assertTrue(v.reason().contains("FirstMoment"), v::reason);
    }

    @Test
    void summary_statistics_whose_moments_are_package_private_links() {
        // SummaryStatistics.addValue reaches FirstMoment (package-private, another package) through public moments
        for (String id : List.of(
                "org.apache.commons.math3.stat.descriptive.SummaryStatistics#addValue(D)V",
                "org.apache.commons.math3.stat.descriptive.moment.Variance#increment(D)V")) {
            LibraryMethod m = corpus.methods().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            for (Verdict v : CorpusCheck.check(List.of(m), false)) {
                assertEquals(Verdict.Status.OK, v.status(), () -> id + ": " + v.reason());
            }
        }
    }

    @Test
    void a_branchy_crowded_method_keeps_the_spill_that_leaves_its_augmented_primal_compilable() throws Exception {
        // spilling every double local of Rotation.getAngles (a switch over twelve rotation orders, little to cut)
        // gave a 32 KB augmented primal that HotSpot never compiles; spilling only the crowded ones gives 4 KB
        assertCompilable("org.apache.commons.math3.geometry.euclidean.threed.Rotation#getAngles("
                + "Lorg/apache/commons/math3/geometry/euclidean/threed/RotationOrder;"
                + "Lorg/apache/commons/math3/geometry/euclidean/threed/RotationConvention;)[D");
    }

    @Test
    void a_large_method_reads_its_rows_as_written_so_that_its_augmented_primal_stays_compilable() throws Exception {
        // rows read once per iteration, each copied per pass, made the constructor's augmented primal 8,665 bytes
        assertCompilable("org.apache.commons.math3.linear.SingularValueDecomposition#<init>("
                + "Lorg/apache/commons/math3/linear/RealMatrix;)V");
    }

    /** Asserts that a library method's augmented primal is within HotSpot's 8,000-byte compile limit. */
    private static void assertCompilable(String id) throws Exception {
        LibraryMethod m = corpus.methods().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        ClassHierarchy hierarchy = new ClassHierarchy(
                ClassHierarchy.ClassBytes.of(CorpusCheckTest.class.getClassLoader()));
        Companion c = Engine.standard(false).generate(hierarchy.bytes().find(m.owner()), m.name(), m.descriptor(),
                hierarchy, Engine.Mode.REVERSE);
        ClassNode node = new ClassNode();
        new ClassReader(c.bytes()).accept(node, 0);
        String fwd = c.members().get(0).fwdName;
        MethodNode primal = node.methods.stream().filter(x -> x.name.equals(fwd)).findFirst().orElseThrow();
        int size = Corpus.codeSize(primal);
        assertTrue(size <= 8_000, () -> fwd + " has " + size + " bytes");
    }

    /** Generates the companion of Sin.value, edits its pullback, and checks the result. */
    private static Verdict inspect(Consumer<MethodNode> edit) {
        LibraryMethod sin = corpus.methods().stream().filter(m -> m.id().equals(SIN)).findFirst().orElseThrow();
        ClassLoader loader = CorpusCheckTest.class.getClassLoader();
        ClassHierarchy hierarchy = new ClassHierarchy(ClassHierarchy.ClassBytes.of(loader));
        Companion c;
        try {
            c = Engine.standard(false).generate(hierarchy.bytes().find(sin.owner()), sin.name(), sin.descriptor(),
                    hierarchy, Engine.Mode.REVERSE);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        String rev = c.members().get(0).revName;
        ClassNode node = new ClassNode();
        new ClassReader(c.bytes()).accept(node, 0);
        node.methods.stream().filter(m -> m.name.equals(rev)).forEach(edit);
        ClassWriter w = new ClassWriter(0);
        node.accept(w);
        return new MethodCheck(loader).inspect(sin, Engine.Mode.REVERSE, w.toByteArray(), List.of(), System.nanoTime());
    }

    /** Code at the start of a method that leaves the stack empty, so the method's frames stay valid. */
    private static void prepend(MethodNode m, AbstractInsnNode... code) {
        InsnList list = new InsnList();
        for (AbstractInsnNode i : code) {
            list.add(i);
        }
        m.instructions.insert(list);
        m.maxStack = Math.max(m.maxStack, 2);
    }
}
