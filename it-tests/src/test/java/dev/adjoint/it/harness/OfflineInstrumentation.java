package dev.adjoint.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Assumptions;

/**
 * {@code ad instrument}: derivative code generated ahead of time into a copy of a jar, which then runs with only the
 * runtime on the class path, without the agent ({@link Mode#INSTRUMENTED}).
 *
 * <p>Whether the command exists is asked once per test run, by looking for it among the commands
 * {@code ad --help} lists; while it is not there (a CLI built without it), tests in that mode skip and say why.
 */
public final class OfflineInstrumentation {

    private static final Map<String, Path> INSTRUMENTED = new ConcurrentHashMap<>();
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

    /** Skips the calling test, with the reason, when {@code ad instrument} does not exist. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(available(), "Mode.INSTRUMENTED needs 'ad instrument', which the CLI does not have "
                + "yet ('bin/ad --help' does not list it); this test runs once cli gains the command");
    }

    /**
     * The instrumented copy of a jar, made once per test run.
     *
     * @param jar        an application jar
     * @param classPath  the rest of the class path it runs with: code of theirs that it reaches is precomputed too
     * @return its instrumented copy in {@code it-tests/target/it-instrumented/}
     */
    public static Path instrument(Path jar, List<Path> classPath) {
        assumeAvailable();
        return INSTRUMENTED.computeIfAbsent(jar + File.pathSeparator + classPath, k -> {
            String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
            Path out = Project.buildDirectory().resolve("it-instrumented")
                    .resolve(name + "-" + Integer.toHexString(k.hashCode()) + "-instrumented.jar");
            try {
                Files.createDirectories(out.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> args = new ArrayList<>(List.of("instrument", jar.toString(), "-o", out.toString()));
            if (!classPath.isEmpty()) {
                args.add("--cp");
                args.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
            }
            Script.ad().timeout(Duration.ofMinutes(5)).args(args.toArray(new String[0])).run().assertSucceeded();
            return out;
        });
    }
}
