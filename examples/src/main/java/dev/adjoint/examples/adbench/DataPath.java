package dev.adjoint.examples.adbench;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the ADBench input files are: the folder named by the system property {@value #PROPERTY}, or
 * {@value #DEFAULT} (relative to the working directory, which is the project root when run from there).
 */
public final class DataPath {

    /** The system property that names the data folder, the one that holds {@code adbench/}. */
    public static final String PROPERTY = "adjoint.data";

    /** The data folder when the property is not set. */
    public static final String DEFAULT = "data";

    private DataPath() {
    }

    /**
     * Resolves a file under the data folder and checks that it is there.
     *
     * @param relative the file's path inside the data folder, for example {@code adbench/gmm/test.txt}
     * @return the absolute path of an existing file
     * @throws UncheckedIOException when the file does not exist; the message names the path and the property
     */
    public static Path resolve(String relative) {
        Path file = Paths.get(System.getProperty(PROPERTY, DEFAULT)).resolve(relative).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            String message = "ADBench data file not found: " + file + " (set -D" + PROPERTY
                    + "=DIR to the folder that holds adbench/; the default is " + DEFAULT
                    + " relative to the working directory)";
            throw new UncheckedIOException(message, new NoSuchFileException(file.toString()));
        }
        return file;
    }
}
