package dev.adjoint.examples.lstm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * A text as a sequence of character codes, with its alphabet: the distinct characters of the text in ascending
 * order, code {@code k} standing for the {@code k}-th of them (65 characters for Shakespeare).
 */
public final class Corpus {

    /** The system property that names the data folder (the one holding {@value #FILE}) or the corpus file itself. */
    public static final String PROPERTY = "adjoint.data";

    /** The corpus's file name inside the data folder. */
    public static final String FILE = "tinyshakespeare.txt";

    /** The data folder when neither an explicit path nor the property is given, relative to the working directory. */
    public static final String DEFAULT_FOLDER = "data";

    private final char[] alphabet;
    private final int[] codeOf;
    private final int[] codes;

    private Corpus(String text) {
        alphabet = distinct(text);
        codeOf = new int[Character.MAX_VALUE + 1];
        Arrays.fill(codeOf, -1);
        for (int k = 0; k < alphabet.length; k++) {
            codeOf[alphabet[k]] = k;
        }
        codes = new int[text.length()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = codeOf[text.charAt(i)];
        }
    }

    /**
     * @param text the text
     * @return its codes and alphabet
     */
    public static Corpus of(String text) {
        if (text.length() < 2) {
            throw new IllegalArgumentException("a corpus needs at least two characters");
        }
        return new Corpus(text);
    }

    /**
     * Reads a UTF-8 text file.
     *
     * @param file the file
     * @return its codes and alphabet
     * @throws UncheckedIOException when the file cannot be read; the message says how to point at another one
     */
    public static Corpus read(Path file) {
        try {
            return of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("corpus not found: " + file.toAbsolutePath().normalize() + " (pass --data FILE"
                    + " or set -D" + PROPERTY + "=DIR to the folder that holds " + FILE + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where the corpus is: the explicit path when given, else the property (a folder holding {@value #FILE}, or a
     * file), else {@value #FILE} in {@value #DEFAULT_FOLDER}.
     *
     * @param explicit a path from the command line, or null
     * @return the path to read
     */
    public static Path locate(String explicit) {
        if (explicit != null) {
            return Paths.get(explicit);
        }
        Path configured = Paths.get(System.getProperty(PROPERTY, DEFAULT_FOLDER));
        return Files.isRegularFile(configured) ? configured : configured.resolve(FILE);
    }

    private static char[] distinct(String text) {
        boolean[] seen = new boolean[Character.MAX_VALUE + 1];
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            seen[text.charAt(i)] = true;
        }
        for (int c = 0; c < seen.length; c++) {
            if (seen[c]) {
                out.append((char) c);
            }
        }
        return out.toString().toCharArray();
    }

    /** @return the number of characters in the text */
    public int length() {
        return codes.length;
    }

    /** @return the number of distinct characters */
    public int alphabetSize() {
        return alphabet.length;
    }

    /**
     * @param position an index into the text
     * @return the code of the character there
     */
    public int code(int position) {
        return codes[position];
    }

    /**
     * @param c a character of the alphabet
     * @return its code
     */
    public int codeOf(char c) {
        int k = codeOf[c];
        if (k < 0) {
            throw new IllegalArgumentException("'" + c + "' is not in the corpus's alphabet");
        }
        return k;
    }

    /**
     * @param code a code
     * @return the character it stands for
     */
    public char symbol(int code) {
        return alphabet[code];
    }

    /**
     * The text as {@code count} streams read side by side, each from its own stretch of the text, as char-rnn reads
     * a batch.
     *
     * @param count the number of streams
     * @return the streams, at the start of their stretches
     */
    public TextStreams streams(int count) {
        return new TextStreams(codes, count);
    }
}
