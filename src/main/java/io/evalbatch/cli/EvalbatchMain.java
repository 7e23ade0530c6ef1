package io.evalbatch.cli;

import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "evalbatch",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = EvalbatchMain.Version.class,
        description = {
                "Score language-model outputs whose scoring is expensive: each response is scored once, in "
                        + "parallel, committed to PostgreSQL chunk by chunk, and metrics are derived from the "
                        + "stored results.",
                "",
                "Without EVALBATCH_DB_URL an embedded PostgreSQL keeps its data in $EVALBATCH_HOME "
                        + "(default ~/.local/share/evalbatch). EVALBATCH_PLUGINS names jars of filters, input "
                        + "formats and metrics of your own (docs/plugins.md)."},
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
                "  evalbatch run jobs/humaneval-example.yaml",
                "  evalbatch runs",
                "  evalbatch restart k3v9q2xz",
                "  evalbatch results k3v9q2xz --format json",
                "  evalbatch results k3v9q2xz --format lm-eval > results.json",
                "  evalbatch metrics k3v9q2xz --job jobs/more-metrics.yaml",
                "  evalbatch compare k3v9q2xz p8m2c4ra",
                "  evalbatch board --job humaneval-example",
                "  evalbatch worker                      (on each machine; then: evalbatch run JOB --distributed)",
                "",
                "'evalbatch help COMMAND' explains a command."})
public final class EvalbatchMain implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    /** The command line of evalbatch; {@code contexts} decides which database commands use. */
    public static CommandLine commandLine(ApplicationContexts contexts) {
        CommandLine commandLine = new CommandLine(new EvalbatchMain())
                .addSubcommand(new RunCommand(contexts))
                .addSubcommand(new RestartCommand(contexts))
                .addSubcommand(new RunsCommand(contexts))
                .addSubcommand(new ResultsCommand(contexts))
                .addSubcommand(new ScheduleCommand(contexts))
                .addSubcommand(new WorkerCommand(contexts))
                .addSubcommand(new WorkersCommand(contexts))
                .addSubcommand(new MetricsCommand(contexts))
                .addSubcommand(new CheckCommand(contexts))
                .addSubcommand(new CalibrateCommand(contexts))
                .addSubcommand(new SimulatorCommand())
                .addSubcommand(new SqlCommand(contexts))
                .addSubcommand(new DbCommand(contexts))
                .addSubcommand(new ServeCommand(contexts))
                .addSubcommand(new ReportCommand(contexts))
                .addSubcommand(new DeleteCommand(contexts))
                .addSubcommand(new ShowCommand(contexts))
                .addSubcommand(new FiltersCommand(contexts))
                .addSubcommand(new CompareCommand(contexts))
                .addSubcommand(new BoardCommand(contexts))
                .addSubcommand(new BenchCommand(contexts))
                .addSubcommand(new CommandLine.HelpCommand());
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    public static void main(String[] args) {
        int code = commandLine(new ApplicationContexts(Map.of())).execute(args);
        System.exit(code);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = EvalbatchMain.class.getPackage().getImplementationVersion();
            return new String[] {"evalbatch " + (version == null ? "(development build)" : version)};
        }
    }
}
