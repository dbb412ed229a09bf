package dev.adjoint.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.adjoint.internal.cache.CacheDirectory;
import dev.adjoint.internal.cache.CompanionEntry;
import dev.adjoint.internal.bytecode.ClassHierarchy;

/** The cache directory: private, atomic, and never trusting a bad file. */
class CacheDirectoryTest {

    @TempDir
    Path temp;

    private final List<String> notes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private CacheDirectory cache(Path dir) {
        return new CacheDirectory(dir, notes::add, warnings::add);
    }

    @Test
    void a_stored_entry_is_found_again_in_a_directory_private_to_the_user() throws Exception {
        ClassHierarchy h = CompanionEntryTest.hierarchy();
        CompanionEntry e = CompanionEntryTest.generate(h);
        Path dir = temp.resolve("a/b/cache");
        cache(dir).store(e);
        CompanionEntry found = cache(dir).find(e.key(), getClass().getClassLoader(), h);
        assertNotNull(found);
        assertArrayEquals(e.companion().bytes(), found.companion().bytes());
        if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    cache(dir).file(e.key()))));
        }
        assertEquals(List.of(), notes);
        assertEquals(List.of(), warnings);
    }

    @Test
    void a_corrupt_entry_is_reported_once_and_not_returned_and_a_new_store_replaces_it() throws Exception {
        ClassHierarchy h = CompanionEntryTest.hierarchy();
        CompanionEntry e = CompanionEntryTest.generate(h);
        CacheDirectory c = cache(temp.resolve("cache"));
        c.store(e);
        Path f = c.file(e.key());
        byte[] b = Files.readAllBytes(f);
        b[b.length - 3] ^= 1;
        Files.write(f, b);
        assertNull(c.find(e.key(), null, h));
        assertNull(c.find(e.key(), null, h));
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("checksum"), notes.get(0));
        c.store(e);
        assertNotNull(c.find(e.key(), null, h));
    }

    @Test
    void a_directory_that_others_may_write_to_is_not_used() throws Exception {
        assumeTrue(Files.getFileStore(temp).supportsFileAttributeView("posix"));
        Path dir = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        ClassHierarchy h = CompanionEntryTest.hierarchy();
        CompanionEntry e = CompanionEntryTest.generate(h);
        CacheDirectory c = cache(dir);
        c.store(e);
        assertNull(c.find(e.key(), null, h));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("other users may write to it"), warnings.get(0));
    }
}
