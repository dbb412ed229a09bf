package dev.adjoint.internal.cache;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.adjoint.internal.bytecode.ClassHierarchy;

/**
 * The persistent cache of generated companions: one file per {@link CompanionKey} in a directory private to the
 * user ({@code 0700} on POSIX file systems), shared by every JVM that names it.
 *
 * <ul>
 *   <li>An entry is written to a temporary file beside it and moved into place atomically, so a reader in another
 *       JVM sees either no entry, the old one, or the new one, never half of one. Two JVMs that generate the same
 *       companion write the same content; the last move wins.</li>
 *   <li>An entry is defined only after {@link CompanionEntry#parse} accepted it and its dependencies are unchanged;
 *       otherwise the companion is generated again and the entry overwritten. Each bad file is reported once.</li>
 *   <li>A directory that others may write to is not used: its entries are code this JVM would run.</li>
 * </ul>
 *
 * <p>Besides one file per companion, the directory keeps a {@link CompanionGraph} per root: the companions this
 * object found or stored, in the order reached, under the key of the first. A JVM whose first lookup is that key
 * reads the graph once and serves every companion in it from memory, each checked as a file read alone would be
 * (its dependencies against the class loader's classes). The graph is written after a gradient that reached
 * something it did not hold ({@link #storeGraph}).
 *
 * <p>Nothing is opened until the first companion is looked up, never on the agent's start-up path.
 */
public final class CacheDirectory implements CompanionStore {

    private static final String SUFFIX = ".companion";
    private static final String GRAPH_SUFFIX = ".graph";
    /** The most a graph holds (its entries' files): beyond it, companions are still stored one file each. */
    static final int GRAPH_LIMIT = 16 << 20;
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private final Path root;
    private final Consumer<String> report;
    private final Consumer<String> warn;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private volatile Boolean usable;

    /** The first key looked up or stored, whose graph this object reads and writes. */
    private CompanionKey graphRoot;
    /** The root's graph as read, or empty. */
    private Map<CompanionKey, CompanionEntry> stored = Map.of();
    /** What this object found or stored since, in that order, within {@link #GRAPH_LIMIT}. */
    private final Map<CompanionKey, CompanionEntry> reached = new LinkedHashMap<>();
    private long reachedBytes;
    /** Whether {@link #reached} holds something the stored graph does not. */
    private volatile boolean grown;

    /**
     * @param root   the cache directory, created on first use
     * @param report where to say, once each, which entries were bad or stale and are regenerated (verbose)
     * @param warn   where to say, once, that the directory cannot be used or written (always)
     */
    public CacheDirectory(Path root, Consumer<String> report, Consumer<String> warn) {
        this.root = root.toAbsolutePath().normalize();
        this.report = report;
        this.warn = warn;
    }

    /** @return the directory */
    public Path root() {
        return root;
    }

    /** @return the file of an entry: {@code DIR/ab/abcdef….companion} */
    public Path file(CompanionKey key) {
        return root.resolve(key.hex().substring(0, 2)).resolve(key.hex() + SUFFIX);
    }

    /** @return the file of the graph of a root: {@code DIR/ab/abcdef….graph} */
    public Path graphFile(CompanionKey root) {
        return this.root.resolve(root.hex().substring(0, 2)).resolve(root.hex() + GRAPH_SUFFIX);
    }

    @Override
    public CompanionEntry find(CompanionKey key, ClassLoader loader, ClassHierarchy hierarchy) {
        if (!usable()) {
            return null;
        }
        CompanionEntry e = fromGraph(key, hierarchy);
        if (e != null) {
            reach(e, false);
            return e;
        }
        e = read(key, hierarchy);
        if (e != null) {
            reach(e, true);
        }
        return e;
    }

    /** @return the entry of a key from the root's graph, read on the first lookup, if its dependencies are unchanged */
    private CompanionEntry fromGraph(CompanionKey key, ClassHierarchy hierarchy) {
        CompanionEntry e;
        synchronized (reached) {
            if (graphRoot == null) {
                graphRoot = key;
                stored = readGraph(key);
            }
            e = stored.get(key);
        }
        if (e == null) {
            return null;
        }
        String changed = e.changedDependency(hierarchy);
        if (changed != null) {
            once("graph " + key, "cache: " + key + " in graph " + graphFile(graphRoot).getFileName() + " is stale ("
                    + changed.replace('/', '.') + " changed); regenerating it");
            return null;
        }
        return e;
    }

    private Map<CompanionKey, CompanionEntry> readGraph(CompanionKey root) {
        Path f = graphFile(root);
        try {
            if (Files.size(f) > GRAPH_LIMIT + (1 << 20)) {
                once(f.toString(), "cache: ignored " + f + " (too large to be a graph)");
                return Map.of();
            }
            return CompanionGraph.parse(Files.readAllBytes(f), root);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            once(f.toString(), "cache: cannot read " + f + " (" + e + "); reading its companions one by one");
        } catch (InvalidEntryException e) {
            once(f.toString(), "cache: ignored " + f + ": " + e.getMessage() + "; reading its companions one by one");
        }
        return Map.of();
    }

