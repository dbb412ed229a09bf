package dev.adjoint.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The entries of a jar or of a directory of classes, read whole, and written back with additions: every original
 * entry keeps its bytes, and the result replaces the output atomically (a temporary file beside it, then a move), so
 * a failure leaves no half-written output and the input is never touched.
 */
final class Archive {

    /** One file of the archive. */
    static final class Entry {
        final String name;
        final byte[] bytes;
        final long time;
        final boolean stored;

        Entry(String name, byte[] bytes, long time, boolean stored) {
            this.name = name;
            this.bytes = bytes;
            this.time = time;
            this.stored = stored;
        }
    }

    final Path path;
    final boolean directory;
    final List<Entry> entries;

    private Archive(Path path, boolean directory, List<Entry> entries) {
        this.path = path;
        this.directory = directory;
        this.entries = entries;
    }

    /**
     * @param path a jar or a directory
     * @return its entries
     * @throws InputException with a one-line message when it is missing, unreadable or not a jar
     */
    static Archive read(Path path) {
        if (!Files.exists(path)) {
            throw new InputException(path + ": no such file or directory");
        }
        try {
            return Files.isDirectory(path) ? readDirectory(path) : readJar(path);
        } catch (ZipException e) {
            throw new InputException(path + ": not a jar, or a corrupt one (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new InputException(path + ": cannot be read (" + e + ")");
        }
    }

    private static Archive readJar(Path path) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    out.add(new Entry(e.getName(), in.readAllBytes(), e.getTime(), e.getMethod() == ZipEntry.STORED));
                }
            }
        }
        return new Archive(path, false, out);
    }

    private static Archive readDirectory(Path path) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(path)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String name = path.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
                out.add(new Entry(name, Files.readAllBytes(f), Files.getLastModifiedTime(f).toMillis(), false));
            }
        }
        return new Archive(path, true, out);
    }

    /** @return the entry of that name, or null */
    Entry get(String name) {
        for (Entry e : entries) {
            if (e.name.equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** @return whether the jar is signed: it has a signature file {@code META-INF/*.SF} */
    boolean isSigned() {
        for (Entry e : entries) {
            if (e.name.startsWith("META-INF/") && e.name.indexOf('/', 9) < 0 && e.name.toUpperCase().endsWith(".SF")) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param attribute a main attribute to add to the manifest
     * @param value     its value
     * @return the manifest with it, created when the jar has none
     */
    byte[] manifestWith(String attribute, String value) throws IOException {
        Entry m = get(JarFile.MANIFEST_NAME);
        Manifest manifest = m == null ? new Manifest() : new Manifest(new ByteArrayInputStream(m.bytes));
        if (m == null) {
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        }
        manifest.getMainAttributes().putValue(attribute, value);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        manifest.write(out);
        return out.toByteArray();
    }

    /**
     * Writes the entries, with some replaced and some added, to {@code out}: a jar, or a directory when this archive
     * is one. The output appears at once when complete.
     *
     * @param out      the output path
     * @param replaced entries whose bytes to replace (by name), or empty
     * @param added    entries to add after the originals
     */
    void write(Path out, List<Entry> replaced, List<Entry> added) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        List<Entry> all = new ArrayList<>();
        for (Entry e : entries) {
            Entry r = replaced.stream().filter(x -> x.name.equals(e.name)).findFirst().orElse(e);
            all.add(r);
        }
        for (Entry r : replaced) {
            if (get(r.name) == null) {
                all.add(0, r);
            }
        }
        all.addAll(added);
        if (directory) {
            writeDirectory(out, parent, all);
        } else {
            writeJar(out, parent, all);
        }
    }

    private static void writeJar(Path out, Path parent, List<Entry> all) throws IOException {
        Path tmp = Files.createTempFile(parent, "." + out.getFileName(), ".tmp");
        try {
            try (OutputStream file = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(file)) {
                for (Entry e : all) {
                    ZipEntry z = new ZipEntry(e.name);
                    z.setTime(e.time);
                    if (e.stored) {
                        CRC32 crc = new CRC32();
                        crc.update(e.bytes);
                        z.setMethod(ZipEntry.STORED);
                        z.setSize(e.bytes.length);
                        z.setCompressedSize(e.bytes.length);
                        z.setCrc(crc.getValue());
                    }
                    zip.putNextEntry(z);
                    zip.write(e.bytes);
                    zip.closeEntry();
                }
            }
            move(tmp, out);
            tmp = null;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static void writeDirectory(Path out, Path parent, List<Entry> all) throws IOException {
        Path tmp = Files.createTempDirectory(parent, "." + out.getFileName());
        Path old = null;
        try {
            for (Entry e : all) {
                Path f = tmp.resolve(e.name);
                Files.createDirectories(f.getParent());
                Files.write(f, e.bytes);
            }
            if (Files.exists(out)) {
                old = Files.createTempDirectory(parent, "." + out.getFileName() + ".old");
                Files.delete(old);
                Files.move(out, old);
            }
            move(tmp, out);
            tmp = null;
        } finally {
            delete(tmp);
            delete(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void delete(Path p) throws IOException {
        if (p == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(p)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        } catch (NoSuchFileException e) {
            // already gone
        }
    }
}
