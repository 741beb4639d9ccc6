package io.wirewatch.app;

import io.wirewatch.console.ConsoleConfig;
import io.wirewatch.ingest.IngestConfig;
import io.wirewatch.model.config.Settings;
import io.wirewatch.notify.NotifyConfig;
import io.wirewatch.process.ProcessConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command takes: where the config comes from. */
final class CommonOptions {

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file overriding the defaults (see README, Configuration).")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override one setting, e.g. --set ingest.poll.interval=1m. Repeatable.")
  Map<String, String> overrides = new LinkedHashMap<>();

  /** Defaults of every module, then the config file, the environment, then --set. */
  Settings settings(Map<String, String> extra) {
    return Settings.builder()
        .defaultsResource(AppConfig.DEFAULTS)
        .defaultsResource(IngestConfig.DEFAULTS)
        .defaultsResource(ProcessConfig.DEFAULTS)
        .defaultsResource(ConsoleConfig.DEFAULTS)
        .defaultsResource(NotifyConfig.DEFAULTS)
        .file(configFile)
        .environment(System.getenv())
        .overrides(extra)
        .overrides(overrides)
        .build();
  }
}
