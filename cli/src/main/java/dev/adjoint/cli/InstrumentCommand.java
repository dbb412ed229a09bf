package dev.adjoint.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import org.objectweb.asm.ClassReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.adjoint.internal.cache.PrecomputedCompanions;
import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Engine;
import dev.adjoint.internal.offline.Instrumenter;

/**
 * {@code ad instrument IN -o OUT}: generates the derivative code of a jar (or a directory of classes) ahead of time and
 * writes it into a copy as resources, so that the copy runs without the agent, with only {@code ad.jar} on the class
 * path. The classes are copied byte for byte; nothing of the input is changed.
 */
@Command(name = "instrument", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generates derivative code ahead of time into a copy of a jar or a directory of classes.", "",
            "The copy holds the original classes unchanged, plus the companions (augmented primal and pullback, "
                + "and tangent code) of every class that implements Differentiable, of every function it passes to "
                + "AD, and of everything their code can reach in IN and --cp, under META-INF/adjoint/. It runs "
                + "without -javaagent, with ad.jar on the class path; code it reaches that was not precomputed is "
                + "generated at run time as under the agent. A signed jar stays signed (its classes and manifest "
                + "are unchanged). An instrumented jar is refused.", ""},
        footer = {"", "Examples:",
            "  ad instrument app.jar -o app-ad.jar",
            "  ad instrument app.jar -o app-ad.jar --cp commons-math3-3.6.1.jar",
            "  ad instrument target/classes -o target/classes-ad --include com.example.model",
            "  java -cp app-ad.jar:commons-math3-3.6.1.jar:ad.jar com.example.Main",
            "", ExitCode.SUMMARY})
final class InstrumentCommand implements Callable<Integer> {

