package dev.adjoint.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import dev.adjoint.internal.bytecode.ClassHierarchy;

/**
 * The user's classes: the jars and directories of {@code --cp}, then the tool's own class path (so that the
 * examples work without {@code --cp}). The JDK and Adjoint's runtime always come from where the JVM has them.
 *
 * <p>Class files are read without loading (for {@code ad show}); classes are loaded, and initialised, only when a
 * command runs them ({@code ad check}). The loader also holds the small classes a command generates, and serves
 * their class files as resources, because the engine reads the bytes of every class it differentiates through its
 * loader.
 */
final class UserClassPath implements AutoCloseable {

    private final List<Path> entries;
    private final Loader loader;

    private UserClassPath(List<Path> entries, ClassLoader tool) {
        this.entries = entries;
        URL[] urls = new URL[entries.size()];
        for (int k = 0; k < urls.length; k++) {
            try {
                urls[k] = entries.get(k).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new InputException("not a usable class path entry: " + entries.get(k), e);
            }
        }
        this.loader = new Loader(urls, tool);
    }

    /**
     * @param classPath entries separated by the platform's path separator ({@code :} or {@code ;}), or null
     * @return the class path, each entry checked: it exists, and a file is a readable jar
     * @throws InputException naming the first entry that is missing or not a jar
     */
    static UserClassPath of(String classPath) {
        List<Path> entries = new ArrayList<>();
        if (classPath != null) {
            for (String s : classPath.split(File.pathSeparator)) {
                if (s.isBlank()) {
                    continue;
                }
                Path p = Paths.get(s);
                check(p);
                entries.add(p.toAbsolutePath().normalize());
            }
        }
        return new UserClassPath(entries, UserClassPath.class.getClassLoader());
    }

    private static void check(Path p) {
        if (!Files.exists(p)) {
            throw new InputException("no such file or directory in --cp: " + p);
        }
        if (Files.isDirectory(p)) {
            return;
        }
        if (!Files.isReadable(p)) {
            throw new InputException("cannot read " + p + " (in --cp)");
        }
        try (ZipFile zip = new ZipFile(p.toFile())) {
            zip.size();
        } catch (ZipException e) {
            throw new InputException("not a jar file, or a corrupt one: " + p + " (in --cp: " + e.getMessage() + ")",
                    e);
        } catch (IOException e) {
            throw new InputException("cannot read " + p + " (in --cp): " + e.getMessage(), e);
        }
    }

    /** @return the loader of the user's classes */
    ClassLoader loader() {
        return loader;
    }

    /** @return class facts read through this class path, for the engine */
    ClassHierarchy hierarchy() {
        return new ClassHierarchy(ClassHierarchy.ClassBytes.of(loader));
    }

    /**
     * @param internalName a class, for example {@code com/example/Model}
     * @return its class file, or null when neither this class path nor the tool's has it
     * @throws InputException when an entry cannot be read
     */
    byte[] classFile(String internalName) {
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new InputException("cannot read the class file of " + internalName.replace('/', '.') + ": " + e, e);
        }
    }

    /**
     * Loads and initialises a class, as running it would.
     *
     * @param binaryName for example {@code com.example.Model}
     * @return the class
     * @throws InputException when it cannot be loaded or its initialiser fails
     */
    Class<?> load(String binaryName) {
        try {
            return Class.forName(binaryName, true, loader);
        } catch (ClassNotFoundException e) {
            throw new InputException("class " + binaryName + " not found" + where(), e);
        } catch (ExceptionInInitializerError e) {
            throw new InputException("the static initialiser of " + binaryName + " threw " + e.getCause(), e);
        } catch (LinkageError e) {
            throw new InputException("class " + binaryName + " cannot be loaded: " + e, e);
        }
    }

    /**
     * Defines a class this command generated, in this class path's loader, and serves its class file.
     *
     * @param internalName its name
     * @param bytes        its class file
     * @return the class, loaded
     */
    Class<?> define(String internalName, byte[] bytes) {
        loader.generated.put(internalName.replace('/', '.'), bytes);
        return load(internalName.replace('/', '.'));
    }

    /** @return whether a class was defined from this class path (and not from the tool's or the JDK's) */
    boolean defines(Class<?> c) {
        return c.getClassLoader() == loader;
    }

    /** @return " in --cp A:B nor on Adjoint's class path", for messages about classes that are not found */
    String where() {
        if (entries.isEmpty()) {
            return " on Adjoint's class path (give the jars or directories of your classes with --cp)";
        }
        StringBuilder sb = new StringBuilder(" in --cp ");
        for (int k = 0; k < entries.size(); k++) {
            sb.append(k == 0 ? "" : File.pathSeparator).append(entries.get(k));
        }
        return sb.append(" nor on Adjoint's class path").toString();
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads the JDK and Adjoint's runtime from the platform (where {@code -javaagent:ad.jar} put the runtime), then
     * the generated classes and the class path, then the tool's own classes.
     */
    private static final class Loader extends URLClassLoader {

        static {
            registerAsParallelCapable();
        }

        final Map<String, byte[]> generated = new ConcurrentHashMap<>();
        private final ClassLoader tool;

        Loader(URL[] urls, ClassLoader tool) {
            super("ad --cp", urls, ClassLoader.getPlatformClassLoader());
            this.tool = tool;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = generated.get(name);
            if (b != null) {
                return defineClass(name, b, 0, b.length);
            }
            try {
                return super.findClass(name);
            } catch (ClassNotFoundException e) {
                return tool.loadClass(name);
            }
        }

        @Override
        public URL findResource(String name) {
            URL u = super.findResource(name);
            return u != null ? u : tool.getResource(name);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            if (name.endsWith(".class")) {
                byte[] b = generated.get(name.substring(0, name.length() - 6).replace('/', '.'));
                if (b != null) {
                    return new java.io.ByteArrayInputStream(b);
                }
            }
            return super.getResourceAsStream(name);
        }
    }
}
