package dev.adjoint.it.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.adjoint.internal.engine.Engine;
import dev.adjoint.it.harness.Libraries;

/**
 * The corpus check: transforms, without running it, every method of Commons Math 3.6.1, EJML 0.46.1 and
 * Hipparchus 4.0.2 as published, in reverse and forward mode, checks each generated class ({@link MethodCheck}) and writes what came of
 * each ({@link CorpusReport}). Run by {@code mvn -B -q -pl it-tests -am -Pcorpus -DskipTests verify}, which writes
 * {@code docs/corpus.md} and {@code it-tests/target/corpus/methods.tsv}.
 *
 * <p>Options: {@code --step N} checks every N-th method only; {@code --only PREFIX} only the methods of classes whose
 * name starts with it ({@code org.apache.commons.math3.optim}); {@code --out FILE} and {@code --tsv FILE} say where
 * the summary and the per-method lines go.
 */
public final class CorpusCheck {

    /** The command that regenerates the report, as the report quotes it. */
    static final String COMMAND = "mvn -B -q -pl it-tests -am -Pcorpus -DskipTests verify";

    /** A method whose two modes take longer than this is named on standard error, with its time. */
    private static final double SLOW_SECONDS = 5;

    private CorpusCheck() {
    }

    /** @return the libraries of the corpus: the jars from Maven Central that the tests use */
    public static List<Path> libraries() {
        List<Path> jars = new ArrayList<>(List.of(Libraries.commonsMath()));
        jars.addAll(List.of(Libraries.ejml()));
        jars.addAll(List.of(Libraries.hipparchus()));
        return jars;
    }

    /**
     * Checks some methods in both modes.
     *
     * @param methods  the methods
     * @param progress whether to report progress on standard error
     * @return a verdict per method and mode, methods in order, reverse mode first
     */
    public static List<Verdict> check(List<LibraryMethod> methods, boolean progress) {
        MethodCheck check = new MethodCheck(CorpusCheck.class.getClassLoader());
        List<Verdict> verdicts = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < methods.size(); i++) {
            long began = System.nanoTime();
            for (Engine.Mode mode : Engine.Mode.values()) {
                verdicts.add(check.check(methods.get(i), mode));
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            if (progress && seconds > SLOW_SECONDS) {
                System.err.printf("[corpus] slow: %s took %.1f s%n", methods.get(i).id(), seconds);
            }
            if (progress && (i + 1) % 500 == 0) {
                System.err.printf("[corpus] %,d of %,d methods, %.0f s%n", i + 1, methods.size(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
        return verdicts;
    }

    public static void main(String[] args) throws IOException {
        int step = 1;
        Path out = null;
        Path tsv = null;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--step": step = Integer.parseInt(args[++i]); break;
                case "--out": out = Paths.get(args[++i]); break;
                case "--tsv": tsv = Paths.get(args[++i]); break;
                case "--only": only = args[++i]; break;
                default:
                    System.err.println("unknown option " + args[i]
                            + "; use --step N, --only CLASS-PREFIX, --out FILE, --tsv FILE");
                    System.exit(2);
            }
        }
        long start = System.currentTimeMillis();
        Corpus corpus = new Corpus(libraries());
        List<LibraryMethod> methods = corpus.sample(step);
        if (only != null) {
            String prefix = only.replace('.', '/');
            methods = methods.stream().filter(m -> m.owner().startsWith(prefix)).toList();
        }
        List<Verdict> verdicts = check(methods, true);
        CorpusReport report = new CorpusReport(corpus, verdicts);
        String markdown = report.markdown(header(), System.currentTimeMillis() - start);
        write(out, markdown);
        write(tsv, report.tsv());
        if (out == null) {
            System.out.print(markdown);
        }
        System.err.printf("[corpus] %,d verdicts, %,d of them engine bugs%n", verdicts.size(), report.bugs().size());
    }

    private static String header() {
        return "# Corpus check\n\n"
                + "Every method of Apache Commons Math 3.6.1, EJML 0.46.1 (`ejml-core`, `ejml-ddense`) and Hipparchus "
                + "4.0.2 (`hipparchus-core`, `-ode`, `-stat`, `-geometry`, `-optim`, `-fitting`), the jars as published "
                + "on Maven Central, transformed by the engine without being run: in reverse mode (an "
                + "augmented primal `$fwd` and a pullback `$rev`) and in forward mode (a tangent `$tan`). Each "
                + "generated class is verified by ASM's verifier, then defined in the JVM as a hidden nestmate of its "
                + "host, as at run time (the JVM verifies it; nothing is initialized or called), and every class, "
                + "field and method it names is resolved with its own access. DESIGN.md section 8 says why: it is "
                + "the fastest way to find bugs with old class files, `jsr`, uninitialized objects and huge "
                + "methods. The number of methods that verify is a figure to raise over time.\n\n"
                + "- date: " + LocalDate.now() + "; engine version " + Engine.VERSION + "; JDK "
                + System.getProperty("java.version") + "\n"
                + "- libraries: " + String.join(", ", libraries().stream().map(p -> "`" + p.getFileName() + "`")
                        .toList()) + "\n"
                + "- regenerate: `" + COMMAND + "` (about ten minutes on 2 quiet cores; longer under load); it also writes every "
                + "verdict, one line per method and mode, to `it-tests/target/corpus/methods.tsv`, to compare two "
                + "runs with `diff`. The test `CorpusCheckTest` runs the check on a sample of the methods in every "
                + "build and fails on any engine bug.\n";
    }

    private static void write(Path file, String text) throws IOException {
        if (file == null) {
            return;
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
