package dev.adjoint.examples.lstm;

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
    void a_window_pairs_each_input_with_the_next_character() {
        Corpus c = Corpus.of("abcdef");
        Window w = c.window(1, 3, State.zero(2));
        assertEquals(3, w.length());
        assertEquals(c.codeOf('b'), w.input(0));
        assertEquals(c.codeOf('c'), w.target(0));
        assertEquals(c.codeOf('e'), w.target(2));
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
