package dev.adjoint.it.harness;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JVM to launch: a main class, its class path and arguments, a {@link Mode}, a {@link Jdk} and a timeout.
 * Immutable; each {@code with}-style method returns a new launch, so a test can derive variants from one base.
 *
 * <pre>{@code
 * Outcome o = Launch.of("Prog").classPath(TestPrograms.jar("prog")).mode(Mode.WITH_AGENT).run().assertSucceeded();
 * Launch.of("Prog").classPath(jar).runIn(Mode.PLAIN, Mode.WITH_AGENT).assertIdentical();
 * }</pre>
 *
 * <p>Every JVM verifies all bytecode, including that of classes on the boot class path where generated code may
 * live ({@link #VERIFICATION}), and runs the engine with {@code -Dadjoint.verify=true}, unless the test calls
 * {@link #withoutVerification()}: a bad class then fails with a {@code VerifyError} instead of crashing the JVM.
 */
public final class Launch {

    /** The options that make the JVM verify every class it loads, those of the boot class path too. */
    public static final List<String> VERIFICATION = List.of("-XX:+UnlockDiagnosticVMOptions",
            "-XX:+BytecodeVerificationLocal", "-XX:+BytecodeVerificationRemote", "-Dadjoint.verify=true");

    /** How long a launch may run unless a test says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final String mainClass;
    private final List<Path> classPath;
    private final List<String> args;
    private final List<String> jvmOptions;
    private final Mode mode;
    private final String agentOptions;
    private final Jdk jdk;
    private final Duration timeout;
    private final boolean verification;
    private final Map<String, String> environment;

    private Launch(String mainClass, List<Path> classPath, List<String> args, List<String> jvmOptions, Mode mode,
                   String agentOptions, Jdk jdk, Duration timeout, boolean verification,
                   Map<String, String> environment) {
        this.mainClass = mainClass;
        this.classPath = List.copyOf(classPath);
        this.args = List.copyOf(args);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.mode = mode;
        this.agentOptions = agentOptions;
        this.jdk = jdk;
        this.timeout = timeout;
        this.verification = verification;
        this.environment = Map.copyOf(environment);
    }

    /**
     * @param mainClass the binary name of the class whose {@code main} to run
     * @return a launch of it with the agent, on the running JDK, with an empty class path
     */
    public static Launch of(String mainClass) {
        return new Launch(mainClass, List.of(), List.of(), List.of(), Mode.WITH_AGENT, null, Jdk.current(),
                DEFAULT_TIMEOUT, true, Map.of());
    }

    /**
     * @param entries jars and directories, appended to the class path
     * @return a launch with them
     */
    public Launch classPath(Path... entries) {
        List<Path> cp = new ArrayList<>(classPath);
        cp.addAll(List.of(entries));
        return new Launch(mainClass, cp, args, jvmOptions, mode, agentOptions, jdk, timeout, verification,
                environment);
    }

    /**
     * @param arguments the program's arguments, appended to those already given
     * @return a launch with them
     */
    public Launch args(String... arguments) {
        List<String> a = new ArrayList<>(args);
        a.addAll(List.of(arguments));
        return new Launch(mainClass, classPath, a, jvmOptions, mode, agentOptions, jdk, timeout, verification,
                environment);
    }

    /**
     * @param options JVM options such as {@code -Xint} or {@code -Dkey=value}, appended to those already given
     * @return a launch with them
     */
    public Launch jvmOptions(String... options) {
        List<String> o = new ArrayList<>(jvmOptions);
        o.addAll(List.of(options));
        return new Launch(mainClass, classPath, args, o, mode, agentOptions, jdk, timeout, verification,
                environment);
    }

    /**
     * @param m how the JVM gets Adjoint
     * @return a launch in that mode
     */
    public Launch mode(Mode m) {
        return new Launch(mainClass, classPath, args, jvmOptions, m, agentOptions, jdk, timeout, verification,
                environment);
    }

    /**
     * @param options what follows {@code -javaagent:ad.jar=} in {@link Mode#WITH_AGENT}
     * @return a launch with those agent options
     */
    public Launch agentOptions(String options) {
        return new Launch(mainClass, classPath, args, jvmOptions, mode, options, jdk, timeout, verification,
                environment);
    }

    /**
     * @param j the JDK whose {@code bin/java} to launch
     * @return a launch on that JDK
     */
    public Launch jdk(Jdk j) {
        return new Launch(mainClass, classPath, args, jvmOptions, mode, agentOptions, j, timeout, verification,
                environment);
    }

    /**
     * @param t how long the JVM may run before it is killed
     * @return a launch with that timeout
     */
    public Launch timeout(Duration t) {
        return new Launch(mainClass, classPath, args, jvmOptions, mode, agentOptions, jdk, t, verification,
                environment);
    }

    /**
     * @param name  an environment variable
     * @param value its value
     * @return a launch with it set
     */
    public Launch environment(String name, String value) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put(name, value);
        return new Launch(mainClass, classPath, args, jvmOptions, mode, agentOptions, jdk, timeout, verification,
                env);
    }

    /** @return a launch without {@link #VERIFICATION}, for a test that measures or must see the JVM's defaults */
    public Launch withoutVerification() {
        return new Launch(mainClass, classPath, args, jvmOptions, mode, agentOptions, jdk, timeout, false,
                environment);
    }

    /** @return the mode */
    public Mode mode() {
        return mode;
    }

    /** @return the JDK */
    public Jdk jdk() {
        return jdk;
    }

    /**
     * The command line, as {@link #run()} will start it. In {@link Mode#INSTRUMENTED} this instruments the class
     * path, or skips the calling test while the CLI cannot.
     *
     * @return the command and its arguments
     */
    public List<String> commandLine() {
        List<String> cmd = new ArrayList<>();
        cmd.add(jdk.java().toString());
        if (verification) {
            cmd.addAll(VERIFICATION);
        }
        List<Path> cp = classPath;
        switch (mode) {
            case WITH_AGENT:
                cmd.add("-javaagent:" + Project.agentJar() + (agentOptions == null ? "" : "=" + agentOptions));
                break;
            case INSTRUMENTED:
                OfflineInstrumentation.assumeAvailable();
                cp = new ArrayList<>();
                for (Path p : classPath) {
                    // Adjoint's own jar is the runtime, not an application to instrument
                    boolean runtime = p.equals(Project.agentJar()) || p.equals(Project.runtimeJar());
                    List<Path> rest = new ArrayList<>(classPath);
                    rest.removeIf(q -> q.equals(p) || q.equals(Project.agentJar()) || q.equals(Project.runtimeJar()));
                    cp.add(runtime ? p : OfflineInstrumentation.instrument(p, rest));
                }
                if (!cp.contains(Project.runtimeJar())) {
                    cp.add(Project.runtimeJar());
                }
                break;
            case PLAIN:
                break;
            default:
                throw new AssertionError(mode);
        }
        cmd.addAll(jvmOptions);
        if (!cp.isEmpty()) {
            cmd.add("-cp");
            cmd.add(String.join(File.pathSeparator, cp.stream().map(Path::toString).toList()));
        }
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Launches the JVM and waits for it to exit or to reach the timeout.
     *
     * @return what it did
     */
    public Outcome run() {
        return ChildProcess.run(commandLine(), environment(), Project.root(), timeout);
    }

    /**
     * The environment of the JVM: the test's variables, and unless the test sets it an {@code XDG_CACHE_HOME} in
     * {@code it-tests/target}, so that the agent's default cache never touches the user's home.
     */
    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putIfAbsent("XDG_CACHE_HOME", Project.buildDirectory().resolve("it-cache").toString());
        return env;
    }

    /**
     * Launches this JVM twice, in two modes, one after the other.
     *
     * @param first  the mode of the first run, usually the reference
     * @param second the mode of the second run
     * @return both outcomes, to compare
     */
    public Comparison runIn(Mode first, Mode second) {
        Launch a = mode(first);
        Launch b = mode(second);
        // both command lines first: an INSTRUMENTED run that must skip skips before anything is launched
        List<String> ca = a.commandLine();
        List<String> cb = b.commandLine();
        return new Comparison(first, ChildProcess.run(ca, environment(), Project.root(), timeout), second,
                ChildProcess.run(cb, environment(), Project.root(), timeout));
    }
}
