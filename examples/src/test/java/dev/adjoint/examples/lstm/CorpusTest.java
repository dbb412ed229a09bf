package dev.adjoint.examples.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

class CorpusTest {

    @Test
    void codes_number_the_distinct_characters_in_ascending_order() {
        Corpus c = Corpus.of("banana!");
        assertEquals(4, c.alphabetSize());
        assertEquals('!', c.symbol(0));
        assertEquals('n', c.symbol(3));
        assertEquals(c.codeOf('b'), c.code(0));
        assertEquals(7, c.length());
    }

    @Test
    void streams_read_their_own_stretches_side_by_side_and_pair_each_input_with_the_next_character() {
        Corpus c = Corpus.of("abcdefghijkl");
        TextStreams streams = c.streams(2);
        Batch first = streams.next(2);
        assertEquals(2, first.length());
        assertEquals(2, first.size());
        assertArrayEquals(new int[] {c.codeOf('a'), c.codeOf('g')}, first.inputs()[0]);
        assertArrayEquals(new int[] {c.codeOf('c'), c.codeOf('i')}, first.targets()[1]);
        assertEquals(false, first.restarted());
        Batch second = streams.next(2);
        assertArrayEquals(new int[] {c.codeOf('c'), c.codeOf('i')}, second.inputs()[0]);
        assertEquals(4, streams.offset());
    }

    @Test
    void streams_start_again_and_say_so_when_a_stretch_is_used_up() {
        Corpus c = Corpus.of("abcdefghijkl");
        TextStreams streams = c.streams(2);
        streams.next(2);
        streams.next(2);
        Batch third = streams.next(2);
        assertEquals(true, third.restarted());
        assertArrayEquals(new int[] {c.codeOf('a'), c.codeOf('g')}, third.inputs()[0]);
    }

    @Test
    void shakespeare_has_the_65_characters_of_char_rnn() {
        Corpus c = Corpus.read(Corpus.locate(null));
        assertEquals(65, c.alphabetSize());
        assertEquals(1_115_394, c.length());
    }

    @Test
    void an_explicit_path_wins_and_a_missing_file_names_the_option() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Corpus.read(Corpus.locate("no/such/corpus.txt")));
        assertEquals(Paths.get("no/such/corpus.txt"), Corpus.locate("no/such/corpus.txt"));
        assertEquals(true, e.getMessage().contains("--data"), e.getMessage());
    }
}
