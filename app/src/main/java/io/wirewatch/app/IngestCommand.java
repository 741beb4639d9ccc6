package io.wirewatch.app;

import io.wirewatch.app.management.Management;
import io.wirewatch.app.management.ManagementConfig;
import io.wirewatch.ingest.IngestConfig;
import io.wirewatch.ingest.IngestMetrics;
import io.wirewatch.ingest.Ingestor;
import io.wirewatch.ingest.source.SourcesFile;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.config.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wirewatch ingest}: only the ingest stage, against an existing cluster. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Joins the ingest group on an existing Kafka cluster, polls the sources of the news.sources "
        + "partitions Kafka assigns to this instance and writes raw pages to news.raw. Start several to share "
        + "the sources; --sources FILE imports a sources file into news.sources first.")
final class IngestCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Spec
  CommandSpec spec;

  @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT",
      description = "Kafka cluster to write to.")
  String bootstrapServers;

  @Option(names = "--sources", paramLabel = "FILE",
      description = "Sources file (YAML or OPML) imported into news.sources at start. Default: none, poll what is there.")
  Path sourcesFile;

  @Override
  public Integer call() throws Exception {
    Settings settings = common.settings(Map.of());
    AppConfig app = AppConfig.from(settings);
    IngestConfig config = IngestConfig.from(settings);
    ManagementConfig managementConfig = ManagementConfig.from(settings);
    TopicCreator.ensure(bootstrapServers, app.topics(), app.partitions(), app.replicationFactor());
    if (sourcesFile != null) {
      Path f = SourcesFile.existing(sourcesFile);
      var sources = io.wirewatch.ingest.source.OpmlFile.looksLikeOpml(f)
          ? io.wirewatch.ingest.source.OpmlFile.read(f) : SourcesFile.read(f);
      try (var catalog = io.wirewatch.ingest.source.SourceCatalog.connect(bootstrapServers, app.topics())) {
        catalog.put(sources);
      }
    }
    Lifecycle lifecycle = new Lifecycle();
    String failure;
    try (Management management = Management.forPort(managementConfig.address(), managementConfig.port(), false);
        Ingestor ingestor = Ingestor.toKafka(bootstrapServers, config, app.topics(), Clock.systemUTC(),
            new IngestMetrics(management.registry()))) {
      management.readiness("ingest", ingestor::notReady);
      management.announce();
      ingestor.start();
      failure = lifecycle.awaitStop(null, ingestor.failure());
    } finally {
      lifecycle.closed();
    }
    return exitCode(spec, failure);
  }

  /**
   * 0 after a requested stop; 1 with the reason on one line when the instance could no longer do
   * its job, so that a supervisor (systemd, Kubernetes, compose {@code restart:}) replaces it.
   */
  static int exitCode(CommandSpec spec, String failure) {
    if (failure == null) {
      return 0;
    }
    spec.commandLine().getErr().println("wirewatch: " + failure);
    return 1;
  }
}
