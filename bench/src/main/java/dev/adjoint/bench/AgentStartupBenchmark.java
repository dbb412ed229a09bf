package dev.adjoint.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The agent's start-up cost: a program that does not use Adjoint, launched as a new JVM with
 * {@code -javaagent:ad.jar} and without it (issue 2: at most 60 ms more). The difference of the two scores is the
 * cost; both include the JVM's own start-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class AgentStartupBenchmark {

    private String java;
    private String classPath;
    private String agent;

    @Setup
    public void locate() {
        java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        classPath = new File(Hello.class.getProtectionDomain().getCodeSource().getLocation().getPath()).getPath();
        agent = System.getProperty("adjoint.agent.jar");
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (agent == null && arg.startsWith("-javaagent:")) {
                agent = arg.substring("-javaagent:".length()).split("=")[0];
            }
        }
        if (agent == null) {
            throw new IllegalStateException("run with -jvmArgsPrepend -javaagent:agent/target/ad.jar");
        }
    }

    @Benchmark
    public int plain() throws Exception {
        return launch(false);
    }

    @Benchmark
    public int withAgent() throws Exception {
        return launch(true);
    }

    private int launch(boolean withAgent) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        if (withAgent) {
            cmd.add("-javaagent:" + agent);
        }
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(Hello.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor();
    }
}
