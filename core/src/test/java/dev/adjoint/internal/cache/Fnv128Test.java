package dev.adjoint.internal.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The key's hash against values of the FNV-1a definition computed independently (Python integers:
 * {@code h = (h ^ b) * (2**88 + 315) % 2**128} from the offset basis), among them the published vector of "a".
 */
class Fnv128Test {

    private static String hash(byte[] bytes) {
        Fnv128 h = new Fnv128();
        h.update(bytes);
        return h.hex();
    }

    @Test
    void the_empty_input_hashes_to_the_offset_basis() {
        assertEquals("6c62272e07bb014262b821756295c58d", hash(new byte[0]));
    }

    @Test
    void short_inputs_hash_as_the_definition_says() {
        assertEquals("d228cb696f1a8caf78912b704e4a8964", hash("a".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("343e1662793c64bf6f0d3597ba446f18", hash("foobar".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void every_byte_value_carries_into_the_high_half() {
        byte[] all = new byte[768];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertEquals("ceced98447397784e46346c4dbaac68d", hash(all));
    }

    @Test
    void a_copy_continues_from_the_state_it_was_taken_in() {
        Fnv128 h = new Fnv128();
        h.update("foo".getBytes(StandardCharsets.US_ASCII));
        Fnv128 c = h.copy();
        c.update("bar".getBytes(StandardCharsets.US_ASCII));
        assertEquals("343e1662793c64bf6f0d3597ba446f18", c.hex());
        assertEquals(hash("foo".getBytes(StandardCharsets.US_ASCII)), h.hex());
    }
}
