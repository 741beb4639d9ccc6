package io.wirewatch.app;

import io.wirewatch.console.ConsoleConfig;
import io.wirewatch.console.ConsoleService;
import io.wirewatch.console.http.AccessToken;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.config.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wirewatch console}: the ops console alone, against an existing cluster. */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = "Runs the ops console: an HTTP API and a live dashboard over the topics (alerts, stories, "
        + "articles, sources with their health, rules with a preview). Prints its URL with the access token. "
        + "Without --bootstrap-servers it uses the broker of a running `wirewatch run` on the same data directory.")
final class ConsoleCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Mixin
  BrokerOptions broker;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "The access token's file, created (mode 600) when missing (console.token-file). "
          + "Default: console.token in the console's state directory.")
  Path tokenFile;

  @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (console.port, default 8080; 0 = any free port).")
  Integer port;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Map<String, String> extra = new LinkedHashMap<>(broker.overrides());
    if (tokenFile != null) {
      extra.put("console.token-file", tokenFile.toString());
    }
    if (port != null) {
      extra.put("console.port", port.toString());
    }
    Settings settings = common.settings(extra);
    AppConfig app = AppConfig.from(settings);
    ConsoleConfig config = ConsoleConfig.from(settings);
    String bootstrap = broker.bootstrapServers(app);
    TopicCreator.ensure(bootstrap, app.topics(), app.partitions(), app.replicationFactor());
    AccessToken token = AccessToken.loadOrCreate(config.tokenFileOrDefault());
    Lifecycle lifecycle = new Lifecycle();
    try (ConsoleService console = new ConsoleService(bootstrap, config, app.topics(), token, Clock.systemUTC())) {
      console.start();
      System.out.println("Console: " + console.dashboardUrl());
      System.out.flush();
      while (!lifecycle.signalled(Duration.ofSeconds(1))) {
        Throwable failure = console.failure();
        if (failure != null) {
          // The stores stopped for good: a console that can no longer answer says so and exits.
          spec.commandLine().getErr().println("wirewatch: console: its stores stopped: " + failure);
          return Wirewatch.EXIT_FAILED;
        }
      }
    } finally {
      lifecycle.closed();
    }
    return 0;
  }
}
