package dev.adjoint.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ad}: the command line of Adjoint. */
@Command(name = "ad", mixinStandardHelpOptions = true, versionProvider = AdCommand.Version.class,
        description = "Automatic differentiation for the JVM by bytecode transformation.",
        subcommands = {ExampleCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Run 'ad COMMAND --help' for the options of a command.",
            "Exit codes: 0 ok, 1 a check failed, 2 usage error or bad input."})
public final class AdCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the configured command line: usage errors exit with 2, failures with 1 */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AdCommand());
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? 2 : 1);
        cl.setExecutionExceptionHandler((e, line, parse) -> {
            line.getErr().println("ad: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AdCommand.class.getPackage().getImplementationVersion();
            return new String[] {"ad " + (v == null ? "development build" : v) + " (Adjoint, engine "
                    + dev.adjoint.internal.engine.Engine.VERSION + ")",
                "Java " + System.getProperty("java.version") + " " + System.getProperty("java.vm.name")};
        }
    }
}
