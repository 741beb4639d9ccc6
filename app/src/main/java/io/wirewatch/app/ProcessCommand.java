package io.wirewatch.app;

import io.wirewatch.app.management.Management;
import io.wirewatch.app.management.ManagementConfig;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.config.Settings;
import io.wirewatch.process.ProcessConfig;
import io.wirewatch.process.ProcessMetrics;
import io.wirewatch.process.ProcessService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wirewatch process}: only the Streams stage, against an existing cluster. */
@Command(
    name = "process",
    mixinStandardHelpOptions = true,
    description = "Runs the Kafka Streams application: news.raw -> news.articles (cleaned, classified, with "
        + "their story), news.stories, news.alerts (one per rule and story), news.dead-letter. Start more "
        + "instances with the same application id to share the partitions.")
final class ProcessCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Spec
  CommandSpec spec;

  @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT",
      description = "Kafka cluster to read from and write to.")
  String bootstrapServers;

  @Option(names = "--rules", paramLabel = "FILE", description = "Alert rules file (YAML). Default: bundled rules.")
  Path rulesFile;

  @Override
  public Integer call() throws Exception {
    Map<String, String> extra = new LinkedHashMap<>();
    if (rulesFile != null) {
      extra.put("process.rules", rulesFile.toString());
    }
    Settings settings = common.settings(extra);
    AppConfig app = AppConfig.from(settings);
    ProcessConfig config = ProcessConfig.from(settings);
    ManagementConfig managementConfig = ManagementConfig.from(settings);
    if (settings.origin("process.state-dir").startsWith("defaults")) {
      config = config.withStateDir(app.dataDir().resolve("process")); // follows --set app.data-dir
    }
    TopicCreator.ensure(bootstrapServers, app.topics(), app.partitions(), app.replicationFactor());
    Lifecycle lifecycle = new Lifecycle();
    String failure;
    try (Management management = Management.forPort(managementConfig.address(), managementConfig.port(), false);
        ProcessService service = new ProcessService(bootstrapServers, config, app.topics(), Clock.systemUTC(),
            new ProcessMetrics(management.registry()))) {
      management.readiness("process", service::notReady);
      management.announce();
      service.start();
      failure = lifecycle.awaitStop(null, service.failure());
    } finally {
      lifecycle.closed();
    }
    return IngestCommand.exitCode(spec, failure);
  }
}
