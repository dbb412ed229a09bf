package dev.adjoint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** docs/cli.md is true: it is what the commands' help says, and every command's help helps. */
class CliReferenceTest {

    @Test
    void docs_cli_md_is_the_reference_generated_from_the_commands() throws IOException {
        String generated = CliReference.markdown();
        Path docs = root().resolve("docs/cli.md");
        Path fresh = root().resolve("cli/target/cli.md");
        Files.createDirectories(fresh.getParent());
        Files.writeString(fresh, generated, StandardCharsets.UTF_8);
        String current = Files.exists(docs) ? Files.readString(docs, StandardCharsets.UTF_8) : "";
        if (!current.equals(generated)) {
            fail("docs/cli.md is out of date with the commands' help (" + firstDifference(current, generated)
                    + "). Regenerate it with\n    cp cli/target/cli.md docs/cli.md\n(this test has just written "
                    + "cli/target/cli.md), then review the difference and commit it.");
        }
    }

    private static String firstDifference(String current, String generated) {
        String[] a = current.split("\n", -1);
        String[] b = generated.split("\n", -1);
        for (int k = 0; k < Math.max(a.length, b.length); k++) {
            String x = k < a.length ? a[k] : "<end of file>";
            String y = k < b.length ? b[k] : "<end of file>";
            if (!x.equals(y)) {
                return "line " + (k + 1) + " is\n    " + x + "\nbut the help says\n    " + y + "\n";
            }
        }
        return "they differ";
    }

    @Test
    void every_command_is_in_the_reference() {
        String md = CliReference.markdown();
        for (String name : AdCommand.commandLine().getSubcommands().keySet()) {
            assertTrue(md.contains("\n## ad " + name + "\n"), name);
        }
    }

    @Test
    void every_command_describes_itself_and_shows_examples() {
        for (CommandLine c : AdCommand.commandLine().getSubcommands().values()) {
            if (c.getCommand() instanceof CommandLine.HelpCommand) {
                continue;
            }
            String help = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
            String name = c.getCommandSpec().qualifiedName();
            assertTrue(c.getCommandSpec().usageMessage().description().length > 0, name + " has no description");
            assertTrue(help.contains("\nExamples:\n  " + name + " "), name + " shows no examples:\n" + help);
            assertTrue(help.contains(ExitCode.SUMMARY.substring(0, 20)), name + " does not list the exit codes");
            Ad ad = Ad.run(c.getCommandName(), "--help");
            assertEquals(0, ad.exitCode, ad::describe);
            assertTrue(ad.out.startsWith("Usage: " + name + " "), ad::describe);
        }
    }

    private static Path root() {
        String configured = System.getProperty("adjoint.root");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("cli")) && Files.isDirectory(p.resolve("docs"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the root of Adjoint above " + Paths.get("").toAbsolutePath());
    }
}
