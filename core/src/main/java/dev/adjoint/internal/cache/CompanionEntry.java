package dev.adjoint.internal.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;

import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Companion;
import dev.adjoint.internal.engine.Engine;

/**
 * A companion as stored, in the cache directory or in an instrumented jar: its class file, the names of its members,
 * and the {@linkplain ClassHierarchy#classDigest digest} of every class its generation consulted. The file is
 *
 * <pre>
 *   "ADJC"  format (int)  payload length (int)
 *   payload: key, engine version and build, host, companion, members, dependencies, class file
 *   CRC-32 of everything before it
 * </pre>
 *
 * and {@link #parse} accepts it only when the magic, format, length, checksum, key and engine all match: a truncated,
 * corrupt or foreign file is never defined. The checksum guards against accidents (a torn or damaged file), which a
 * CRC detects as surely as a cryptographic hash; it could not guard against someone who may write the directory,
 * who could write a matching hash as well, which is why the directory must be private. A CRC costs a first
 * gradient next to nothing where SHA-256, run by the interpreter over every entry, was a tenth of a warm one.
 */
public final class CompanionEntry {

    private static final int MAGIC = 0x41444A43; // "ADJC"
    private static final int FORMAT = 3;
    private static final int HEADER = 12;
    private static final int CHECKSUM = 4;
    /** Larger than any companion the engine writes (methods are limited to 64 KiB); a bigger file is not ours. */
    static final int MAX_SIZE = 64 << 20;

    private final CompanionKey key;
    private final Companion companion;
    private final Map<String, byte[]> dependencies;

    private CompanionEntry(CompanionKey key, Companion companion, Map<String, byte[]> dependencies) {
        this.key = key;
        this.companion = companion;
        this.dependencies = Collections.unmodifiableMap(dependencies);
    }

    /**
     * @param key        the companion's key
     * @param companion  the generated companion
     * @param consulted  the classes its generation consulted
     * @param hierarchy  where their class files are read (a plain, not a recording, hierarchy)
     * @return the entry, with the digests of the consulted classes as they are now
     */
    public static CompanionEntry of(CompanionKey key, Companion companion, Set<String> consulted,
                                    ClassHierarchy hierarchy) {
        Map<String, byte[]> deps = new TreeMap<>();
        for (String c : consulted) {
            deps.put(c, hierarchy.digest(c));
        }
        return new CompanionEntry(key, companion, deps);
    }

    /** @return the key */
    public CompanionKey key() {
        return key;
    }

    /** @return the companion */
    public Companion companion() {
        return companion;
    }

    /** @return the consulted classes (internal names), sorted */
    public Set<String> dependencies() {
        return dependencies.keySet();
    }

    /**
     * @param hierarchy the classes as the host's class loader sees them now
     * @return the first consulted class whose class file differs from when the companion was generated, or null
     *         when none does and the companion may be used
     */
    public String changedDependency(ClassHierarchy hierarchy) {
        for (Map.Entry<String, byte[]> d : dependencies.entrySet()) {
            if (!MessageDigest.isEqual(d.getValue(), hierarchy.digest(d.getKey()))) {
                return d.getKey();
            }
        }
        return null;
    }

