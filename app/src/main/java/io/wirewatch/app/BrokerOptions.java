package io.wirewatch.app;

import io.wirewatch.app.broker.EmbeddedKafka;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where a client command finds Kafka: a cluster, or the embedded broker of a running `wirewatch run`. */
final class BrokerOptions {

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "Kafka cluster. Default: the embedded broker of a running `wirewatch run` (see --data-dir).")
  String bootstrapServers;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory of `wirewatch run` (app.data-dir).")
  Path dataDir;

  /** Settings overrides implied by these options. */
  Map<String, String> overrides() {
    return dataDir == null ? Map.of() : Map.of("app.data-dir", dataDir.toString());
  }

  String bootstrapServers(AppConfig app) {
    return bootstrapServers != null ? bootstrapServers : EmbeddedKafka.runningBootstrapServers(RunCommand.brokerDir(app));
  }
}
