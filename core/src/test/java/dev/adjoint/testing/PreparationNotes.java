package dev.adjoint.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Engine;
import dev.adjoint.internal.engine.TransformException;

/** What the listing says was done to a method before differentiating it: its lines that name an inlined callee. */
public final class PreparationNotes {

    private PreparationNotes() {
    }

    /**
     * @param host a test class, read from its class file
     * @param name the method's name
     * @param desc its descriptor
     * @return the listing's "before differentiating" lines of the method's reverse-mode companion, one per line
     */
    public static String of(Class<?> host, String name, String desc) throws TransformException {
        ClassHierarchy hierarchy = new ClassHierarchy(ClassHierarchy.ClassBytes.of(host.getClassLoader()));
        byte[] bytes;
        try (InputStream in = host.getResourceAsStream(host.getSimpleName() + ".class")) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String listing = Engine.standard(true).generate(bytes, name, desc, hierarchy, Engine.Mode.REVERSE).listing();
        StringBuilder out = new StringBuilder();
        for (String line : listing.split("\n")) {
            if (line.contains("before differentiating: ")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }
}
