package dev.adjoint.spark.example;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import dev.adjoint.spark.AgentOnExecutors;
import dev.adjoint.spark.BlockLoss;
import dev.adjoint.spark.FitResult;
import dev.adjoint.spark.SparkFit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ad example gmm-spark}: fits ADBench's Gaussian mixture to generated points on Spark, printing the loss and
 * the throughput of every iteration. The points are generated on the executors as a {@code Dataset<Row>} with
 * columns x0, x1, …; {@link SparkFit} blocks them and runs one gradient job per Adam step.
 */
@Command(name = "gmm-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fits a Gaussian mixture (ADBench's GMM objective) to generated points on Apache Spark: "
                + "each executor differentiates its blocks with Adjoint, treeAggregate sums the gradients, Adam "
                + "steps on the driver.", ""},
        footer = {"", "Examples:",
            "  ad example gmm-spark",
            "  ad example gmm-spark --points 100000 --iterations 5",
            "  ad example gmm-spark --master spark://127.0.0.1:7077",
            "", "On a cluster, ad.jar must be at the same path on every node (this JVM's -javaagent path is "
                + "given to the executors), and the executors get this example's jars through spark.jars.", ""})
public final class GmmOnSpark implements Callable<Integer> {

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master: local[N], local[*] or spark://HOST:PORT (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--points", paramLabel = "N", defaultValue = "1000000",
            description = "Points to generate (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--dimension", paramLabel = "D", defaultValue = "10", description = "Point dimension (default: ${DEFAULT-VALUE}).")
    int dimension;

    @Option(names = "--components", paramLabel = "K", defaultValue = "5",
            description = "Mixture components; the data has as many clusters (default: ${DEFAULT-VALUE}).")
    int components;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "10", description = "Adam steps (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.1", description = "Adam's step size (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--block", paramLabel = "POINTS", defaultValue = "4096",
            description = "Points per block, the unit one tape covers (default: ${DEFAULT-VALUE}).")
    int blockSize;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Partitions of the data (default: Spark's default parallelism).")
    int partitions;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of data and start (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (points < 1 || dimension < 1 || components < 1 || iterations < 1 || blockSize < 1 || partitions < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--points, --dimension, --components, --iterations and --block must be positive");
        }
        SparkConf conf = new SparkConf().setMaster(master).setAppName("adjoint gmm-spark")
                .set("spark.ui.showConsoleProgress", "false").set("spark.log.level", "WARN");
        if (master.startsWith("local")) {
            // everything is in this JVM: stay on the loopback interface
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        } else {
            AgentOnExecutors.configure(conf);
            conf.setJars(ownJars());
        }
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int slices = partitions > 0 ? partitions : jsc.defaultParallelism();
            Dataset<Row> data = generated(spark, jsc, slices).cache();
            long count = data.count();
            System.out.printf("gmm-spark: %,d points (d = %d, K = %d) in %d partitions on %s, blocks of %d%n",
                    count, dimension, components, slices, master, blockSize);

            int k = components;
            int d = dimension;
            List<String> columns = IntStream.range(0, d).mapToObj(j -> "x" + j).toList();
            BlockLoss<double[][]> loss = (p, block) -> GmmPoints.negativeLogLikelihood(p, block, k);
            List<Double> rates = new ArrayList<>();
            FitResult result = SparkFit.of(data, columns, loss)
                    .regulariser(p -> GmmPoints.prior(p, d, k))
                    .blockSize(blockSize).iterations(iterations).learningRate(learningRate)
                    .progress((i, value, norm, seconds) -> {
                        rates.add(count / seconds);
                        System.out.printf("iteration %3d  loss per point %.6f  |gradient| %.4g  %.2f s  %,.0f points/s%n",
                                i, value / count, norm, seconds, count / seconds);
                    })
                    .run(GmmPoints.start(seed, d, k));
            double[] losses = result.losses();
            System.out.printf("loss per point %.6f -> %.6f; median throughput %,.0f points/s (gradient included)%n",
                    losses[0] / count, losses[losses.length - 1] / count, median(rates));
            return 0;
        } finally {
            spark.stop();
        }
    }

    private Dataset<Row> generated(SparkSession spark, JavaSparkContext jsc, int slices) {
        int blocks = (points + blockSize - 1) / blockSize;
        List<Integer> indices = IntStream.range(0, blocks).boxed().toList();
        long s = seed;
        int n = points;
        int size = blockSize;
        int d = dimension;
        int k = components;
        JavaRDD<Row> rows = jsc.parallelize(indices, slices).flatMap(i -> {
            int length = Math.min(size, n - i * size);
            List<Row> out = new ArrayList<>(length);
            for (double[] x : GmmPoints.block(s, i, length, d, k)) {
                Object[] values = new Object[d];
                for (int j = 0; j < d; j++) {
                    values[j] = x[j];
                }
                out.add(RowFactory.create(values));
            }
            return out.iterator();
        });
        StructType schema = new StructType();
        for (int j = 0; j < d; j++) {
            schema = schema.add("x" + j, DataTypes.DoubleType, false);
        }
        return spark.createDataFrame(rows, schema);
    }

    /** This example's jar and the examples jar (ADBench's GMM), for the executors. */
    private static String[] ownJars() {
        List<String> jars = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {GmmOnSpark.class, dev.adjoint.examples.adbench.Gmm.class}) {
            File location = new File(c.getProtectionDomain().getCodeSource().getLocation().getPath());
            if (location.isFile()) {
                jars.add(location.getAbsolutePath());
            }
        }
        return jars.toArray(new String[0]);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    /**
     * @param args the options; {@code --help} lists them
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new GmmOnSpark()).execute(args));
    }
}
