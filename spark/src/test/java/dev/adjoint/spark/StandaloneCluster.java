package dev.adjoint.spark;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A Spark standalone master and one worker on 127.0.0.1, started as separate JVMs from the jars Maven resolved.
 * Spark's launcher code finds its jars through {@code SPARK_HOME/jars} and, outside a distribution, needs
 * {@code SPARK_SCALA_VERSION}; so a SPARK_HOME is assembled under target/ with links to the class path's jars.
 */
final class StandaloneCluster implements AutoCloseable {

    /** What Spark's own launcher gives every JVM on Java 17+ (JavaModuleOptions). */
    static final List<String> MODULE_OPTIONS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    private final Process master;
    private final Process worker;
    final String url;

    private StandaloneCluster(Process master, Process worker, String url) {
        this.master = master;
        this.worker = worker;
        this.url = url;
    }

    /**
     * Starts a master and a worker with {@code cores} cores, and waits until the worker has registered.
     *
     * @param classPath the file Maven wrote the module's class path to
     * @param directory where SPARK_HOME, logs and the worker's directory go
     */
    static StandaloneCluster start(Path classPath, Path directory, int cores) throws IOException, InterruptedException {
        Path home = directory.resolve("spark-home");
        Path jars = home.resolve("jars");
        Files.createDirectories(jars);
        for (String jar : Files.readString(classPath).trim().split(File.pathSeparator)) {
            Path source = Path.of(jar);
            Path link = jars.resolve(source.getFileName());
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, source);
            }
        }
        int port = freePort();
        String url = "spark://127.0.0.1:" + port;
        Process master = launch(home, directory.resolve("master.log"), "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort()));
        Process worker = null;
        try {
            awaitLine(directory.resolve("master.log"), "I have been elected leader", master);
            Files.createDirectories(directory.resolve("work"));
            worker = launch(home, directory.resolve("worker.log"), "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--webui-port", String.valueOf(freePort()), "--cores", String.valueOf(cores),
                    "--memory", "2g", "--work-dir", directory.resolve("work").toString(), url);
            awaitLine(directory.resolve("worker.log"), "Successfully registered with master", worker);
            return new StandaloneCluster(master, worker, url);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(worker);
            stop(master);
            throw e;
        }
    }

    private static Process launch(Path home, Path log, String main, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(MODULE_OPTIONS);
        command.add("-cp");
        command.add(home.resolve("jars") + File.separator + "*");
        command.add(main);
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.start();
    }

    private static void awaitLine(Path log, String text, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the Spark process stopped before '" + text + "':\n"
                        + Files.readString(log, StandardCharsets.ISO_8859_1));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no '" + text + "' within 120 s in " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A jar of a directory of classes, for spark.jars. */
    static Path jarOf(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                j.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, j);
                j.closeEntry();
            }
        }
        return jar;
    }

    @Override
    public void close() {
        stop(worker);
        stop(master);
    }

    private static void stop(Process p) {
        if (p == null) {
            return;
        }
        // the worker's executors are its children: end them with it
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
