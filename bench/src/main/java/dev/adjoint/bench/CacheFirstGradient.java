package dev.adjoint.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Time to the first gradient in a fresh JVM with the persistent cache off, cold (an empty directory before every
 * launch) and warm (filled by an earlier launch), for the workloads of {@link FirstGradientProbe}, by default the
 * seed sine, the GMM objective and the library calls: each JVM times its own first {@code AD.gradient}, so JVM
 * start-up is not included. Not a JMH benchmark: each sample is a new process. Besides the wall time, the median CPU
 * time of the calling thread, which a loaded machine inflates much less.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.adjoint.bench.CacheFirstGradient agent/target/ad.jar [launches [workload...]]
 * </pre>
 */
public final class CacheFirstGradient {

    private CacheFirstGradient() {
    }

    public static void main(String[] args) throws Exception {
        String agent = args[0];
        int launches = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        String cp = System.getProperty("java.class.path");
        System.out.printf("%-8s %-5s %10s %10s %10s %10s   (ms, %d launches each)%n", "what", "cache", "median", "min",
                "max", "cpu", launches);
        String[] workloads = args.length > 2 ? Arrays.copyOfRange(args, 2, args.length)
                : new String[] {"sine", "gmm", "invert2", "invert3", "dopri"};
        for (String workload : workloads) {
            Path dir = Files.createTempDirectory("adjoint-cache-bench");
            try {
                double[][] off = new double[launches][];
                for (int i = 0; i < launches; i++) {
                    off[i] = launch(java, agent + "=cache=off", cp, workload);
                }
                double[][] cold = new double[launches][];
                for (int i = 0; i < launches; i++) {
                    delete(dir);
                    cold[i] = launch(java, agent + "=cache=" + dir, cp, workload);
                }
                double[][] warm = new double[launches][];
                for (int i = 0; i < launches; i++) {
                    warm[i] = launch(java, agent + "=cache=" + dir, cp, workload);
                }
                report(workload, "off", off);
                report(workload, "cold", cold);
                report(workload, "warm", warm);
            } finally {
                delete(dir);
            }
        }
    }

    /** @return the first gradient's wall time and its thread's CPU time, in ms */
    private static double[] launch(String java, String agent, String cp, String workload)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java, "-javaagent:" + agent, "-cp", cp,
                FirstGradientProbe.class.getName(), workload));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !out.contains("firstGradientMs=")) {
            throw new IllegalStateException("the probe failed:\n" + out);
        }
        return new double[] {value(out, "firstGradientMs="), value(out, "firstGradientCpuMs=")};
    }

    private static double value(String out, String prefix) {
        String line = out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
        return Double.parseDouble(line.substring(prefix.length()));
    }

    private static void report(String workload, String cache, double[][] launches) {
        double[] wall = column(launches, 0);
        System.out.printf("%-8s %-5s %10.1f %10.1f %10.1f %10.1f%n", workload, cache, median(wall), wall[0],
                wall[wall.length - 1], median(column(launches, 1)));
    }

    /** @return one column of the launches' figures, sorted */
    private static double[] column(double[][] launches, int k) {
        double[] s = new double[launches.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = launches[i][k];
        }
        Arrays.sort(s);
        return s;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                if (!f.equals(dir)) {
                    Files.delete(f);
                }
            }
        }
    }
}