    /** Notes a companion this object served or stored; {@code grows} when the stored graph may lack it. */
    private void reach(CompanionEntry e, boolean grows) {
        synchronized (reached) {
            if (graphRoot == null) {
                graphRoot = e.key();
            }
            boolean known = reached.containsKey(e.key());
            if (known && !grows) {
                return;
            }
            int size = known ? 0 : e.companion().bytes().length + 1024;
            if (reachedBytes + size > GRAPH_LIMIT) {
                return;
            }
            reachedBytes += size;
            reached.put(e.key(), e);
            grown |= grows;
        }
    }

    /**
     * Writes the root's graph if this object reached companions it did not hold: those, then the ones it held and
     * were not reached (another run's path from the same root). Called after a gradient; failures are ignored as
     * {@link #store}'s are.
     */
    public void storeGraph() {
        if (!grown) {
            return;
        }
        CompanionKey r;
        Map<CompanionKey, CompanionEntry> all;
        synchronized (reached) {
            if (!grown) {
                return;
            }
            grown = false;
            r = graphRoot;
            all = new LinkedHashMap<>(reached);
            long bytes = reachedBytes;
            for (Map.Entry<CompanionKey, CompanionEntry> s : stored.entrySet()) {
                bytes += s.getValue().companion().bytes().length + 1024;
                if (bytes <= GRAPH_LIMIT) {
                    all.putIfAbsent(s.getKey(), s.getValue());
                }
            }
        }
        write(graphFile(r), r, CompanionGraph.toBytes(r, all.values()));
    }

    /** @return the entry stored alone under a key, if intact and its dependencies are unchanged */
    private CompanionEntry read(CompanionKey key, ClassHierarchy hierarchy) {
        Path f = file(key);
        byte[] bytes;
        try {
            if (Files.size(f) > CompanionEntry.MAX_SIZE) {
                once(f.toString(), "cache: ignored " + f + " (too large to be an entry); regenerating it");
                return null;
            }
            bytes = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            once(f.toString(), "cache: cannot read " + f + " (" + e + "); regenerating it");
            return null;
        }
        CompanionEntry entry;
        try {
            entry = CompanionEntry.parse(bytes, key);
        } catch (InvalidEntryException e) {
            once(f.toString(), "cache: ignored " + f + ": " + e.getMessage() + "; regenerating it");
            return null;
        }
        String changed = entry.changedDependency(hierarchy);
        if (changed != null) {
            once(f.toString(), "cache: " + f.getFileName() + " is stale (" + changed.replace('/', '.')
                    + " changed); regenerating it");
            return null;
        }
        return entry;
    }

    /**
     * Stores an entry, replacing any entry of the same key. Failures (a full disk, a read-only directory) are
     * reported once and otherwise ignored: the cache only saves time.
     *
     * @param entry a freshly generated entry
     */
    public void store(CompanionEntry entry) {
        if (!usable()) {
            return;
        }
        write(file(entry.key()), entry.key(), entry.toBytes());
        reach(entry, true);
    }

    /** Writes a file atomically: to a temporary file beside it, then moved into place. */
    private void write(Path f, CompanionKey key, byte[] bytes) {
        Path tmp = null;
        try {
            Path dir = createPrivate(f.getParent());
            tmp = Files.createTempFile(dir, key.hex().substring(0, 16) + "-", ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | RuntimeException e) {
            if (reported.add("store:" + root)) {
                warn.accept("cache: cannot write to " + root + " (" + e + "); companions are not cached");
            }
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless: it never has the name of an entry
                }
            }
        }
    }

    private boolean usable() {
        Boolean u = usable;
        if (u == null) {
            synchronized (this) {
                u = usable;
                if (u == null) {
                    String problem = check();
                    if (problem != null) {
                        warn.accept("cache: not using " + root + ": " + problem);
                    }
                    usable = u = problem == null;
                }
            }
        }
        return u;
    }

    /** @return why the directory cannot serve as a cache, or null */
    private String check() {
        try {
            createPrivate(root);
        } catch (IOException e) {
            return "cannot create it (" + e + ")";
        }
        if (!Files.isDirectory(root)) {
            return "not a directory";
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(root, PosixFileAttributeView.class);
        if (posix == null) {
            return null;
        }
        try {
            Set<PosixFilePermission> p = posix.readAttributes().permissions();
            if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
                return "other users may write to it (" + PosixFilePermissions.toString(p) + "); use a directory "
                        + "private to you";
            }
            UserPrincipal me = FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            if (!posix.getOwner().equals(me)) {
                return "it belongs to " + posix.getOwner().getName() + ", not to " + me.getName();
            }
        } catch (IOException | UnsupportedOperationException e) {
            return null; // no owner to compare with: the permissions were checked
        }
        return null;
    }

    private static Path createPrivate(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path parent = dir.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        try {
            if (Files.getFileAttributeView(parent == null ? dir : parent, PosixFileAttributeView.class) != null) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(EnumSet.copyOf(PRIVATE)));
            } else {
                Files.createDirectory(dir);
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            if (!Files.isDirectory(dir)) {
                throw raced;
            }
        }
        return dir;
    }

    private void once(String what, String message) {
        if (reported.add(what)) {
            report.accept(message);
        }
    }
}
