package io.wirewatch.app;

import io.wirewatch.app.broker.EmbeddedKafka;
import io.wirewatch.app.management.Management;
import io.wirewatch.app.management.ManagementConfig;
import io.wirewatch.console.ConsoleConfig;
import io.wirewatch.console.ConsoleService;
import io.wirewatch.console.http.AccessToken;
import io.wirewatch.ingest.IngestConfig;
import io.wirewatch.ingest.IngestMetrics;
import io.wirewatch.ingest.Ingestor;
import io.wirewatch.ingest.source.Source;
import io.wirewatch.ingest.source.SourcesFile;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.config.Settings;
import io.wirewatch.notify.Notifier;
import io.wirewatch.notify.NotifyConfig;
import io.wirewatch.notify.channel.Channel;
import io.wirewatch.notify.channel.ChannelsFile;
import io.wirewatch.notify.deliver.DeliveryStats;
import io.wirewatch.notify.deliver.NotifyMetrics;
import io.wirewatch.process.ProcessConfig;
import io.wirewatch.process.ProcessMetrics;
import io.wirewatch.process.ProcessService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wirewatch run}: the whole pipeline in one process, on an embedded broker by default. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Runs the whole pipeline in one process: an embedded Kafka broker (unless "
        + "--bootstrap-servers), ingest, process, the ops console (its URL, with the token, is printed "
        + "first), a printer of alerts on stdout and, with --channels, delivery of the alerts to webhooks "
        + "and Slack. With no options it polls the bundled sample feeds. Ctrl-C stops everything cleanly; "
        + "a second run on the same data directory does not print the same alerts again.")
