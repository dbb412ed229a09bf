package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.commons.math3.analysis.interpolation.SplineInterpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.adjoint.it.harness.Command;
import dev.adjoint.it.harness.Comparison;
import dev.adjoint.it.harness.Jdk;
import dev.adjoint.it.harness.Launch;
import dev.adjoint.it.harness.Mode;
import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.Project;
import dev.adjoint.it.harness.Script;
import dev.adjoint.it.harness.TestPrograms;

/**
 * {@code ad instrument}: real jars instrumented ahead of time run without the agent, with only {@code ad.jar} on the
 * class path, define the precomputed companions instead of generating them, and give the agent's gradients. Bad input
 * gets a one-line error and exit code 2, and the input is never changed.
 */
class InstrumentTest {

    private static final String GENERATED = "[adjoint] generated ";
    private static final String PRECOMPUTED = "[adjoint] loaded precomputed ";

    @TempDir
    Path temp;

    static Script instrument(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "instrument";
        System.arraycopy(args, 0, all, 1, args.length);
        return Script.ad().timeout(Duration.ofMinutes(5)).args(all);
    }

    /** The user's program on Commons Math, with Commons Math on the class path. */
    static Launch commonsMathUser() {
        Path cm = Project.dependency("commons.math");
        return Launch.of("CmUser").classPath(TestPrograms.jar("cmuser", cm), cm).timeout(Duration.ofMinutes(2));
    }

    @Test
    void commons_math_and_a_user_jar_instrumented_give_the_gradients_of_the_agent_without_it() {
        Launch l = commonsMathUser().jvmOptions("-Dadjoint.verbose=true").agentOptions("cache=off,verbose");
        Comparison c = l.runIn(Mode.WITH_AGENT, Mode.INSTRUMENTED);
        Outcome agent = c.first().assertSucceeded();
        Outcome instrumented = c.second().assertSucceeded();
        assertEquals(agent.stdout(), instrumented.stdout());
        assertCommonsMathGradients(instrumented);
        assertEquals(0, count(instrumented, GENERATED), instrumented::describe);
        assertTrue(count(instrumented, PRECOMPUTED) >= 5, instrumented::describe);
        assertTrue(instrumented.stderr().contains("no agent: using the companions"), instrumented::describe);
        assertFalse(instrumented.stderr().contains("attached the agent"), instrumented::describe);
        assertFalse(String.join(" ", instrumented.command()).contains("-javaagent"));
    }

    static void assertCommonsMathGradients(Outcome o) {
        List<String> model = o.values("model");
        List<String> oracle = o.values("model.oracle");
        assertEquals(3, model.size(), o::describe);
        for (int i = 0; i < model.size(); i++) {
            assertEquals(Double.parseDouble(oracle.get(i)), Double.parseDouble(model.get(i)), 1e-12, o::describe);
        }
        double x = 0.3;
        assertArrayEquals(new double[] {1, x, x * x, x * x * x}, o.numbers("coefficients"), 1e-15, o::describe);
        // a cubic spline is linear in its data: d s(1.7) / d y_i is the spline of the i-th unit vector at 1.7
        double[] dy = o.numbers("spline.data");
        for (int i = 0; i < 5; i++) {
            double[] e = new double[5];
            e[i] = 1;
            double expected = new SplineInterpolator().interpolate(new double[] {0, 1, 2, 3, 4}, e).value(1.7);
            assertEquals(expected, dy[i], 1e-12, o::describe);
        }
        assertEquals(-2 + 2 * 0.5 * x + 3 * 3 * x * x, o.number("derivative"), 1e-12, o::describe);
    }

    @Test
    void the_copy_holds_the_classes_byte_for_byte_and_the_marker() throws IOException {
        Path in = TestPrograms.jar("cached");
        Path out = temp.resolve("out.jar");
        String before = sha256(in);
        instrument(in.toString(), "-o", out.toString()).run().assertSucceeded();
        assertEquals(before, sha256(in), "the input is unchanged");
        Map<String, byte[]> original = read(in);
        Map<String, byte[]> copy = read(out);
        for (Map.Entry<String, byte[]> e : original.entrySet()) {
            if (!e.getKey().equals(JarFile.MANIFEST_NAME)) {
                assertArrayEquals(e.getValue(), copy.get(e.getKey()), e.getKey());
            }
        }
        try (JarFile j = new JarFile(out.toFile())) {
            assertNotNull(j.getManifest().getMainAttributes().getValue("Adjoint-Instrumented"));
        }
        assertTrue(copy.containsKey("META-INF/adjoint/instrumented.properties"));
        assertTrue(copy.keySet().stream().filter(n -> n.endsWith(".companion")).count() >= 5);
    }

