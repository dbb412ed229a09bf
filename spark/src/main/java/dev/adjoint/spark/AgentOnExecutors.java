package dev.adjoint.spark;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;


/**
 * Puts Adjoint's agent on every JVM of a Spark application: {@code -javaagent:ad.jar} in
 * {@code spark.executor.extraJavaOptions} and {@code spark.driver.extraJavaOptions}.
 *
 * <p>The agent must be on the command line of each executor JVM, because the runtime has to be on the boot class
 * path where every class loader sees one copy of it. {@code spark.jars} cannot carry it: executors fetch those jars
 * after they start, into a class loader of their own. So {@code ad.jar} must be at the same path on every node
 * (installed with the application, on a shared volume, or in the container image), and that path goes here.
 * {@code spark.driver.extraJavaOptions} only takes effect when Spark starts the driver JVM (spark-submit, cluster
 * mode); a driver started by the user needs {@code -javaagent} on its own command line.
 */
public final class AgentOnExecutors {

    /** Spark's setting for the executors' JVM options. */
    public static final String EXECUTOR_OPTIONS = "spark.executor.extraJavaOptions";
    /** Spark's setting for the driver's JVM options. */
    public static final String DRIVER_OPTIONS = "spark.driver.extraJavaOptions";

    private static final String AGENT_ENTRY = "dev.adjoint.agent.PreMain";

    private static final String HOW_TO = "Start every executor with the agent: AgentOnExecutors.configure(conf, "
            + "\"/path/on/every/node/ad.jar\"), or spark-submit --conf "
            + "spark.executor.extraJavaOptions=-javaagent:/path/on/every/node/ad.jar (and the same in "
            + "spark.driver.extraJavaOptions). spark.jars cannot carry the agent: it is fetched after the executor "
            + "starts. See 'Scale-out on Spark' in docs/user-guide.md.";

    private AgentOnExecutors() {
    }

    /**
     * Adds {@code -javaagent:adJar} to the executors' and the driver's JVM options, after whatever options are
     * already set; a configuration that already names the agent is left as it is.
     *
     * @param conf  the application's configuration, changed in place
     * @param adJar the path of {@code ad.jar} on every node
     * @return {@code conf}
     */
    public static SparkConf configure(SparkConf conf, String adJar) {
        if (adJar == null || adJar.isBlank()) {
            throw new IllegalArgumentException("the path of ad.jar is empty; give the path it has on every node");
        }
        String option = javaAgentOption(adJar);
        for (String key : new String[] {EXECUTOR_OPTIONS, DRIVER_OPTIONS}) {
            String current = conf.get(key, "").trim();
            if (!current.contains("-javaagent:" + adJar)) {
                conf.set(key, current.isEmpty() ? option : current + " " + option);
            }
        }
        return conf;
    }

    /**
     * Like {@link #configure(SparkConf, String)} with the agent this JVM was started with: right when the driver
     * and the executors share a file system (local mode, a cluster on one machine, or nodes with the same install).
     *
     * @param conf the application's configuration, changed in place
     * @return {@code conf}
     * @throws AgentMissingException when this JVM was started without {@code -javaagent}
     */
    public static SparkConf configure(SparkConf conf) {
        return configure(conf, runningAgentJar().orElseThrow(() -> new AgentMissingException(
                "this JVM was started without -javaagent:ad.jar, so there is no agent jar to give the executors. "
                        + "Start the driver with -javaagent:/path/to/ad.jar, or call configure(conf, path).")));
    }

    /**
     * @param adJar the path of {@code ad.jar}
     * @return the JVM option {@code -javaagent:adJar}
     */
    public static String javaAgentOption(String adJar) {
        return "-javaagent:" + adJar;
    }

    /** @return the absolute path of Adjoint's agent jar on this JVM's command line, if there is one */
    public static Optional<String> runningAgentJar() {
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-javaagent:")) {
                String jar = argument.substring("-javaagent:".length());
                int options = jar.indexOf('=');
                File file = new File(options < 0 ? jar : jar.substring(0, options)).getAbsoluteFile();
                if (isAdjointAgent(file)) {
                    return Optional.of(file.getPath());
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a jar is Adjoint's agent, by its manifest's entry point. */
    private static boolean isAdjointAgent(File jar) {
        try (JarFile j = new JarFile(jar)) {
            Manifest manifest = j.getManifest();
            return manifest != null
                    && AGENT_ENTRY.equals(manifest.getMainAttributes().getValue("Premain-Class"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Fails unless this JVM runs Adjoint from the agent.
     *
     * @throws AgentMissingException naming the executor and saying how to add the agent
     */
    public static void requireLoaded() {
        String missing = missingAgent();
        if (missing != null) {
            throw new AgentMissingException(missing);
        }
    }

    /**
     * Why this JVM cannot compute gradients, or null when it can. With {@code -javaagent:ad.jar} the runtime is on
     * the boot class path, so Adjoint's API has no class loader. Found elsewhere (a jar fetched through
     * {@code spark.jars}, a fat application jar) it would attach the agent from that loader and break on the
     * second copy of the runtime; not found at all, the task could not run. Looks the API up by name, so that this
     * works where Adjoint is absent.
     */
    static String missingAgent() {
        Class<?> api;
        try {
            api = Class.forName("dev.adjoint.AD", false, AgentOnExecutors.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return "Adjoint is not on the class path of " + where() + ", so it cannot compute gradients. " + HOW_TO;
        }
        if (api.getClassLoader() == null) {
            return null;
        }
        java.security.CodeSource source = api.getProtectionDomain().getCodeSource();
        return "Adjoint's agent is not loaded in " + where() + " (its API came from "
                + (source == null ? "a class loader" : source.getLocation()) + ", not from -javaagent:ad.jar). "
                + HOW_TO;
    }

    private static String where() {
        SparkEnv env = SparkEnv.get();
        return env == null ? "this JVM" : "executor " + env.executorId() + " on " + env.blockManager().blockManagerId().host();
    }
}
