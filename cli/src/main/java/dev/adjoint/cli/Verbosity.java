package dev.adjoint.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import dev.adjoint.internal.runtime.Settings;

/** {@code --verbose}, mixed into the commands that run the engine: stack traces of errors, generation reports. */
final class Verbosity {

    static final String OPTION = "--verbose";

    @Option(names = OPTION, description = "Print the stack trace of an error, and each class the gradients of a "
            + "check generate.")
    void verbose(boolean on) {
        if (on) {
            Settings.verbose(true);
        }
    }

    /** @return whether the command that ran (the innermost subcommand) was given {@code --verbose} */
    static boolean requested(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult p = parsed;
        while (p.hasSubcommand()) {
            p = p.subcommand();
        }
        return p.hasMatchedOption(OPTION);
    }
}