    @Test
    void a_directory_of_classes_is_instrumented_into_a_directory_that_runs_without_the_agent() throws IOException {
        Path classes = Project.buildDirectory().resolve("it-programs")
                .resolve("cached-java" + Jdk.current().feature() + "-release" + TestPrograms.DEFAULT_RELEASE)
                .resolve("classes");
        TestPrograms.jar("cached");
        Path out = temp.resolve("instrumented-classes");
        instrument(classes.toString(), "-o", out.toString()).run().assertSucceeded();
        assertTrue(Files.isRegularFile(out.resolve("META-INF/adjoint/instrumented.properties")));
        Outcome o = Launch.of("Cached").classPath(out, Project.agentJar()).mode(Mode.PLAIN)
                .jvmOptions("-Dadjoint.verbose=true").run();
        CacheTest.assertGradients(o);
        assertEquals(0, count(o, GENERATED), o::describe);
    }

    @Test
    void an_instrumented_jar_is_refused_with_one_line_and_exit_code_2() {
        Path once = temp.resolve("once.jar");
        instrument(TestPrograms.jar("cached").toString(), "-o", once.toString()).run().assertSucceeded();
        Outcome twice = instrument(once.toString(), "-o", temp.resolve("twice.jar").toString()).run();
        assertBadInput(twice, "already instrumented");
        assertFalse(Files.exists(temp.resolve("twice.jar")));
    }

    @Test
    void a_missing_input_a_corrupt_jar_and_the_input_as_output_are_refused_with_one_line() throws IOException {
        Path out = temp.resolve("out.jar");
        assertBadInput(instrument(temp.resolve("missing.jar").toString(), "-o", out.toString()).run(),
                "no such file");
        Path corrupt = temp.resolve("corrupt.jar");
        byte[] jar = Files.readAllBytes(TestPrograms.jar("cached"));
        Files.write(corrupt, java.util.Arrays.copyOf(jar, jar.length / 2));
        assertBadInput(instrument(corrupt.toString(), "-o", out.toString()).run(), "corrupt");
        assertFalse(Files.exists(out));
        Path in = temp.resolve("in.jar");
        Files.copy(TestPrograms.jar("cached"), in);
        String before = sha256(in);
        assertBadInput(instrument(in.toString(), "-o", in.toString()).run(), "must not be the input");
        assertEquals(before, sha256(in));
        try (java.util.stream.Stream<Path> s = Files.list(temp)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                    "no temporary file is left behind");
        }
    }

    @Test
    void a_signed_jar_stays_signed_and_runs_without_the_agent() throws IOException {
        Path signed = temp.resolve("signed.jar");
        Files.copy(TestPrograms.jar("cached"), signed);
        Path keystore = temp.resolve("keystore.p12");
        Path bin = Jdk.current().home().resolve("bin");
        Command.run(bin.resolve("keytool").toString(), "-genkeypair", "-keystore", keystore.toString(),
                "-storepass", "secret", "-keypass", "secret", "-alias", "test", "-keyalg", "EC", "-dname",
                "CN=Adjoint test", "-validity", "2").assertSucceeded();
        Command.run(bin.resolve("jarsigner").toString(), "-keystore", keystore.toString(), "-storepass",
                "secret", signed.toString(), "test").assertSucceeded();

        Path out = temp.resolve("signed-instrumented.jar");
        Outcome o = instrument(signed.toString(), "-o", out.toString()).run().assertSucceeded();
        assertTrue(o.stdout().contains("is signed"), o::describe);
        Outcome verify = Command.run(bin.resolve("jarsigner").toString(), "-verify", "-strict",
                out.toString());
        assertTrue(verify.stdout().contains("jar verified"), verify::describe);

        Outcome run = Launch.of("Cached").classPath(out, Project.agentJar()).mode(Mode.PLAIN)
                .jvmOptions("-Dadjoint.verbose=true").run();
        CacheTest.assertGradients(run);
        assertEquals(0, count(run, GENERATED), run::describe);
    }

    static void assertBadInput(Outcome o, String says) {
        o.assertExitCode(2);
        List<String> lines = o.stderrLines();
        assertEquals(1, lines.size(), o::describe);
        assertTrue(lines.get(0).startsWith("ad: ") && lines.get(0).contains(says), o::describe);
    }

    static String sha256(Path file) throws IOException {
        return java.util.HexFormat.of().formatHex(CacheTest.sha256(Files.readAllBytes(file)));
    }

    static long count(Outcome o, String prefix) {
        return o.stderrLines().stream().filter(l -> l.startsWith(prefix)).count();
    }

    private static Map<String, byte[]> read(Path jar) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                try (InputStream in = z.getInputStream(entry)) {
                    out.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }
}
