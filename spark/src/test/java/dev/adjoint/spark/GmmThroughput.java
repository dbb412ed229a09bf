package dev.adjoint.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import dev.adjoint.AD;
import dev.adjoint.ValueAndGradient;
import dev.adjoint.spark.example.GmmPoints;

/**
 * The harness behind the scale-out numbers of docs/benchmarks.md: throughput (points per second, gradient
 * included) of the GMM gradient over the same generated points in one JVM with 1 or 2 threads, on local[N], and on
 * a standalone cluster started on 127.0.0.1; and the fixed cost of one Spark gradient job. Every mode warms up, then
 * reports the median of its timed repetitions.
 *
 * <pre>
 * java -javaagent:agent/target/ad.jar [Spark's --add-opens] -cp spark/target/test-classes:spark/target/classes:\
 *   examples/target/adjoint-examples.jar:$(cat spark/target/classpath.txt) dev.adjoint.spark.GmmThroughput \
 *   jvm 1 | jvm 2 | spark local[2] | standalone 2
 * </pre>
 */
public final class GmmThroughput {

    private static final int D = 10;
    private static final int K = 5;
    private static final int BLOCK = 4096;
    private static final int POINTS = Integer.getInteger("points", 200_704); // 49 blocks
    private static final int WARMUP = 2;
    private static final int RUNS = 5;

    private GmmThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int blocks = POINTS / BLOCK;
        double[] p = GmmPoints.start(3, D, K);
        switch (args[0]) {
            case "jvm" -> oneJvm(Integer.parseInt(args[1]), blocks, p);
            case "spark" -> spark(new SparkConf().setMaster(args[1]).set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1"), blocks, p, args[1]);
            case "standalone" -> {
                Path target = Path.of("spark/target");
                Path directory = Files.createDirectories(target.resolve("standalone-bench"));
                int executors = Integer.parseInt(args[1]);
                try (StandaloneCluster cluster = StandaloneCluster.start(target.resolve("classpath.txt"), directory,
                        executors)) {
                    Path tests = StandaloneCluster.jarOf(target.resolve("test-classes"), directory.resolve("tests.jar"));
                    SparkConf conf = new SparkConf().setMaster(cluster.url).set("spark.executor.cores", "1")
                            .set("spark.cores.max", String.valueOf(executors)).set("spark.executor.memory", "1g")
                            .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                            .setJars(new String[] {tests.toString(), target.resolve("adjoint-spark.jar").toString(),
                                "examples/target/adjoint-examples.jar"});
                    spark(AgentOnExecutors.configure(conf), blocks, p, "standalone, " + executors + " executors");
                }
            }
            default -> throw new IllegalArgumentException("modes: jvm THREADS | spark MASTER | standalone EXECUTORS");
        }
    }

    private static void oneJvm(int threads, int blocks, double[] p) throws Exception {
        List<double[][]> data = IntStream.range(0, blocks).mapToObj(i -> GmmPoints.block(1, i, BLOCK, D, K)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            report("one JVM, " + threads + " thread(s)", blocks, () -> {
                List<Future<ValueAndGradient>> parts = new ArrayList<>();
                for (double[][] block : data) {
                    parts.add(pool.submit(() -> AD.valueAndGradient(
                            x -> GmmPoints.negativeLogLikelihood(x, block, K), p)));
                }
                double sum = 0;
                for (Future<ValueAndGradient> f : parts) {
                    sum += f.get().value();
                }
                return sum;
            });
        } finally {
            pool.shutdown();
        }
    }

    private static void spark(SparkConf conf, int blocks, double[] p, String label) throws Exception {
        conf.setAppName("GmmThroughput").set("spark.ui.enabled", "false").set("spark.log.level", "WARN");
        JavaSparkContext spark = new JavaSparkContext(conf);
        try {
            int partitions = spark.defaultParallelism();
            JavaRDD<double[][]> data = spark.parallelize(IntStream.range(0, blocks).boxed().toList(), partitions)
                    .map(i -> GmmPoints.block(1, i, BLOCK, D, K)).cache();
            data.count();
            DistributedObjective<double[][]> objective = DistributedObjective.of(data,
                    (x, block) -> GmmPoints.negativeLogLikelihood(x, block, K));
            report(label + " (" + partitions + " partitions)", blocks,
                    () -> objective.valueAndGradient(p).value());

            JavaRDD<double[][]> tiny = spark.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
                    .map(i -> GmmPoints.block(1, i, 1, D, K)).cache();
            tiny.count();
            DistributedObjective<double[][]> fixed = DistributedObjective.of(tiny,
                    (x, block) -> GmmPoints.negativeLogLikelihood(x, block, K));
            double[] seconds = new double[20];
            for (int r = -5; r < seconds.length; r++) {
                long start = System.nanoTime();
                fixed.valueAndGradient(p);
                if (r >= 0) {
                    seconds[r] = (System.nanoTime() - start) / 1e9;
                }
            }
            Arrays.sort(seconds);
            System.out.printf("%s: fixed cost of a gradient job (one 1-point block per partition): median %.1f ms%n",
                    label, 1000 * seconds[seconds.length / 2]);
        } finally {
            spark.stop();
        }
    }

    interface Gradient {
        double run() throws Exception;
    }

    private static void report(String label, int blocks, Gradient g) throws Exception {
        double[] seconds = new double[RUNS];
        double value = 0;
        for (int r = -WARMUP; r < RUNS; r++) {
            long start = System.nanoTime();
            value = g.run();
            if (r >= 0) {
                seconds[r] = (System.nanoTime() - start) / 1e9;
            }
        }
        Arrays.sort(seconds);
        double median = seconds[RUNS / 2];
        long points = (long) blocks * BLOCK;
        System.out.printf("%s: %,d points, value %.10e, median %.3f s per gradient, %,.0f points/s%n",
                label, points, value, median, points / median);
    }
}
