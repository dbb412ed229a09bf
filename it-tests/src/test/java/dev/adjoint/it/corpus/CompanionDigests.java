package dev.adjoint.it.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Companion;
import dev.adjoint.internal.engine.Engine;
import dev.adjoint.internal.engine.TransformException;

/**
 * A fingerprint of everything the engine generates for the corpus: one line per method and mode with the SHA-256 of
 * the companion class (or the refusal's message). A refactoring that must not change generated code is checked by
 * writing the file before and after and comparing them with {@code diff}:
 *
 * <pre>
 * mvn -B -q -pl it-tests -am -Pdigests -DskipTests verify    # writes it-tests/target/corpus/digests.tsv
 * </pre>
 */
public final class CompanionDigests {

    private CompanionDigests() {
    }

    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        Path out = Paths.get(args.length > 0 ? args[0] : "digests.tsv");
        Engine engine = Engine.standard(false);
        ClassHierarchy hierarchy = new ClassHierarchy(ClassHierarchy.ClassBytes.of(CompanionDigests.class.getClassLoader()));
        List<LibraryMethod> methods = new Corpus(CorpusCheck.libraries()).methods();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        StringBuilder lines = new StringBuilder();
        long start = System.nanoTime();
        for (int i = 0; i < methods.size(); i++) {
            LibraryMethod m = methods.get(i);
            for (Engine.Mode mode : Engine.Mode.values()) {
                lines.append(m.id()).append('\t').append(mode).append('\t')
                        .append(digest(engine, hierarchy, m, mode, sha)).append('\n');
            }
            if ((i + 1) % 1000 == 0) {
                System.err.printf("[digests] %,d of %,d methods, %.0f s%n", i + 1, methods.size(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, lines, StandardCharsets.UTF_8);
        System.err.printf("[digests] %,d lines written to %s%n", 2 * methods.size(), out);
    }

    private static String digest(Engine engine, ClassHierarchy hierarchy, LibraryMethod m, Engine.Mode mode,
            MessageDigest sha) {
        try {
            Companion c = engine.generate(hierarchy.bytes().find(m.owner()), m.name(), m.descriptor(), hierarchy,
                    mode);
            return HexFormat.of().formatHex(sha.digest(c.bytes()));
        } catch (TransformException e) {
            return "refused: " + String.valueOf(e.getMessage()).replace('\n', ' ');
        } catch (RuntimeException | StackOverflowError e) {
            return "crash: " + e.getClass().getName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' ');
        }
    }
}
