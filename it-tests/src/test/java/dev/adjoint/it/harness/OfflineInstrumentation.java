package dev.adjoint.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Assumptions;

/**
 * {@code ad instrument}: derivative code generated ahead of time into a copy of a jar, which then runs with only the
 * runtime on the class path, without the agent ({@link Mode#INSTRUMENTED}).
 *
 * <p>The command does not exist yet. Whether it does is asked once per test run, by looking for it among the
 * commands {@code ad --help} lists; while it is not there, tests in that mode skip and say why.
 */
public final class OfflineInstrumentation {

    private static final Map<Path, Path> INSTRUMENTED = new ConcurrentHashMap<>();
    private static volatile Boolean available;

    private OfflineInstrumentation() {
    }

    /** @return whether {@code bin/ad} has an {@code instrument} command */
    public static boolean available() {
        Boolean a = available;
        if (a == null) {
            // not 'ad instrument --help': picocli answers an unknown command followed by --help with the top usage
            a = Script.ad().args("--help").run().assertSucceeded().stdoutLines().stream()
                    .anyMatch(line -> line.matches("\\s+instrument\\s.*"));
            available = a;
        }
        return a;
    }

    /** Skips the calling test, with the reason, while {@code ad instrument} does not exist. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(available(), "Mode.INSTRUMENTED needs 'ad instrument', which the CLI does not have "
                + "yet ('bin/ad --help' does not list it); this test runs once cli gains the command");
    }

    /**
     * The instrumented copy of a jar, made once per test run.
     *
     * @param jar an application jar
     * @return its instrumented copy in {@code it-tests/target/it-instrumented/}
     */
    public static Path instrument(Path jar) {
        assumeAvailable();
        return INSTRUMENTED.computeIfAbsent(jar, j -> {
            String name = j.getFileName().toString().replaceFirst("\\.jar$", "");
            Path out = Project.buildDirectory().resolve("it-instrumented").resolve(name + "-instrumented.jar");
            try {
                Files.createDirectories(out.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // the command's syntax is a guess, as JaCoCo's 'instrument FILES --dest DIR'; adjust it when it lands
            Script.ad().args("instrument", j.toString(), "--output", out.toString()).run().assertSucceeded();
            return out;
        });
    }
}
