package dev.adjoint.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * Superclass and interface facts read from class files, never by loading classes: the frames of generated code
 * need common superclasses, and loading classes from inside class loading deadlocks or fails.
 */
public final class ClassHierarchy {

    private static final class Header {
        final String superName;
        final boolean isInterface;

        Header(String superName, boolean isInterface) {
            this.superName = superName;
            this.isInterface = isInterface;
        }
    }

    private final ClassBytes bytes;
    private final Map<String, Header> headers = new ConcurrentHashMap<>();

    public ClassHierarchy(ClassBytes bytes) {
        this.bytes = bytes;
    }

    /** @return where the class files come from */
    public ClassBytes bytes() {
        return bytes;
    }

    private Header header(String internalName) {
        return headers.computeIfAbsent(internalName, n -> {
            byte[] b = bytes.find(n);
            if (b == null) {
                return new Header("java/lang/Object", false);
            }
            ClassReader r = new ClassReader(b);
            return new Header(r.getSuperName(), (r.getAccess() & Opcodes.ACC_INTERFACE) != 0);
        });
    }

    /** @return the most specific common superclass of two classes (interfaces meet at {@code Object}) */
    public String commonSuperClass(String a, String b) {
        if (a.equals(b)) {
            return a;
        }
        if (a.startsWith("[") || b.startsWith("[")) {
            return "java/lang/Object";
        }
        if (header(a).isInterface || header(b).isInterface) {
            return "java/lang/Object";
        }
        List<String> chain = new ArrayList<>();
        for (String c = a; c != null; c = header(c).superName) {
            chain.add(c);
            if ("java/lang/Object".equals(c)) {
                break;
            }
        }
        for (String c = b; c != null; c = header(c).superName) {
            if (chain.contains(c)) {
                return c;
            }
            if ("java/lang/Object".equals(c)) {
                break;
            }
        }
        return "java/lang/Object";
    }

    /** Where class bytes come from: a class loader's resources, the JDK's runtime image. */
    public interface ClassBytes {
        /** @return the class file of a class, or {@code null} */
        byte[] find(String internalName);

        /** @return class bytes looked up through a class loader, then the platform */
        static ClassBytes of(ClassLoader loader) {
            return name -> {
                byte[] generated = GeneratedSources.find(loader, name);
                if (generated != null) {
                    return generated;
                }
                String resource = name + ".class";
                try (InputStream in = loader != null ? loader.getResourceAsStream(resource)
                        : ClassLoader.getSystemResourceAsStream(resource)) {
                    if (in != null) {
                        return in.readAllBytes();
                    }
                } catch (IOException e) {
                    return null;
                }
                try (InputStream in = Object.class.getResourceAsStream("/" + resource)) {
                    return in == null ? null : in.readAllBytes();
                } catch (IOException e) {
                    return null;
                }
            };
        }
    }
}
