package dev.adjoint.internal.bytecode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;

/**
 * Superclass and interface facts read from class files, never by loading classes: the frames of generated code
 * need common superclasses, and loading classes from inside class loading deadlocks or fails.
 *
 * <p>A {@linkplain #recording() recording view} notes every class whose facts or bytes a generation consulted, so
 * that a cached companion can be keyed by them: its cache entry is valid only while those classes are unchanged.
 */
public final class ClassHierarchy {

    private static final class Header {
        final String superName;
        final boolean isInterface;
        final boolean isPublic;

        Header(String superName, boolean isInterface, boolean isPublic) {
            this.superName = superName;
            this.isInterface = isInterface;
            this.isPublic = isPublic;
        }
    }

    /** The length of a class file's {@linkplain #digest digest}. */
    public static final int DIGEST_LENGTH = 16;

    /** The digest recorded for a class that has no class file: its appearance changes the facts too. */
    private static final byte[] ABSENT = new byte[DIGEST_LENGTH];

    /** The members recorded for a class that has no class file. */
    private static final ClassNode NO_MEMBERS = new ClassNode();

    private final ClassBytes bytes;
    private final Map<String, Header> headers;
    private final Map<String, byte[]> digests;
    private final Map<String, ClassNode> members;
    private final Set<String> consulted;

    public ClassHierarchy(ClassBytes bytes) {
        this(bytes, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), null);
    }

    private ClassHierarchy(ClassBytes bytes, Map<String, Header> headers, Map<String, byte[]> digests,
                           Map<String, ClassNode> members, Set<String> consulted) {
        this.bytes = bytes;
        this.headers = headers;
        this.digests = digests;
        this.members = members;
        this.consulted = consulted;
    }

    /**
     * @return a view that shares this hierarchy's facts and records the classes consulted through it (for one
     *         generation; not thread-safe)
     */
    public ClassHierarchy recording() {
        Set<String> names = new LinkedHashSet<>();
        ClassBytes source = bytes;
        return new ClassHierarchy(name -> {
            names.add(name);
            return source.find(name);
        }, headers, digests, members, names);
    }

    /** @return the classes consulted through this view, in the order first consulted (empty for a plain one) */
    public Set<String> consulted() {
        return consulted == null ? Set.of() : Collections.unmodifiableSet(consulted);
    }

    /** @return where the class files come from */
    public ClassBytes bytes() {
        return bytes;
    }

    /**
     * @param internalName a class
     * @return the {@linkplain #classDigest digest} of its class file as this hierarchy sees it, or
     *         {@link #DIGEST_LENGTH} zero bytes when there is none; computed once per hierarchy (a class loader's
     *         classes do not change while it lives)
     */
    public byte[] digest(String internalName) {
        return digests.computeIfAbsent(internalName, n -> {
            byte[] b = bytes.find(n);
            return b == null ? ABSENT : classDigest(b);
        }).clone();
    }

    /**
     * What notices that a class file changed: its length, CRC-32 and Adler-32. A cached companion is checked against
     * the digests of every class its generation consulted, so a warm first gradient digests every one of them;
     * both checksums are native where SHA-256, run by the interpreter, cost it about a tenth of a second for
     * Dormand–Prince's 400 KB of class files. A checksum is enough: it guards against a library that changed, not
     * against someone who may write the class path, who runs whatever code they like anyway.
     *
     * @param classFile a class file
     * @return its digest, {@link #DIGEST_LENGTH} bytes
     */
    public static byte[] classDigest(byte[] classFile) {
        CRC32 crc = new CRC32();
        crc.update(classFile);
        Adler32 adler = new Adler32();
        adler.update(classFile);
        return ByteBuffer.allocate(DIGEST_LENGTH).putLong(classFile.length).putInt((int) crc.getValue())
                .putInt((int) adler.getValue()).array();
    }

    private Header header(String internalName) {
        if (consulted != null) {
            consulted.add(internalName);
        }
        return headers.computeIfAbsent(internalName, n -> {
            byte[] b = bytes.find(n);
            if (b == null) {
                return new Header("java/lang/Object", false, true);
            }
            ClassReader r = new ClassReader(b);
            return new Header(r.getSuperName(), (r.getAccess() & Opcodes.ACC_INTERFACE) != 0,
                    (r.getAccess() & Opcodes.ACC_PUBLIC) != 0);
        });
    }

    /**
     * The declarations of a class, parsed once per hierarchy and shared by every generation that asks (each
     * companion of a library asks about the same few classes); recorded as consulted like any other fact.
     *
     * @param internalName a class
     * @return its fields and methods without code, not to be changed; {@code null} when it has no class file
     */
    public ClassNode members(String internalName) {
        if (consulted != null) {
            consulted.add(internalName);
        }
        ClassNode node = members.computeIfAbsent(internalName, n -> {
            byte[] b = bytes.find(n);
            if (b == null) {
                return NO_MEMBERS;
            }
            ClassNode parsed = new ClassNode();
            new ClassReader(b).accept(parsed, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG
                    | ClassReader.SKIP_FRAMES);
            return parsed;
        });
        return node == NO_MEMBERS ? null : node;
    }

    /** @return whether a class is declared {@code public} (a class without a class file counts as public) */
    public boolean isPublic(String internalName) {
        return header(internalName).isPublic;
    }

    /** @return whether a class is an interface (a class without a class file counts as a class) */
    public boolean isInterface(String internalName) {
        return header(internalName).isInterface;
    }

    /** @return the superclass of a class ({@code Object} for an interface or a class without a class file) */
    public String superName(String internalName) {
        String s = header(internalName).superName;
        return s == null || header(internalName).isInterface ? "java/lang/Object" : s;
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

        /**
         * @return class bytes looked up through a class loader, then the platform, each class file found read once:
         *         the companions of one library consult the same few classes, each lookup a search of the class
         *         path and an inflation of a jar entry (a loader's classes do not change while it lives). The
         *         class files of lambdas ({@link GeneratedSources}), and classes not found, are looked up each time:
         *         a lambda's may be registered later.
         */
        static ClassBytes readOnce(ClassLoader loader) {
            ClassBytes source = of(loader);
            Map<String, byte[]> read = new ConcurrentHashMap<>();
            return name -> {
                byte[] generated = GeneratedSources.find(loader, name);
                if (generated != null) {
                    return generated;
                }
                byte[] b = read.get(name);
                if (b == null) {
                    b = source.find(name);
                    if (b == null) {
                        return null;
                    }
                    read.putIfAbsent(name, b);
                }
                return b.clone();
            };
        }

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
