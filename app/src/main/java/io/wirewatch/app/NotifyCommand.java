package io.wirewatch.app;

import io.wirewatch.app.management.Management;
import io.wirewatch.app.management.ManagementConfig;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.config.Settings;
import io.wirewatch.notify.DeadLetterReplay;
import io.wirewatch.notify.Notifier;
import io.wirewatch.notify.NotifyConfig;
import io.wirewatch.notify.channel.Channel;
import io.wirewatch.notify.channel.ChannelsFile;
import io.wirewatch.notify.deliver.DeliveryListener;
import io.wirewatch.notify.deliver.DeliveryStats;
import io.wirewatch.notify.deliver.NotifyMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wirewatch notify}: only the delivery stage, against an existing cluster. */
@Command(
    name = "notify",
    mixinStandardHelpOptions = true,
    description = "Joins the notify group on an existing Kafka cluster and delivers the alerts of news.alerts "
        + "(and story bursts of news.stories) to the channels of --channels FILE: webhooks (signed JSON) and "
        + "Slack-compatible incoming webhooks. Start several to share the partitions. With "
        + "--replay-dead-letters it delivers the notify.deliver dead letters written since the last replay "
        + "once more, then exits.")
final class NotifyCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(NotifyCommand.class);

  @Mixin
  CommonOptions common;

  @Spec
  CommandSpec spec;

  @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT",
      description = "Kafka cluster to read from.")
  String bootstrapServers;

  @Option(names = "--channels", required = true, paramLabel = "FILE",
      description = "Channels file (YAML; see deploy/channels.example.yaml). ${NAME} values come from the environment.")
  Path channelsFile;

  @Option(names = "--replay-dead-letters",
      description = "Deliver the notify.deliver dead letters written since the last replay again, then exit.")
  boolean replay;

  @Override
  public Integer call() throws Exception {
    Settings settings = common.settings(Map.of());
    AppConfig app = AppConfig.from(settings);
    NotifyConfig config = NotifyConfig.from(settings);
    List<Channel> channels = ChannelsFile.read(channelsFile);
    TopicCreator.ensure(bootstrapServers, app.topics(), app.partitions(), app.replicationFactor());
    if (replay) {
      return replay(app, config, channels);
    }
    ManagementConfig managementConfig = ManagementConfig.from(settings);
    DeliveryStats stats = new DeliveryStats();
    Lifecycle lifecycle = new Lifecycle();
    String failure;
    try (Management management = Management.forPort(managementConfig.address(), managementConfig.port(), false)) {
      NotifyMetrics metrics = new NotifyMetrics(management.registry());
      try (Notifier notifier = Notifier.toKafka(bootstrapServers, config, app.topics(), channels, Clock.systemUTC(),
          stats.and(metrics))) {
        metrics.backlogs(notifier::backlogs);
        management.announce();
        notifier.start();
        LOG.info("notify: delivering to {} channels ({}); Ctrl-C stops", channels.size(),
            channels.stream().map(Channel::id).toList());
        failure = lifecycle.awaitStop(null, notifier.failure());
      }
    } finally {
      lifecycle.closed();
    }
    LOG.info("notify stopped: {}", stats.snapshot());
    return IngestCommand.exitCode(spec, failure);
  }

  private int replay(AppConfig app, NotifyConfig config, List<Channel> channels) throws InterruptedException {
    DeadLetterReplay.Summary s;
    try {
      s = DeadLetterReplay.run(bootstrapServers, config, app.topics(), channels, Clock.systemUTC(),
          DeliveryListener.NONE);
    } catch (IllegalStateException e) {
      return IngestCommand.exitCode(spec, "replay stopped: " + e.getMessage());
    }
    spec.commandLine().getOut().printf("replayed %d dead letter(s): %d delivered, %d given up again, %d for channels "
        + "the file does not have%n", s.letters(), s.delivered(), s.deadAgain(), s.unknownChannel());
    return 0;
  }
}
