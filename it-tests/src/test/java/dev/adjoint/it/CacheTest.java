package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.adjoint.it.harness.Launch;
import dev.adjoint.it.harness.Libraries;
import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.TestPrograms;

/**
 * The persistent cache of generated code ({@code -javaagent:ad.jar=cache=DIR}): a second JVM reuses what the first
 * generated; bad entries are detected and regenerated; JVMs that share the directory at the same time stay correct;
 * a changed library is never served a stale companion.
 */
class CacheTest {

    private static final String GENERATED = "[adjoint] generated ";
    private static final String CACHED = "[adjoint] loaded cached ";
    private static final String IGNORED = "[adjoint] cache: ignored ";

    @TempDir
    Path temp;

    /** The program of src/test/programs/cached with a cache directory and the verbose report. */
    static Launch cached(Path cache) {
        return Launch.of("Cached").classPath(TestPrograms.jar("cached")).agentOptions("cache=" + cache + ",verbose");
    }

    /** Asserts the program's gradients against their analytic values. */
    static void assertGradients(Outcome o) {
        o.assertSucceeded();
        double x = 1.25;
        assertEquals(Math.sin(x) + x * Math.cos(x), o.number("xsinx"), 1e-12, o::describe);
        assertEquals(Math.sin(x) + x * Math.cos(x), o.number("xsinx.forward"), 1e-12, o::describe);
        assertEquals(3 * Math.exp(0.5), o.number("captured"), 1e-12, o::describe);
        double[] p = {-1.2, 1.0, 0.5};
        double[] expected = {
            -2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] * p[0]),
            200 * (p[1] - p[0] * p[0]) - 2 * (1 - p[1]) - 400 * p[1] * (p[2] - p[1] * p[1]),
            200 * (p[2] - p[1] * p[1]),
        };
        assertArrayEquals(expected, o.numbers("rosenbrock"), o);
        assertEquals(2 + 6 * 0.5, o.number("polynomial"), 1e-12, o::describe);
    }

    private static void assertArrayEquals(double[] expected, double[] actual, Outcome o) {
        assertEquals(expected.length, actual.length, o::describe);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-9 * Math.max(1, Math.abs(expected[i])), o::describe);
        }
    }

    static long count(Outcome o, String prefix) {
        return o.stderrLines().stream().filter(l -> l.startsWith(prefix)).count();
    }

    /**
     * Without the agent's background preparer, which may or may not have defined a {@code Differentiable} class's
     * companion before the program ends, so that the two JVMs define exactly what the program uses.
     */
    static Launch cachedUnprepared(Path cache) {
        return Launch.of("Cached").classPath(TestPrograms.jar("cached"))
                .agentOptions("cache=" + cache + ",verbose,prepare=off");
    }

    @Test
    void a_second_JVM_reuses_every_companion_the_first_generated_and_generates_nothing() throws IOException {
        Path cache = temp.resolve("cache");
        Outcome first = cachedUnprepared(cache).run();
        assertGradients(first);
        long generated = count(first, GENERATED);
        assertTrue(generated >= 5, first::describe);
        assertEquals(generated, entries(cache).size(), first::describe);
        // two method references to one method have one entry adapter: the second one is already in the cache
        long defined = generated + count(first, CACHED);
        if (Files.getFileStore(cache).supportsFileAttributeView("posix")) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
        }

        Outcome second = cachedUnprepared(cache).run();
        assertGradients(second);
        assertEquals(0, count(second, GENERATED), second::describe);
        assertEquals(defined, count(second, CACHED), second::describe);
        assertEquals(first.stdout(), second.stdout());
        // with the preparer, as by default, nothing is generated either
        Outcome prepared = cached(cache).run();
        assertGradients(prepared);
        assertEquals(0, count(prepared, GENERATED), prepared::describe);
    }

    @Test
    void cache_off_writes_nothing() throws IOException {
        Path cache = temp.resolve("unused");
        Outcome o = Launch.of("Cached").classPath(TestPrograms.jar("cached")).agentOptions("cache=off,verbose")
                .environment("XDG_CACHE_HOME", cache.toString()).run();
        assertGradients(o);
        assertEquals(0, count(o, CACHED), o::describe);
        assertTrue(!Files.exists(cache), o::describe);
    }

    @Test
    void the_default_cache_is_in_XDG_CACHE_HOME() throws IOException {
        Path home = temp.resolve("xdg");
        Launch l = Launch.of("Cached").classPath(TestPrograms.jar("cached")).agentOptions("verbose")
                .environment("XDG_CACHE_HOME", home.toString());
        assertGradients(l.run());
        Outcome second = l.run();
        assertEquals(0, count(second, GENERATED), second::describe);
        assertTrue(!entries(home.resolve("adjoint")).isEmpty());
    }

    /** Ways an entry can go bad. */
    enum Corruption {
        TRUNCATED {
            @Override
            byte[] apply(byte[] entry, byte[] another) {
                return Arrays.copyOf(entry, entry.length / 2);
            }
        },
        EMPTY {
            @Override
            byte[] apply(byte[] entry, byte[] another) {
                return new byte[0];
            }
        },
        ONE_BYTE_FLIPPED {
            @Override
            byte[] apply(byte[] entry, byte[] another) {
                byte[] b = entry.clone();
                b[b.length / 2] ^= (byte) 0x5A;
                return b;
            }
        },
        FOREIGN_FILE {
            @Override
            byte[] apply(byte[] entry, byte[] another) {
                return "not something Adjoint wrote\n".repeat(40).getBytes(StandardCharsets.UTF_8);
            }
        },
        ENTRY_OF_ANOTHER_KEY {
            @Override
            byte[] apply(byte[] entry, byte[] another) {
                return another;
            }
        },
        ANOTHER_ENGINE_VERSION {
            /** A valid file (checksum recomputed) whose engine version is another one. */
            @Override
            byte[] apply(byte[] entry, byte[] another) {
                byte[] b = entry.clone();
                String text = new String(b, StandardCharsets.ISO_8859_1);
                int at = text.indexOf("0.1.");
                assertTrue(at > 0, "the engine version is in the entry");
                b[at] = '9';
                CRC32 crc = new CRC32();
                crc.update(b, 0, b.length - 4);
                ByteBuffer.wrap(b, b.length - 4, 4).putInt((int) crc.getValue());
                return b;
            }
        };

        abstract byte[] apply(byte[] entry, byte[] another);
    }

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void bad_entries_are_reported_once_each_regenerated_and_then_reused(Corruption corruption) throws IOException {
        Path cache = temp.resolve("cache");
        Outcome warm = cached(cache).run();
        assertGradients(warm);
        List<Path> files = entries(cache);
        byte[] another = Files.readAllBytes(files.get(0));
        for (Path f : files) {
            byte[] other = f.equals(files.get(0)) ? Files.readAllBytes(files.get(1)) : another;
            Files.write(f, corruption.apply(Files.readAllBytes(f), other));
        }
        // the graphs, which would serve every companion without reading the entries, go bad the same way
        for (Path g : graphs(cache)) {
            Files.write(g, corruption.apply(Files.readAllBytes(g), another));
        }

        Outcome repaired = cached(cache).run();
        assertGradients(repaired);
        assertEquals(warm.stdout(), repaired.stdout());
        for (Path f : files) {
            assertEquals(1, repaired.stderrLines().stream().filter(l -> l.startsWith(IGNORED + f)).count(),
                    () -> f + " is reported once\n" + repaired.describe());
        }
        assertEquals(files.size(), count(repaired, GENERATED), repaired::describe);
        assertEquals(count(warm, CACHED), count(repaired, CACHED), repaired::describe);

        Outcome reused = cached(cache).run();
        assertGradients(reused);
        assertEquals(0, count(reused, GENERATED), reused::describe);
        assertEquals(0, count(reused, IGNORED), reused::describe);
        assertEquals(count(warm, GENERATED) + count(warm, CACHED), count(reused, CACHED), reused::describe);
    }

    @Test
    void four_JVMs_sharing_one_empty_cache_directory_at_once_all_compute_the_right_gradients() throws Exception {
        for (int round = 0; round < 2; round++) {
            Path cache = temp.resolve("shared-" + round);
            List<CompletableFuture<Outcome>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(CompletableFuture.supplyAsync(() -> cached(cache).run()));
            }
            String stdout = null;
            for (CompletableFuture<Outcome> r : runs) {
                Outcome o = r.get();
                assertGradients(o);
                assertEquals(0, count(o, IGNORED), o::describe);
                if (stdout == null) {
                    stdout = o.stdout();
                }
                assertEquals(stdout, o.stdout());
            }
            Outcome after = cached(cache).run();
            assertGradients(after);
            assertEquals(0, count(after, GENERATED), after::describe);
            assertEquals(0, count(after, IGNORED), after::describe);
            try (Stream<Path> s = Files.walk(cache)) {
                assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".tmp")).toList(),
                        "no temporary file is left behind");
            }
        }
    }

    @Test
    void a_changed_library_is_never_served_the_companion_generated_for_the_old_one() {
        Path cache = temp.resolve("cache");
        Path v1 = TestPrograms.jar("boxlib1");
        Path v2 = TestPrograms.jar("boxlib2");
        Path app = TestPrograms.jar("boxapp", v1);

        Outcome old = Launch.of("BoxApp").classPath(app, v1).agentOptions("cache=" + cache + ",verbose").run()
                .assertSucceeded();
        assertEquals(2.25, old.number("value"), 0.0, old::describe);
        assertEquals(3.0, old.number("gradient"), 1e-12, old::describe); // d/dx x^2 at 1.5

        Outcome upgraded = Launch.of("BoxApp").classPath(app, v2).agentOptions("cache=" + cache + ",verbose").run()
                .assertSucceeded();
        assertEquals(9.0, upgraded.number("value"), 0.0, upgraded::describe);
        // the old companion would say 3.0; the new Box doubles its component: d/dx (2x)^2 = 8x, or a refusal
        List<String> gradient = upgraded.values("gradient");
        if (gradient.isEmpty()) {
            assertEquals(1, upgraded.values("refused").size(), upgraded::describe);
        } else {
            assertEquals(12.0, Double.parseDouble(gradient.get(0)), 1e-12, upgraded::describe);
        }
        assertNotEquals(List.of("3.0"), gradient);
        assertTrue(upgraded.stderr().contains("stale (Box changed)"), upgraded::describe);
    }

    @Test
    void integrators_of_a_library_served_from_a_warm_cache_give_the_gradients_of_their_oracles() {
        Path cache = temp.resolve("cache");
        // Dormand-Prince 8(5,3) against the logistic equation's exact sensitivities, classical Runge-Kutta against
        // central differences (CommonsMathTest's oracles)
        String[] cases = {"dp853.logistic", "rk4.oscillator"};
        Launch library = Launch.of("Cases").classPath(TestPrograms.jar("commonsmath", Libraries.commonsMath()))
                .classPath(Libraries.commonsMath()).args(cases).agentOptions("cache=" + cache + ",verbose");
        Outcome cold = library.run().assertSucceeded();
        Outcome warm = library.run().assertSucceeded();
        assertTrue(count(cold, GENERATED) > 20, cold::describe);
        assertEquals(0, count(warm, GENERATED), warm::describe);
        assertTrue(count(warm, CACHED) > 20, warm::describe);
        for (String c : cases) {
            double[] expected = CommonsMathTest.GRADIENTS.get(c);
            double tolerance = CommonsMathTest.VECTOR_TOLERANCES.get(c);
            for (Outcome o : List.of(cold, warm)) {
                double[] actual = o.numbers(c);
                assertEquals(expected.length, actual.length, o::describe);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])), o::describe);
                }
            }
        }
    }

    static List<Path> entries(Path cache) throws IOException {
        try (Stream<Path> s = Files.walk(cache)) {
            return s.filter(p -> p.toString().endsWith(".companion")).sorted().toList();
        }
    }

    static List<Path> graphs(Path cache) throws IOException {
        try (Stream<Path> s = Files.walk(cache)) {
            return s.filter(p -> p.toString().endsWith(".graph")).sorted().toList();
        }
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