    /** The manifest attribute of an instrumented (unsigned) jar. */
    static final String MANIFEST_ATTRIBUTE = "Adjoint-Instrumented";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "The jar or directory of classes to instrument.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Where to write the instrumented copy: a jar, or a directory when IN is one.")
    Path output;

    @Option(names = "--cp", paramLabel = "PATH",
            description = "The class path IN runs with (jars and directories, separated by '${sys:path.separator}'): "
                    + "code reached there is precomputed too, into OUT.")
    String classPath;

    @Option(names = "--all", description = "Precompute every method of every class of IN, not only the "
            + "Differentiable ones and what they reach.")
    boolean all;

    @Option(names = "--include", paramLabel = "PKG", split = ",",
            description = "Precompute every method of the classes in these packages (and subpackages) of IN.")
    List<String> include = new ArrayList<>();

    @Option(names = {"-v", "--verbose"}, description = "List the methods that cannot be differentiated.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path in = input.toAbsolutePath().normalize();
        Path to = output.toAbsolutePath().normalize();
        if (in.equals(to)) {
            throw new InputException("the output must not be the input (" + input + "); give another -o");
        }
        Archive archive = Archive.read(in);
        if (!archive.directory && Files.isDirectory(to)) {
            throw new InputException(output + " is a directory; give the jar to write, for example -o "
                    + to.resolve(in.getFileName()));
        }
        Archive.Entry marker = archive.get(PrecomputedCompanions.MARKER);
        if (marker != null) {
            throw new InputException(input + " is already instrumented by Adjoint ("
                    + firstLine(marker.bytes) + "); instrument the original instead");
        }
        Map<String, byte[]> classes = classes(archive);
        List<Path> cp = classPath();
        Instrumenter.Result result;
        try (URLClassLoader loader = new URLClassLoader(urls(cp), null)) {
            ClassHierarchy.ClassBytes runtime = ClassHierarchy.ClassBytes.of(loader);
            ClassHierarchy.ClassBytes bytes = name -> {
                byte[] b = classes.get(name);
                return b != null ? b : runtime.find(name);
            };
            Set<String> universe = new LinkedHashSet<>(classes.keySet());
            for (Path p : cp) {
                universe.addAll(classes(Archive.read(p)).keySet());
            }
            result = new Instrumenter(bytes, universe).precompute(classes.keySet(), selection());
        }
        Map<String, byte[]> resources = Instrumenter.resources(result);
        List<Archive.Entry> added = new ArrayList<>();
        long now = System.currentTimeMillis();
        added.add(new Archive.Entry(PrecomputedCompanions.MARKER, marker(resources.size()), now, false));
        for (Map.Entry<String, byte[]> r : resources.entrySet()) {
            added.add(new Archive.Entry(r.getKey(), r.getValue(), now, false));
        }
        List<Archive.Entry> replaced = new ArrayList<>();
        boolean signed = archive.isSigned();
        if (!archive.directory && !signed) {
            replaced.add(new Archive.Entry(java.util.jar.JarFile.MANIFEST_NAME,
                    archive.manifestWith(MANIFEST_ATTRIBUTE, Engine.VERSION), now, false));
        }
        archive.write(to, replaced, added);
        out.println("ad: instrumented " + input + " -> " + output + ": " + resources.size() + " companions"
                + (result.refused.isEmpty() ? "" : ", " + result.refused.size() + " methods that cannot be "
                + "differentiated (refused at run time too" + (verbose ? ")" : "; --verbose lists them)")));
        if (signed) {
            out.println("ad: " + input + " is signed: its classes and manifest are unchanged, so the signature stays "
                    + "valid; the added META-INF/adjoint/ resources are not signed");
        }
        if (verbose) {
            for (String r : result.refused) {
                out.println("  refused: " + r);
            }
        }
        out.flush();
        return 0;
    }

    private Predicate<String> selection() {
        if (all) {
            return c -> true;
        }
        List<String> prefixes = new ArrayList<>();
        for (String p : include) {
            prefixes.add(p.trim().replace('.', '/') + "/");
        }
        return c -> prefixes.stream().anyMatch(c::startsWith);
    }

    private List<Path> classPath() {
        List<Path> out = new ArrayList<>();
        if (classPath != null) {
            for (String p : classPath.split(File.pathSeparator)) {
                if (p.isBlank()) {
                    continue;
                }
                Path path = Path.of(p);
                if (!Files.exists(path)) {
                    throw new InputException("--cp: " + p + ": no such file or directory");
                }
                out.add(path);
            }
        }
        return out;
    }

    private static URL[] urls(List<Path> paths) throws MalformedURLException {
        URL[] urls = new URL[paths.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = paths.get(i).toUri().toURL();
        }
        return urls;
    }

    /** The class files of an archive by internal name; versioned ({@code META-INF/versions}) ones are left alone. */
    private static Map<String, byte[]> classes(Archive archive) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Archive.Entry e : archive.entries) {
            if (!e.name.endsWith(".class") || e.name.startsWith("META-INF/") || e.name.endsWith("module-info.class")) {
                continue;
            }
            try {
                out.putIfAbsent(new ClassReader(e.bytes).getClassName(), e.bytes);
            } catch (RuntimeException bad) {
                throw new InputException(archive.path + ": " + e.name + " is not a valid class file");
            }
        }
        return out;
    }

    private static byte[] marker(int companions) throws IOException {
        Properties p = new Properties();
        p.setProperty("engine.version", Engine.VERSION);
        p.setProperty("engine.build", Engine.build());
        p.setProperty("companions", Integer.toString(companions));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.store(out, "Adjoint-Instrumented: derivative code generated by 'ad instrument'");
        return out.toByteArray();
    }

    private static String firstLine(byte[] markerBytes) {
        Properties p = new Properties();
        try (InputStream in = new java.io.ByteArrayInputStream(markerBytes)) {
            p.load(in);
        } catch (IOException e) {
            return "unreadable marker";
        }
        return "engine " + p.getProperty("engine.version", "?");
    }
}
