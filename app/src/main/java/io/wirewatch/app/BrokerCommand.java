package io.wirewatch.app;

import io.wirewatch.app.broker.EmbeddedKafka;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code wirewatch broker}: the embedded single-node broker alone, so that {@code ingest},
 * {@code process}, {@code console} and {@code notify} can run as separate processes on one machine,
 * as {@code docker-compose.yml} runs them on several. For trying Wirewatch out and for tests: a
 * production deployment uses a real Kafka cluster.
 */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = "Runs the embedded single-node Kafka broker (KRaft) alone until Ctrl-C, and creates "
        + "Wirewatch's topics on it. Other commands on this machine then take --bootstrap-servers 127.0.0.1:PORT.")
final class BrokerCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Spec
  CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where the broker keeps its logs (its own folder `broker` under it). Default: app.data-dir.")
  Path dataDir;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "9092",
      description = "Client port on 127.0.0.1; 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws Exception {
    Settings settings = common.settings(dataDir == null ? Map.of() : Map.of("app.data-dir", dataDir.toString()));
    AppConfig app = AppConfig.from(settings);
    Lifecycle lifecycle = new Lifecycle();
    try (EmbeddedKafka broker = new EmbeddedKafka(RunCommand.brokerDir(app), port, app.broker()).start()) {
      TopicCreator.ensure(broker.bootstrapServers(), app.topics(), app.partitions(), app.replicationFactor());
      spec.commandLine().getOut().println("Kafka broker on " + broker.bootstrapServers()
          + " (data in " + RunCommand.brokerDir(app) + "); Ctrl-C stops it.");
      spec.commandLine().getOut().flush();
      lifecycle.awaitStop(null);
    } finally {
      lifecycle.closed();
    }
    return 0;
  }
}
