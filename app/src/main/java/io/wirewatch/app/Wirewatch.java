package io.wirewatch.app;

import io.wirewatch.bench.BenchCommand;
import io.wirewatch.model.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code wirewatch} command: one entry point for every tool. */
@Command(
    name = "wirewatch",
    mixinStandardHelpOptions = true,
    versionProvider = Wirewatch.Version.class,
    description = "Streaming news ingestion and alerting on Kafka.",
    subcommands = {
      RunCommand.class,
      IngestCommand.class,
      ProcessCommand.class,
      TailCommand.class,
      RulesCommand.class,
      MatchCommand.class,
      ExtractCommand.class,
      TrainCommand.class,
      ClassifyCommand.class,
      ClusterCommand.class,
      SourcesCommand.class,
      FeedCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Wirewatch implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Wirewatch(), new LauncherEnvironment());
    // A bad setting is the user's mistake, not a crash: show the message, not a stack trace.
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof ConfigException || ex instanceof IllegalArgumentException) {
        cmd.getErr().println("wirewatch: " + ex.getMessage());
        return 2;
      }
      throw ex;
    });
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Wirewatch.class.getPackage().getImplementationVersion();
      return new String[] {"wirewatch " + (v == null ? "dev" : v)};
    }
  }
}
