package dev.adjoint.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.cache.CacheDirectory;
import dev.adjoint.internal.cache.CompanionEntry;
import dev.adjoint.internal.cache.CompanionGraph;
import dev.adjoint.internal.cache.CompanionKey;
import dev.adjoint.internal.engine.Engine;

/**
 * The graph of the companions a JVM reached: a later JVM starting at the same root reads them at once, and gets
 * exactly what reading them one by one would give it (nothing stale, nothing from a broken file).
 */
class CompanionGraphTest {

    @TempDir
    Path temp;

    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final ClassLoader loader = getClass().getClassLoader();

    private CacheDirectory cache(Path dir) {
        return new CacheDirectory(dir, notes::add, warnings::add);
    }

    /** The generated companion of {@code square} stored under another method's key: a second, distinct entry. */
    private static CompanionEntry under(String method, CompanionEntry e, ClassHierarchy h) {
        CompanionKey key = CompanionKey.of(new byte[] {1}, "C", method, "(D)D", Engine.Mode.REVERSE, "rules");
        return CompanionEntry.of(key, e.companion(), e.dependencies(), h);
    }

    /** Stores entries as a JVM that generated them would, then its graph, and removes the entries' own files. */
    private void storeOnlyTheGraph(CacheDirectory c, CompanionEntry... entries) throws Exception {
        for (CompanionEntry e : entries) {
            assertNull(c.find(e.key(), loader, CompanionEntryTest.hierarchy()));
            c.store(e);
        }
        c.storeGraph();
        for (CompanionEntry e : entries) {
            Files.delete(c.file(e.key()));
        }
    }

    @Test
    void a_later_directory_serves_every_companion_of_the_graph_without_their_own_files() throws Exception {
        ClassHierarchy h = CompanionEntryTest.hierarchy();
        CompanionEntry root = CompanionEntryTest.generate(h);
        CompanionEntry callee = under("callee", root, h);
        storeOnlyTheGraph(cache(temp), root, callee);

        CacheDirectory later = cache(temp);
        CompanionEntry first = later.find(root.key(), loader, h);
        CompanionEntry second = later.find(callee.key(), loader, h);
        assertNotNull(first);
        assertNotNull(second);
        assertArrayEquals(root.companion().bytes(), second.companion().bytes());
        assertEquals(List.of(), notes);
        assertEquals(List.of(), warnings);
    }

    @Test
    void a_companion_of_the_graph_whose_dependency_changed_is_not_served_and_its_regeneration_is_kept() throws Exception {
        ClassHierarchy h = CompanionEntryTest.hierarchy();
        CompanionEntry root = CompanionEntryTest.generate(h);
        CompanionEntry callee = under("callee", root, h);
        storeOnlyTheGraph(cache(temp), root, callee);
        ClassHierarchy.ClassBytes real = ClassHierarchy.ClassBytes.of(loader);
        ClassHierarchy upgraded = new ClassHierarchy(name -> {
            byte[] b = real.find(name);
            return name.equals(CompanionEntryTest.BOX) ? Arrays.copyOf(b, b.length + 1) : b;
        });

        CacheDirectory later = cache(temp);
        assertNull(later.find(root.key(), loader, upgraded));
        assertTrue(notes.stream().anyMatch(n -> n.contains("stale") && n.contains("Box")), notes.toString());
        CompanionEntry regenerated = CompanionEntry.of(root.key(), root.companion(), root.dependencies(), upgraded);
        later.store(regenerated);
        later.storeGraph();

        CacheDirectory third = cache(temp);
        assertNotNull(third.find(root.key(), loader, upgraded), "the graph now holds the regenerated entry");
        assertNull(third.find(callee.key(), loader, upgraded), "its callee, generated for the old Box, is stale too");
    }

    @Test
    void a_truncated_graph_is_ignored_whole_and_its_companions_are_read_one_by_one() throws Exception {
        ClassHierarchy h = CompanionEntryTest.hierarchy();
        CompanionEntry root = CompanionEntryTest.generate(h);
        CompanionEntry callee = under("callee", root, h);
        CacheDirectory c = cache(temp);
        c.find(root.key(), loader, h);
        c.store(root);
        c.store(callee);
        c.storeGraph();
        Path graph = c.graphFile(root.key());
        byte[] whole = Files.readAllBytes(graph);
        Files.write(graph, Arrays.copyOf(whole, whole.length - 40));

        CacheDirectory later = cache(temp);
        assertNotNull(later.find(root.key(), loader, h));
        assertNotNull(later.find(callee.key(), loader, h));
        assertTrue(notes.stream().anyMatch(n -> n.contains("ignored") && n.contains("one by one")), notes.toString());
    }

    @Test
    void a_graph_that_holds_part_of_what_a_gradient_reaches_grows_to_hold_all_of_it() throws Exception {
        ClassHierarchy h = CompanionEntryTest.hierarchy();
        CompanionEntry root = CompanionEntryTest.generate(h);
        CompanionEntry callee = under("callee", root, h);
        CompanionEntry other = under("other", root, h);
        storeOnlyTheGraph(cache(temp), root, callee);

        CacheDirectory later = cache(temp);
        assertNotNull(later.find(root.key(), loader, h));
        assertNull(later.find(other.key(), loader, h), "not in the graph, nor stored alone");
        later.store(other);
        later.storeGraph();
        Files.delete(later.file(other.key()));

        CacheDirectory third = cache(temp);
        assertNotNull(third.find(root.key(), loader, h));
        assertNotNull(third.find(other.key(), loader, h), "added to the graph");
        assertNotNull(third.find(callee.key(), loader, h), "kept though the second JVM did not reach it");
    }

    @Test
    void a_graph_that_gained_nothing_is_not_written_again() throws Exception {
        ClassHierarchy h = CompanionEntryTest.hierarchy();
        CompanionEntry root = CompanionEntryTest.generate(h);
        storeOnlyTheGraph(cache(temp), root);
        Path graph = cache(temp).graphFile(root.key());
        Files.setLastModifiedTime(graph, java.nio.file.attribute.FileTime.fromMillis(0));

        CacheDirectory later = cache(temp);
        assertNotNull(later.find(root.key(), loader, h));
        later.storeGraph();
        assertEquals(0, Files.getLastModifiedTime(graph).toMillis());
    }

    @Test
    void writers_racing_on_one_graph_leave_a_whole_graph_that_readers_always_accept() throws Exception {
        ClassHierarchy h = CompanionEntryTest.hierarchy();
        CompanionEntry root = CompanionEntryTest.generate(h);
        List<CompanionEntry> callees = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            callees.add(under("callee" + i, root, h));
        }
        Path graph = cache(temp).graphFile(root.key());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int round = 0; round < 5; round++) {
                        CacheDirectory c = cache(temp);
                        c.find(root.key(), loader, h);
                        c.store(root);
                        for (int i = 0; i <= (writer + round) % callees.size(); i++) {
                            c.store(callees.get(i));
                        }
                        c.storeGraph();
                    }
                    return null;
                }));
            }
            done.add(pool.submit(() -> {
                for (int read = 0; read < 40; read++) {
                    if (Files.exists(graph)) {
                        Map<CompanionKey, CompanionEntry> g = CompanionGraph.parse(Files.readAllBytes(graph),
                                root.key());
                        assertEquals(root.key(), g.keySet().iterator().next(), "the root comes first");
                    }
                }
                return null;
            }));
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertNotNull(CompanionGraph.parse(Files.readAllBytes(graph), root.key()).get(root.key()));
        assertEquals(List.of(), warnings);
        assertEquals(List.of(), notes);
    }
}
