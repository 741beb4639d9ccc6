package io.wirewatch.app;

import io.wirewatch.bench.BenchCommand;
import io.wirewatch.bench.DurationConverter;
import io.wirewatch.model.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
      BrokerCommand.class,
      IngestCommand.class,
      ProcessCommand.class,
      ConsoleCommand.class,
      NotifyCommand.class,
      TailCommand.class,
      RulesCommand.class,
      MatchCommand.class,
      ExtractCommand.class,
      TrainCommand.class,
      ClassifyCommand.class,
      ClusterCommand.class,
      StoriesCommand.class,
      SourcesCommand.class,
      FeedCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Wirewatch implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(Wirewatch.class);
  /** The user's input cannot be used (picocli's own code for a bad option). */
  static final int EXIT_BAD_INPUT = 2;
  /** The command failed: the machine, the broker, or a bug. */
  static final int EXIT_FAILED = 1;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Wirewatch(), new LauncherEnvironment());
    cl.registerConverter(Duration.class, new DurationConverter());
    cl.setExecutionExceptionHandler(Wirewatch::report);
    return cl;
  }

  /**
   * What a command that threw tells its user, in one line. Bad input (a setting, a file, an id, a
   * query) is the user's to fix: exit 2, as picocli gives a bad option. An I/O failure is the
   * machine's: exit 1 with its message. Anything else is a bug: exit 1, saying so, with the stack
   * trace in the log at DEBUG.
   */
  static int report(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
    if (ex instanceof InvalidInputException) {
      cmd.getErr().println("wirewatch: " + ex.getMessage());
      return EXIT_BAD_INPUT;
    }
    if (ex instanceof IOException || ex instanceof UncheckedIOException) {
      cmd.getErr().println("wirewatch: " + ex.getMessage());
      LOG.debug("I/O failure", ex);
      return EXIT_FAILED;
    }
    cmd.getErr().println("wirewatch: internal error, please report it: " + ex
        + " (WIREWATCH_LOG_LEVEL=DEBUG shows where)");
    LOG.debug("internal error", ex);
    return EXIT_FAILED;
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
