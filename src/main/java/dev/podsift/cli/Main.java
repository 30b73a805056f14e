package dev.podsift.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code podsift} command line. */
@Command(name = "podsift", mixinStandardHelpOptions = true, version = "podsift 0.1.0",
        description = "Scans podcast episodes and picks the top insights: standalone lessons, each with a verbatim "
                + "quote and the second it was said.",
        subcommands = {DemoCommand.class, DigestCommand.class, ExtractCommand.class, TranscribeCommand.class, FeedsCommand.class, ServeCommand.class, WorkerCommand.class, EvalCommand.class, TrainCommand.class,
                ConfigCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Settings come from PODSIFT_* environment variables; 'podsift config' shows them."})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("podsift: " + dev.podsift.app.TerminalText.line(ex.getMessage() == null ? ex.toString()
                    : ex.getMessage()));
            return 1;
        });
        return cli.execute(args);
    }
}
