package dev.adjoint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.SparkConf;
import org.apache.spark.Success$;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.NotDifferentiableException;
import dev.adjoint.ValueAndGradient;

/**
 * The distributed gradient on a real standalone cluster: a master and a worker on 127.0.0.1, two executor JVMs
 * started by the worker with {@code -javaagent:ad.jar}, the test's classes shipped through {@code spark.jars}.
 */
class StandaloneClusterIT {

    private static final Path TARGET = Path.of(System.getProperty("adjoint.spark.target", "target"));
    private static StandaloneCluster cluster;
    private static List<double[][]> blocks;
    private static double[][] points;

    @BeforeAll
    static void start() throws Exception {
        Path directory = TARGET.resolve("standalone");
        Files.createDirectories(directory);
        cluster = StandaloneCluster.start(TARGET.resolve("classpath.txt"), directory, 2);
        blocks = GmmBlocks.blocks(10_000, 5, 1);
        points = GmmBlocks.all(blocks);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** An application with two one-core executors, which get the test's classes through spark.jars. */
    private static SparkConf application(String name) throws Exception {
        Path tests = StandaloneCluster.jarOf(TARGET.resolve("test-classes"), TARGET.resolve("standalone/tests.jar"));
        return new SparkConf().setMaster(cluster.url).setAppName(name)
                .set("spark.executor.cores", "1").set("spark.cores.max", "2").set("spark.executor.memory", "512m")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .setJars(new String[] {tests.toString(), TARGET.resolve("adjoint-spark.jar").toString(),
                    System.getProperty("adjoint.examples.jar")});
    }

    private static void awaitExecutors(JavaSparkContext spark, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        // the driver counts as one
        while (spark.sc().statusTracker().getExecutorInfos().length < count + 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("fewer than " + count + " executors registered within 120 s");
            }
            Thread.sleep(200);
        }
    }

    @Test
    void two_executor_jvms_with_the_agent_compute_the_one_jvm_gradient_and_a_refusal_reaches_the_driver_once()
            throws Exception {
        JavaSparkContext spark = new JavaSparkContext(AgentOnExecutors.configure(application("with the agent")));
        try {
            awaitExecutors(spark, 2);
            Set<String> executors = ConcurrentHashMap.newKeySet();
            AtomicInteger failedTasks = new AtomicInteger();
            spark.sc().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    executors.add(end.taskInfo().executorId());
                    if (end.reason() != Success$.MODULE$) {
                        failedTasks.incrementAndGet();
                    }
                }
            });

            DistributedObjective<double[][]> objective = DistributedObjective.of(spark.parallelize(blocks, 5),
                    GmmBlocks::loss).withRegulariser(GmmBlocks::prior);
            double[] p = GmmBlocks.start(2);
            ValueAndGradient distributed = objective.valueAndGradient(p);
            ValueAndGradient whole = AD.valueAndGradient(x -> GmmBlocks.objective(x, points), p);
            assertEquals(whole.value(), distributed.value(), 1e-12 * Math.abs(whole.value()));
            double scale = 0;
            for (double g : whole.gradient()) {
                scale = Math.max(scale, Math.abs(g));
            }
            for (int i = 0; i < p.length; i++) {
                assertEquals(whole.gradient()[i], distributed.gradient()[i], 1e-12 * scale, "component " + i);
            }

            Adam adam = new Adam(0.01);
            double before = distributed.value();
            adam.step(p, distributed.gradient());
            ValueAndGradient once = objective.valueAndGradient(p);
            adam.step(p, once.gradient());
            double twice = objective.value(p);
            assertTrue(once.value() < before && twice < once.value(), before + " -> " + once.value() + " -> " + twice);

            List<double[][]> poisoned = new ArrayList<>(blocks);
            double[][] last = poisoned.get(4).clone();
            last[0] = last[0].clone();
            last[0][0] = DistributedObjectiveTest.Poisoned.MARK;
            poisoned.set(4, last);
            NotDifferentiableException onDriver = assertThrows(NotDifferentiableException.class,
                    () -> AD.valueAndGradient(x -> DistributedObjectiveTest.Poisoned.loss(x, last), p));
            NotDifferentiableException fromTask = assertThrows(NotDifferentiableException.class,
                    () -> DistributedObjective.of(spark.parallelize(poisoned, 5), DistributedObjectiveTest.Poisoned::loss)
                            .valueAndGradient(p));
            assertEquals(onDriver.getMessage(), fromTask.getMessage());

            Thread.sleep(2000); // the listener bus is asynchronous
            assertEquals(0, failedTasks.get(), "tasks failed (and were retried)");
            assertTrue(executors.size() >= 2, "tasks ran on " + executors);
        } finally {
            spark.stop();
        }
    }

    @Test
    void executors_without_adjoint_fail_with_a_message_that_says_how_to_add_the_agent() throws Exception {
        assertAgentMissing(application("without Adjoint"), "Adjoint is not on the class path of executor");
    }

    @Test
    void executors_that_get_ad_jar_through_spark_jars_but_no_agent_fail_with_a_message_that_says_how_to_add_it()
            throws Exception {
        // the known failure: the agent would attach itself from Spark's user class loader, and some losses would
        // then fail with TypeNotPresentException: dev.adjoint.internal.runtime.Tape
        SparkConf conf = application("ad.jar in spark.jars");
        String agent = AgentOnExecutors.runningAgentJar().orElseThrow();
        conf.set("spark.jars", conf.get("spark.jars") + "," + agent);
        assertAgentMissing(conf, "Adjoint's agent is not loaded in executor");
    }

    private static void assertAgentMissing(SparkConf conf, String expected) throws Exception {
        JavaSparkContext spark = new JavaSparkContext(conf);
        try {
            awaitExecutors(spark, 1);
            DistributedObjective<double[][]> objective = DistributedObjective.of(spark.parallelize(blocks, 5),
                    GmmBlocks::loss);
            AgentMissingException e = assertThrows(AgentMissingException.class,
                    () -> objective.valueAndGradient(GmmBlocks.start(2)));
            assertTrue(e.getMessage().contains(expected)
                    && e.getMessage().contains("spark.executor.extraJavaOptions=-javaagent:"), e.getMessage());
        } finally {
            spark.stop();
        }
    }
}
