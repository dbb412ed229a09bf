package dev.adjoint.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import dev.adjoint.NotDifferentiableException;
import dev.adjoint.internal.engine.Engine;
import dev.adjoint.internal.runtime.AgentSupport;

/** {@code ad}: the command line of Adjoint. */
@Command(name = "ad", mixinStandardHelpOptions = true, versionProvider = AdCommand.Version.class,
        description = "Automatic differentiation for the JVM by bytecode transformation.",
        subcommands = {
            ExampleCommand.class,
            BenchCommand.class,
            InstrumentCommand.class,
            ShowCommand.class,
            CheckCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Run 'ad COMMAND --help' for the options of a command.", ExitCode.SUMMARY})
public final class AdCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the configured command line: each outcome exits with its {@link ExitCode} */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AdCommand());
        cl.setParameterExceptionHandler(AdCommand::usageError);
        cl.setExecutionExceptionHandler(AdCommand::failure);
        return cl;
    }

    /** A usage error: one line that names the command whose help explains it. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        StringBuilder message = new StringBuilder("ad: ").append(e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException) {
            List<String> suggestions = ((CommandLine.UnmatchedArgumentException) e).getSuggestions();
            if (!suggestions.isEmpty()) {
                message.append("; did you mean ").append(String.join(" or ", suggestions)).append('?');
            }
        }
        message.append(" (see '").append(cl.getCommandSpec().qualifiedName()).append(" --help')");
        cl.getErr().println(message);
        return ExitCode.USAGE;
    }

    /** A failure while a command ran: one line, with the stack trace only when {@code --verbose} was given. */
    private static int failure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean verbose = Verbosity.requested(parsed);
        int code;
        if (e instanceof InputException) {
            code = ExitCode.USAGE;
            err.println("ad: " + e.getMessage());
        } else if (e instanceof CommandFailure) {
            code = ExitCode.FAILED;
            err.println("ad: " + e.getMessage());
        } else if (e instanceof NotDifferentiableException) {
            code = ExitCode.NOT_DIFFERENTIABLE;
            err.println("ad: " + e.getMessage());
        } else {
            code = ExitCode.FAILED;
            err.println("ad: internal error: " + e + (verbose ? "" : " (run with --verbose for the stack trace)"));
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** The versions of the command, of Adjoint and its engine, and of the Java it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String cli = AdCommand.class.getPackage().getImplementationVersion();
            String adjoint = NotDifferentiableException.class.getPackage().getImplementationVersion();
            return new String[] {
                "ad " + orDevelopment(cli) + " (Adjoint " + orDevelopment(adjoint != null ? adjoint : cli)
                    + ", engine " + Engine.VERSION + ")",
                "Java " + System.getProperty("java.version") + " " + System.getProperty("java.vm.name") + " ("
                    + System.getProperty("java.vendor") + ")",
                "agent: " + (AgentSupport.instrumentation() != null ? "loaded" : "not loaded")};
        }

        private static String orDevelopment(String version) {
            return version == null ? "development build" : version;
        }
    }
}