    /** @return the entry as a file */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream(companion.bytes().length + 1024);
            DataOutputStream out = new DataOutputStream(payload);
            out.writeUTF(key.hex());
            out.writeUTF(Engine.VERSION);
            out.writeUTF(Engine.build());
            out.writeUTF(companion.host());
            out.writeUTF(companion.name());
            out.writeInt(companion.members().size());
            for (Companion.Member m : companion.members()) {
                out.writeUTF(m.name);
                out.writeUTF(m.descriptor);
                out.writeBoolean(m.isStatic);
                out.writeUTF(m.fwdName);
                out.writeUTF(m.fwdDescriptor);
                out.writeUTF(m.revName);
                out.writeUTF(m.tanName);
            }
            out.writeInt(dependencies.size());
            for (Map.Entry<String, byte[]> d : dependencies.entrySet()) {
                out.writeUTF(d.getKey());
                out.write(d.getValue());
            }
            out.writeInt(companion.bytes().length);
            out.write(companion.bytes());
            out.flush();
            ByteArrayOutputStream file = new ByteArrayOutputStream(payload.size() + HEADER + CHECKSUM);
            DataOutputStream f = new DataOutputStream(file);
            f.writeInt(MAGIC);
            f.writeInt(FORMAT);
            f.writeInt(payload.size());
            payload.writeTo(f);
            f.flush();
            f.writeInt(crc(file.toByteArray(), file.size()));
            return file.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
    }

    /**
     * @param file     the stored bytes
     * @param expected the key the entry was looked up by
     * @return the entry
     * @throws InvalidEntryException when the file is truncated, corrupt, of another format or engine build, or holds
     *                               the companion of another key
     */
    public static CompanionEntry parse(byte[] file, CompanionKey expected) throws InvalidEntryException {
        if (file.length < HEADER + CHECKSUM) {
            throw new InvalidEntryException("truncated (" + file.length + " bytes)");
        }
        try {
            DataInputStream header = new DataInputStream(new ByteArrayInputStream(file, 0, HEADER));
            if (header.readInt() != MAGIC) {
                throw new InvalidEntryException("not a companion entry (wrong magic number)");
            }
            int format = header.readInt();
            if (format != FORMAT) {
                throw new InvalidEntryException("entry format " + format + ", expected " + FORMAT);
            }
            int length = header.readInt();
            if (length != file.length - HEADER - CHECKSUM) {
                throw new InvalidEntryException("truncated or extended (payload of " + (file.length - HEADER
                        - CHECKSUM) + " bytes, expected " + length + ")");
            }
        } catch (IOException e) {
            throw new InvalidEntryException("unreadable header: " + e);
        }
        int sum = ((file[file.length - 4] & 0xFF) << 24) | ((file[file.length - 3] & 0xFF) << 16)
                | ((file[file.length - 2] & 0xFF) << 8) | (file[file.length - 1] & 0xFF);
        if (sum != crc(file, file.length - CHECKSUM)) {
            throw new InvalidEntryException("checksum mismatch (corrupt)");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(file, HEADER, file.length - HEADER
                    - CHECKSUM));
            String key = in.readUTF();
            String version = in.readUTF();
            String build = in.readUTF();
            if (!key.equals(expected.hex())) {
                throw new InvalidEntryException("holds the companion of another key (" + key + ")");
            }
            if (!version.equals(Engine.VERSION) || !build.equals(Engine.build())) {
                throw new InvalidEntryException("made by engine " + version + " build " + shortBuild(build)
                        + ", this is " + Engine.VERSION + " build " + shortBuild(Engine.build()));
            }
            String host = in.readUTF();
            String name = in.readUTF();
            int n = in.readInt();
            List<Companion.Member> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                members.add(new Companion.Member(in.readUTF(), in.readUTF(), in.readBoolean(), in.readUTF(),
                        in.readUTF(), in.readUTF(), in.readUTF()));
            }
            int d = in.readInt();
            Map<String, byte[]> deps = new TreeMap<>();
            for (int i = 0; i < d; i++) {
                String c = in.readUTF();
                byte[] digest = new byte[ClassHierarchy.DIGEST_LENGTH];
                in.readFully(digest);
                deps.put(c, digest);
            }
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            if (in.available() != 0 || members.isEmpty()) {
                throw new InvalidEntryException("malformed payload");
            }
            return new CompanionEntry(expected, new Companion(host, name, bytes, members, null, null), deps);
        } catch (IOException | RuntimeException e) {
            throw new InvalidEntryException("malformed payload: " + e);
        }
    }

    /** @return the CRC-32 of the first {@code length} bytes */
    private static int crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    private static String shortBuild(String build) {
        return build.length() > 12 ? build.substring(0, 12) : build;
    }
}
