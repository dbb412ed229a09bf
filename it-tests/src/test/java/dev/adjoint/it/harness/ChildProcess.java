package dev.adjoint.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command to its end or its timeout and captures what it wrote. Both streams are drained on their own
 * threads so that a chatty child never blocks on a full pipe.
 */
final class ChildProcess {

    private ChildProcess() {
    }

    static Outcome run(List<String> command, Map<String, String> environment, Path directory, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile());
        pb.environment().putAll(environment);
        pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                // a JVM that attaches to itself may have started a helper JVM: end it too
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            return new Outcome(command, finished ? p.exitValue() : -1, out.get(), err.get(), wall, !finished);
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + String.join(" ", command), e);
        } catch (ExecutionException e) {
            throw new UncheckedIOException("cannot read the output of " + String.join(" ", command),
                    new IOException(e.getCause()));
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                f.complete(in.readAllBytes());
            } catch (IOException e) {
                f.completeExceptionally(e);
            }
        }, "it-drain");
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