final class RunCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Mixin
  CommonOptions common;

  @Spec
  CommandSpec spec;

  @Option(names = "--sources", paramLabel = "FILE",
      description = "Sources file (YAML). Default: the bundled samples.")
  Path sourcesFile;

  @Option(names = "--rules", paramLabel = "FILE",
      description = "Alert rules file (YAML). Default: the bundled rules (sanctions, \"liaison office\").")
  Path rulesFile;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Broker logs and Streams state (setting app.data-dir, default ~/.wirewatch).")
  Path dataDir;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "Use this Kafka cluster instead of starting an embedded broker.")
  String bootstrapServers;

  @Option(names = "--channels", paramLabel = "FILE",
      description = "Channels file (YAML): also deliver the alerts to these webhooks and Slack channels "
          + "(see deploy/channels.example.yaml; a receiver on this machine needs --set notify.allow-addresses=127.0.0.1).")
  Path channelsFile;

  @Option(names = "--duration", paramLabel = "DURATION",
      description = "Stop by itself after this long, e.g. 45s or 10m. Default: run until Ctrl-C.")
  Duration duration;

  @Override
  public Integer call() throws Exception {
    Map<String, String> extra = new LinkedHashMap<>();
    if (dataDir != null) {
      extra.put("app.data-dir", dataDir.toString());
    }
    if (rulesFile != null) {
      extra.put("process.rules", rulesFile.toString());
    }
    Settings settings = common.settings(extra);
    AppConfig app = AppConfig.from(settings);
    IngestConfig ingestConfig = IngestConfig.from(settings);
    ProcessConfig processConfig = ProcessConfig.from(settings);
    NotifyConfig notifyConfig = NotifyConfig.from(settings);
    // Read before anything starts: a bad channels file is one line and exit 2, not a half-started pipeline.
    List<Channel> channels = channelsFile == null ? List.of() : ChannelsFile.read(channelsFile);
    ManagementConfig managementConfig = ManagementConfig.from(settings);
    if (settings.origin("process.state-dir").startsWith("defaults")) {
      processConfig = processConfig.withStateDir(app.dataDir().resolve("process"));
    }
    ConsoleConfig consoleConfig = consoleConfig(settings, app);
    Duration limit = duration;
    Files.createDirectories(app.dataDir());

    Lifecycle lifecycle = new Lifecycle();
    String failure;
    List<AutoCloseable> open = new ArrayList<>();
    try {
      // One registry for every stage of this process, served on the management port (later the
      // console's port). notify and the console register their meters on management.registry() and
      // add their readiness with management.readiness(name, check), as ingest and process do below.
      Management management = Management.forPort(managementConfig.address(), managementConfig.runPort(),
          managementConfig.runPortFromDefaults());
      open.add(management);
      String bootstrap = bootstrapServers;
      if (bootstrap == null) {
        EmbeddedKafka broker = new EmbeddedKafka(brokerDir(app), app.broker()).start();
        open.add(broker);
        bootstrap = broker.bootstrapServers();
      }
      TopicCreator.ensure(bootstrap, app.topics(), app.partitions(), app.replicationFactor());
      if (consoleConfig.enabled()) {
        ConsoleService console = new ConsoleService(bootstrap, consoleConfig, app.topics(),
            AccessToken.loadOrCreate(consoleConfig.tokenFileOrDefault()), Clock.systemUTC());
        open.add(console);
        console.start();
        System.out.println("Console: " + console.dashboardUrl());
      }
      Path sources = sourcesFile != null
          ? SourcesFile.existing(sourcesFile)
          : Samples.install(app.dataDir().resolve("samples"));
      List<Source> sourceList = SourcesFile.read(sources);

      ProcessService process = new ProcessService(bootstrap, processConfig, app.topics(), Clock.systemUTC(),
          new ProcessMetrics(management.registry()));
      open.add(process);
      management.readiness("process", process::notReady);
      process.start();

      AlertConsole console = new AlertConsole(bootstrap, app.consoleGroupId(), app.topics(), System.out);
      Thread consoleThread = new Thread(console, "wirewatch-alert-console");
      consoleThread.start();
      open.add(() -> {
        console.close();
        consoleThread.join(10_000);
      });

      CompletableFuture<String> notifyFailure = new CompletableFuture<>();
      DeliveryStats deliveries = new DeliveryStats();
      if (!channels.isEmpty()) {
        NotifyMetrics notifyMetrics = new NotifyMetrics(management.registry());
        Notifier notifier = Notifier.toKafka(bootstrap, notifyConfig, app.topics(), channels, Clock.systemUTC(),
            deliveries.and(notifyMetrics));
        notifyMetrics.backlogs(notifier::backlogs);
        open.add(() -> {
          notifier.close();
          LOG.info("notify stopped: {}", deliveries.snapshot());
        });
        notifier.start();
        notifier.failure().thenAccept(notifyFailure::complete);
        LOG.info("delivering alerts to {} channels: {}", channels.size(), channels.stream().map(Channel::id).toList());
      }

      Ingestor ingestor = Ingestor.toKafka(bootstrap, ingestConfig, app.topics(), sourceList, Clock.systemUTC(),
          new IngestMetrics(management.registry()));
      open.add(ingestor);
      management.readiness("ingest", ingestor::notReady);
      ingestor.start();
      LOG.info("Wirewatch running: {} sources from {}, broker {}{}. Alerts print below; Ctrl-C stops.",
          sourceList.size(), sources, bootstrap,
          management.url().map(u -> ", metrics on " + u + "/metrics (and /health, /ready)").orElse(""));

      // Whichever stage stops first decides: the pipeline cannot do its job without any of them.
      failure = lifecycle.awaitStop(limit,
          ingestor.failure().applyToEither(process.failure(), r -> r).applyToEither(notifyFailure, r -> r));
    } finally {
      closeInReverse(open);
      lifecycle.closed();
    }
    return IngestCommand.exitCode(spec, failure);
  }

  /**
   * The console's settings; unless set otherwise, its stores and its token live in the data
   * directory, so that the token (and a bookmarked URL) survives restarts.
   */
  static ConsoleConfig consoleConfig(Settings settings, AppConfig app) {
    ConsoleConfig c = ConsoleConfig.from(settings);
    Path state = settings.origin("console.state-dir").startsWith("defaults") ? app.dataDir().resolve("console")
        : c.stateDir();
    Path token = c.tokenFile() != null ? c.tokenFile() : app.dataDir().resolve("console.token");
    return c.withStateDir(state, token);
  }

  static Path brokerDir(AppConfig app) {
    return app.dataDir().resolve("broker");
  }

  /** Stops the newest first: ingest before process before the broker they both need. */
  static void closeInReverse(List<AutoCloseable> open) {
    for (int i = open.size() - 1; i >= 0; i--) {
      long t0 = System.nanoTime();
      try {
        open.get(i).close();
        LOG.debug("stopped {} in {} ms", open.get(i).getClass().getSimpleName(), (System.nanoTime() - t0) / 1_000_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.error("error while stopping {}", open.get(i), e);
      }
    }
  }
}
