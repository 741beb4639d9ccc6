package io.wirewatch.app;

import io.wirewatch.app.broker.EmbeddedKafka;
import io.wirewatch.ingest.source.OpmlFile;
import io.wirewatch.ingest.source.Source;
import io.wirewatch.ingest.source.SourceCatalog;
import io.wirewatch.ingest.source.SourcesFile;
import io.wirewatch.model.InvalidInputException;
import io.wirewatch.model.SourceDefinition;
import io.wirewatch.model.SourceStatus;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.config.Settings;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code wirewatch sources ...}: the sources table in news.sources, edited while ingest runs. */
@Command(
    name = "sources",
    mixinStandardHelpOptions = true,
    description = "Adds, lists, removes and imports sources in the compacted topic news.sources. Running "
        + "ingest instances pick up changes within a second. Without --bootstrap-servers it uses the broker "
        + "of a running `wirewatch run` on the same data directory.",
    subcommands = {
      SourcesCommand.Add.class,
      SourcesCommand.ListSources.class,
      SourcesCommand.Remove.class,
      SourcesCommand.Import.class
    })
final class SourcesCommand implements Runnable {

  @Mixin
  CommonOptions common;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Kafka cluster. Default: the embedded broker of `wirewatch run` (see --data-dir).")
  String bootstrapServers;

  @Option(names = "--data-dir", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Data directory of `wirewatch run` (app.data-dir).")
  Path dataDir;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  SourceCatalog catalog() {
    Settings settings = common.settings(dataDir == null ? Map.of() : Map.of("app.data-dir", dataDir.toString()));
    AppConfig app = AppConfig.from(settings);
    String bootstrap = bootstrapServers != null ? bootstrapServers
        : EmbeddedKafka.runningBootstrapServers(RunCommand.brokerDir(app));
    TopicCreator.ensure(bootstrap, app.topics(), app.partitions(), app.replicationFactor());
    return SourceCatalog.connect(bootstrap, app.topics());
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds or replaces one source.")
  static final class Add implements Callable<Integer> {
    @ParentCommand
    SourcesCommand parent;

    @Option(names = "--id", required = true, description = "Short stable name.")
    String id;

    @Option(names = "--url", required = true, description = "http(s) or file URL.")
    String url;

    @Option(names = "--type", defaultValue = "rss", description = "rss | atom | feed | html | page | auto (default: rss).")
    String type;

    @Option(names = "--interval", description = "Time between polls, e.g. 5m. Default: ingest.poll.interval.")
    Duration interval;

    @Override
    public Integer call() {
      Source s = new Source(id, URI.create(url), Source.Type.parse(type),
          interval);
      try (SourceCatalog c = parent.catalog()) {
        c.put(List.of(s));
      }
      System.out.println("added " + id);
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a source; its instance stops polling it.")
  static final class Remove implements Callable<Integer> {
    @ParentCommand
    SourcesCommand parent;

    @Parameters(paramLabel = "ID", description = "Source id.")
    String id;

    @Override
    public Integer call() {
      try (SourceCatalog c = parent.catalog()) {
        if (!c.definitions().containsKey(id)) {
          // The command line's error handler prints "wirewatch: <message>" and exits with 2.
          throw new InvalidInputException("no source '" + id + "'");
        }
        c.remove(id);
      }
      System.out.println("removed " + id);
      return 0;
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Adds every source of a sources YAML file or an OPML subscription list.")
  static final class Import implements Callable<Integer> {
    @ParentCommand
    SourcesCommand parent;

    @Parameters(paramLabel = "FILE", description = "sources.yaml or an .opml export of a feed reader.")
    Path file;

    @Override
    public Integer call() {
      Path f = SourcesFile.existing(file);
      List<Source> sources = OpmlFile.looksLikeOpml(f) ? OpmlFile.read(f) : SourcesFile.read(f);
      try (SourceCatalog c = parent.catalog()) {
        c.put(sources);
      }
      System.out.println("imported " + sources.size() + " sources from " + f);
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists the sources with their health from news.source-status (last poll, status, failures).")
  static final class ListSources implements Callable<Integer> {
    @ParentCommand
    SourcesCommand parent;

    @Override
    public Integer call() {
      PrintStream out = System.out;
      try (SourceCatalog c = parent.catalog()) {
        Map<String, SourceDefinition> defs = c.definitions();
        Map<String, SourceStatus> status = c.statuses();
        out.printf("%-24s %-6s %-9s %-20s %-5s %5s %5s %s%n", "ID", "TYPE", "HEALTH", "LAST POLL", "HTTP", "NEW",
            "FAILS", "URL / LAST ERROR");
        for (SourceDefinition d : defs.values()) {
          SourceStatus s = status.get(d.id());
          String health = !d.enabled() ? "disabled" : s == null ? "pending" : s.healthy()
              ? (s.error() == null ? "ok" : "failing") : "UNHEALTHY";
          out.printf("%-24s %-6s %-9s %-20s %-5s %5s %5s %s%n", d.id(), d.type(), health,
              s == null ? "-" : s.at().toString().substring(0, 19), s == null ? "-" : String.valueOf(s.httpStatus()),
              s == null ? "-" : String.valueOf(s.itemsNew()), s == null ? "-" : String.valueOf(s.consecutiveFailures()),
              s != null && s.error() != null ? d.url() + "  " + s.error() : d.url());
        }
      }
      return 0;
    }
  }
}
