package dev.adjoint.internal.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The companions a JVM reached, stored as one file under the key of the first one (the <em>root</em>: the entry
 * adapter of its first gradient), so that a later JVM whose first gradient starts at the same root reads them with
 * one file instead of one file each. The file is
 *
 * <pre>
 *   "ADJG"  format (int)  root key (UTF)  count (int)
 *   count times: key (UTF)  length (int)  a whole {@link CompanionEntry} file
 * </pre>
 *
 * Each entry is checked by {@link CompanionEntry#parse} as if it had been read alone (its own checksum, key and
 * engine), and its dependencies are checked when it is used, as an entry read alone is: the graph only saves the
 * reads, it trusts nothing more. A graph that fails any check is ignored whole.
 */
public final class CompanionGraph {

    private static final int MAGIC = 0x41444A47; // "ADJG"
    private static final int FORMAT = 1;

    private CompanionGraph() {
    }

    /**
     * @param root    the key of the first companion reached
     * @param entries the companions reached, the root's first
     * @return the graph as a file
     */
    public static byte[] toBytes(CompanionKey root, Collection<CompanionEntry> entries) {
        try {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(file);
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(root.hex());
            out.writeInt(entries.size());
            for (CompanionEntry e : entries) {
                byte[] bytes = e.toBytes();
                out.writeUTF(e.key().hex());
                out.writeInt(bytes.length);
                out.write(bytes);
            }
            out.flush();
            return file.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
    }

    /**
     * @param file the stored bytes
     * @param root the key the graph was looked up by
     * @return its entries by key, in the order they were reached
     * @throws InvalidEntryException when the file is truncated, corrupt, of another format, holds another root's
     *                               graph, or any of its entries is refused
     */
    public static Map<CompanionKey, CompanionEntry> parse(byte[] file, CompanionKey root)
            throws InvalidEntryException {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(file));
            if (in.readInt() != MAGIC) {
                throw new InvalidEntryException("not a companion graph (wrong magic number)");
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new InvalidEntryException("graph format " + format + ", expected " + FORMAT);
            }
            if (!in.readUTF().equals(root.hex())) {
                throw new InvalidEntryException("holds the graph of another root");
            }
            int n = in.readInt();
            Map<CompanionKey, CompanionEntry> entries = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                CompanionKey key = new CompanionKey(in.readUTF());
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    throw new InvalidEntryException("truncated (entry " + i + " of " + n + ")");
                }
                byte[] bytes = new byte[length];
                in.readFully(bytes);
                entries.put(key, CompanionEntry.parse(bytes, key));
            }
            if (in.available() != 0) {
                throw new InvalidEntryException("extended (bytes after the last entry)");
            }
            return entries;
        } catch (IOException | RuntimeException e) {
            throw new InvalidEntryException("truncated or malformed graph: " + e);
        }
    }
}
