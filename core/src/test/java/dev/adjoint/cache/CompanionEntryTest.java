package dev.adjoint.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.adjoint.internal.bytecode.Abi;
import dev.adjoint.internal.cache.CompanionEntry;
import dev.adjoint.internal.cache.CompanionKey;
import dev.adjoint.internal.cache.InvalidEntryException;
import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Companion;
import dev.adjoint.internal.engine.Engine;

/** The stored form of a companion: it round-trips, and anything else is refused with the reason. */
class CompanionEntryTest {

    /** A library class whose constructor the engine reads when a method constructs it. */
    public record Box(double v) {
    }

    public static double square(double x) {
        Box b = new Box(x);
        return b.v() * b.v();
    }

    static final String HOST = CompanionEntryTest.class.getName().replace('.', '/');
    static final String BOX = Box.class.getName().replace('.', '/');

    static ClassHierarchy hierarchy() {
        return new ClassHierarchy(ClassHierarchy.ClassBytes.of(CompanionEntryTest.class.getClassLoader()));
    }

    static CompanionEntry generate(ClassHierarchy h) throws Exception {
        byte[] host = h.bytes().find(HOST);
        CompanionKey key = CompanionKey.of(host, HOST + Abi.COMPANION_SUFFIX, "square", "(D)D",
                Engine.Mode.REVERSE, "rules");
        ClassHierarchy recording = h.recording();
        Companion c = Engine.standard(false).generate(host, "square", "(D)D", recording, Engine.Mode.REVERSE);
        return CompanionEntry.of(key, c, recording.consulted(), h);
    }

    @Test
    void an_entry_round_trips_with_its_members_class_file_and_dependencies() throws Exception {
        CompanionEntry e = generate(hierarchy());
        assertTrue(e.dependencies().contains(BOX), "the generation read Box's constructor: " + e.dependencies());
        CompanionEntry back = CompanionEntry.parse(e.toBytes(), e.key());
        assertArrayEquals(e.companion().bytes(), back.companion().bytes());
        assertEquals(e.companion().name(), back.companion().name());
        assertEquals(e.companion().members().get(0).fwdDescriptor, back.companion().members().get(0).fwdDescriptor);
        assertEquals(e.dependencies(), back.dependencies());
        assertNull(back.changedDependency(hierarchy()));
    }

    @Test
    void a_changed_consulted_class_makes_the_entry_stale() throws Exception {
        CompanionEntry e = generate(hierarchy());
        ClassHierarchy.ClassBytes real = ClassHierarchy.ClassBytes.of(CompanionEntryTest.class.getClassLoader());
        ClassHierarchy upgraded = new ClassHierarchy(name -> {
            byte[] b = real.find(name);
            return name.equals(BOX) ? Arrays.copyOf(b, b.length + 1) : b;
        });
        assertEquals(BOX, e.changedDependency(upgraded));
        ClassHierarchy removed = new ClassHierarchy(name -> name.equals(BOX) ? null : real.find(name));
        assertEquals(BOX, e.changedDependency(removed));
    }

    @Test
    void a_consulted_class_changed_in_place_without_changing_its_length_makes_the_entry_stale() throws Exception {
        CompanionEntry e = generate(hierarchy());
        ClassHierarchy.ClassBytes real = ClassHierarchy.ClassBytes.of(CompanionEntryTest.class.getClassLoader());
        for (int edit = 0; edit < 2; edit++) {
            boolean swap = edit == 1;
            ClassHierarchy edited = new ClassHierarchy(name -> {
                byte[] b = real.find(name);
                if (!name.equals(BOX)) {
                    return b;
                }
                byte[] c = b.clone();
                int i = c.length / 2;
                while (b[i] == b[i + 1]) {
                    i++; // two different bytes, so that swapping them changes the file
                }
                if (swap) {
                    c[i] = b[i + 1];
                    c[i + 1] = b[i];
                } else {
                    c[i] ^= 1;
                }
                return c;
            });
            assertEquals(BOX, e.changedDependency(edited), swap ? "two bytes swapped" : "one bit flipped");
        }
    }

