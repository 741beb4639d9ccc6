package io.wirewatch.app;

import io.wirewatch.ingest.IngestConfig;
import io.wirewatch.ingest.Ingestor;
import io.wirewatch.ingest.source.SourcesFile;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.config.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wirewatch ingest}: only the ingest stage, against an existing cluster. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Polls the sources and writes raw pages to news.raw on an existing Kafka cluster.")
final class IngestCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT",
      description = "Kafka cluster to write to.")
  String bootstrapServers;

  @Option(names = "--sources", required = true, paramLabel = "FILE", description = "Sources file (YAML).")
  Path sourcesFile;

  @Override
  public Integer call() throws Exception {
    Settings settings = common.settings(Map.of());
    AppConfig app = AppConfig.from(settings);
    IngestConfig config = IngestConfig.from(settings);
    var sources = SourcesFile.read(SourcesFile.existing(sourcesFile));
    TopicCreator.ensure(bootstrapServers, app.topics(), app.partitions(), app.replicationFactor());
    Lifecycle lifecycle = new Lifecycle();
    try (Ingestor ingestor = Ingestor.toKafka(bootstrapServers, config, app.topics(), sources, Clock.systemUTC())) {
      ingestor.start();
      lifecycle.awaitStop(null);
    } finally {
      lifecycle.closed();
    }
    return 0;
  }
}
