package dev.adjoint.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;

/**
 * The reference of the {@code ad} command, docs/cli.md, written from the Picocli model: the help of every command
 * and subcommand, found by walking the registered subcommands, so that a new command appears without anyone
 * touching this class. A test fails when docs/cli.md differs from what this writes.
 *
 * <p>{@code java -cp cli/target/ad-cli.jar:agent/target/ad.jar dev.adjoint.cli.CliReference docs/cli.md} regenerates
 * the file.
 */
public final class CliReference {

    /** The width of the help in the reference: the width of a terminal. */
    static final int WIDTH = 80;

    private CliReference() {
    }

    /** @return the reference, in Markdown */
    public static String markdown() {
        List<CommandLine> commands = new ArrayList<>();
        collect(AdCommand.commandLine(), commands);
        StringBuilder md = new StringBuilder();
        md.append("# The `ad` command\n\n");
        md.append("<!-- Generated from the commands' Picocli model by dev.adjoint.cli.CliReference: do not edit. "
                + "CliReferenceTest fails when this file is out of date and says how to regenerate it. -->\n\n");
        md.append("`bin/ad` runs the command under the agent (`-javaagent:ad.jar`), building what is missing on "
                + "first use. Every command has `--help`.\n\n");
        md.append(ExitCode.SUMMARY).append(" A refusal (3) comes with ")
                .append("the engine's message: the class, method, source line and construct it cannot follow, and ")
                .append("what to do.\n\n");
        for (CommandLine c : commands) {
            String name = c.getCommandSpec().qualifiedName();
            md.append("- [`").append(name).append("`](#").append(name.replace(' ', '-')).append(")\n");
        }
        for (CommandLine c : commands) {
            c.setUsageHelpWidth(WIDTH);
            md.append("\n## ").append(c.getCommandSpec().qualifiedName()).append("\n\n```\n")
                    .append(c.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing()).append("\n```\n");
        }
        return md.toString();
    }

    private static void collect(CommandLine c, List<CommandLine> out) {
        out.add(c);
        for (CommandLine sub : c.getSubcommands().values()) {
            if (!out.contains(sub) && !sub.getCommandSpec().usageMessage().hidden()) {
                collect(sub, out);
            }
        }
    }

    /** @param args the file to write, or nothing to print the reference */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.out.print(markdown());
            return;
        }
        Path out = Paths.get(args[0]);
        Files.writeString(out, markdown(), StandardCharsets.UTF_8);
        System.err.println("wrote " + out.toAbsolutePath());
    }
}