    @Test
    void a_generation_records_the_classes_it_consults_also_when_an_earlier_one_read_them_first() throws Exception {
        ClassHierarchy h = hierarchy();
        CompanionEntry first = generate(h);
        CompanionEntry second = generate(h);
        assertEquals(first.dependencies(), second.dependencies());
        ClassHierarchy recording = h.recording();
        assertTrue(recording.members(BOX) != null, "Box's declarations were parsed by the first generation");
        assertTrue(recording.consulted().contains(BOX), "a shared declaration is still a dependency");
    }

    @Test
    void the_key_covers_the_host_bytes_method_mode_and_rules() throws Exception {
        byte[] host = hierarchy().bytes().find(HOST);
        CompanionKey k = CompanionKey.of(host, "C", "square", "(D)D", Engine.Mode.REVERSE, "rules");
        assertEquals(k, CompanionKey.of(host.clone(), "C", "square", "(D)D", Engine.Mode.REVERSE, "rules"));
        assertTrue(!k.equals(CompanionKey.of(host, "C", "square", "(D)D", Engine.Mode.REVERSE, "more rules")));
        byte[] other = host.clone();
        other[other.length - 1] ^= 1;
        assertTrue(!k.equals(CompanionKey.of(other, "C", "square", "(D)D", Engine.Mode.REVERSE, "rules")));
        assertTrue(!k.equals(CompanionKey.of(host, "C", "square", "(F)D", Engine.Mode.REVERSE, "rules")));
        assertTrue(!k.equals(CompanionKey.of(host, "C", "square", "(D)D", Engine.Mode.TANGENT, "rules")));
        assertEquals(32, k.hex().length());
    }

    @Test
    void the_key_made_from_the_hosts_digest_is_the_key_made_from_its_bytes() throws Exception {
        ClassHierarchy h = hierarchy();
        byte[] host = h.bytes().find(HOST);
        assertEquals(CompanionKey.of(host, "C", "square", "(D)D", Engine.Mode.REVERSE, "rules", 2),
                CompanionKey.ofDigest(h.digest(HOST), "C", "square", "(D)D", Engine.Mode.REVERSE, "rules", 2));
        byte[] other = host.clone();
        other[other.length - 1] ^= 1;
        assertTrue(!CompanionKey.of(other, "C", "square", "(D)D", Engine.Mode.REVERSE, "rules", 2)
                .equals(CompanionKey.ofDigest(h.digest(HOST), "C", "square", "(D)D", Engine.Mode.REVERSE, "rules",
                        2)));
    }

    @Test
    void truncated_corrupt_foreign_and_misplaced_entries_are_refused_with_the_reason() throws Exception {
        CompanionEntry e = generate(hierarchy());
        byte[] good = e.toBytes();
        assertRefused(Arrays.copyOf(good, good.length - 1), e.key(), "truncated");
        assertRefused(Arrays.copyOf(good, 20), e.key(), "truncated");
        assertRefused(new byte[0], e.key(), "truncated");
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        assertRefused(flipped, e.key(), "checksum");
        byte[] foreign = "#!/bin/sh\necho this is not a cache entry at all, but long enough\n".getBytes();
        assertRefused(foreign, e.key(), "magic");
        byte[] format = good.clone();
        format[7] = 9;
        assertRefused(format, e.key(), "format");
        CompanionKey other = CompanionKey.of(new byte[] {1, 2, 3}, "C", "m", "()D", Engine.Mode.REVERSE, "rules");
        assertRefused(good, other, "another key");
    }

    private static void assertRefused(byte[] file, CompanionKey key, String reason) {
        InvalidEntryException x = assertThrows(InvalidEntryException.class, () -> CompanionEntry.parse(file, key));
        assertTrue(x.getMessage().contains(reason), x.getMessage());
    }
}
