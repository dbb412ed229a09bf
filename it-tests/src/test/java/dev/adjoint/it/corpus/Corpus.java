package dev.adjoint.it.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.CodeSizeEvaluator;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The methods of some library jars, in a stable order (class, then method name and descriptor): those with code,
 * which the engine can be asked to transform. Abstract and native methods and static initializers are only
 * counted.
 */
public final class Corpus {

    private final List<LibraryMethod> methods = new ArrayList<>();
    private int classes;
    private int withoutCode;
    private int staticInitializers;

    /** @param jars the libraries, read as they are */
    public Corpus(List<Path> jars) {
        for (Path jar : jars) {
            read(jar);
        }
        methods.sort(Comparator.comparing(LibraryMethod::library).thenComparing(LibraryMethod::owner)
                .thenComparing(LibraryMethod::name).thenComparing(LibraryMethod::descriptor));
    }

    private void read(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            for (JarEntry e : Collections.list(j.entries())) {
                if (!e.getName().endsWith(".class") || e.getName().endsWith("module-info.class")) {
                    continue;
                }
                ClassNode c = new ClassNode();
                try (InputStream in = j.getInputStream(e)) {
                    new ClassReader(in.readAllBytes()).accept(c, ClassReader.SKIP_FRAMES);
                }
                classes++;
                for (MethodNode m : c.methods) {
                    if ((m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                        withoutCode++;
                    } else if ("<clinit>".equals(m.name)) {
                        staticInitializers++;
                    } else {
                        methods.add(new LibraryMethod(jar.getFileName().toString(), c.name, m.name, m.desc,
                                codeSize(m)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    static int codeSize(MethodNode m) {
        CodeSizeEvaluator size = new CodeSizeEvaluator(null);
        m.accept(size);
        return size.getMaxSize();
    }

    /** @return the methods with code, in a stable order */
    public List<LibraryMethod> methods() {
        return Collections.unmodifiableList(methods);
    }

    /** @return every {@code step}-th method, from the first: a sample that stays the same from run to run */
    public List<LibraryMethod> sample(int step) {
        List<LibraryMethod> s = new ArrayList<>();
        for (int i = 0; i < methods.size(); i += step) {
            s.add(methods.get(i));
        }
        return s;
    }

    public int classes() {
        return classes;
    }

    /** @return abstract and native methods */
    public int withoutCode() {
        return withoutCode;
    }

    public int staticInitializers() {
        return staticInitializers;
    }
}
