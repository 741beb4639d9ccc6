package io.wirewatch.console;

import io.wirewatch.model.config.ConfigException;
import io.wirewatch.model.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Typed, validated console settings. Defaults and their reasons: {@code wirewatch-console.properties}.
 *
 * @param enabled            whether {@code wirewatch run} starts the console
 * @param bind               address the HTTP server binds
 * @param port               its port; 0 for any free port
 * @param allowedHosts       host names accepted on token-less reads besides loopback names
 * @param tokenFile          the access token's file, or null for {@code console.token} in the state dir
 * @param applicationId      the console's own Kafka Streams application id
 * @param stateDir           where its stores live
 * @param defaultLimit       records listed when a request names no limit
 * @param maxLimit           the largest limit a request may ask for
 * @param preview            bounds of rule previews
 * @param eventsMaxClients   Server-Sent Events clients at once
 * @param eventsHeartbeat    silence after which a comment line is sent
 * @param visibleTimeout     how long a change waits to show in the console's own store
 * @param allowFileUrls      whether sources added through the API may use file: URLs
 * @param streams            Kafka Streams properties passed through
 */
public record ConsoleConfig(
    boolean enabled,
    String bind,
    int port,
    List<String> allowedHosts,
    Path tokenFile,
    String applicationId,
    Path stateDir,
    int defaultLimit,
    int maxLimit,
    Preview preview,
    int eventsMaxClients,
    Duration eventsHeartbeat,
    Duration visibleTimeout,
    boolean allowFileUrls,
    Map<String, String> streams) {

  public static final String DEFAULTS = "wirewatch-console.properties";

  /**
   * Bounds of one rule preview.
   *
   * @param maxArticles articles scanned at most
   * @param maxTime     scan time at most
   * @param maxMatches  matches returned at most (all are counted)
   * @param answerWithin a preview done within this is answered at once
   * @param maxRunning  previews running at once
   * @param keep        how long a finished preview stays readable
   */
  public record Preview(long maxArticles, Duration maxTime, int maxMatches, Duration answerWithin, int maxRunning,
      Duration keep) {}

  public ConsoleConfig {
    allowedHosts = List.copyOf(allowedHosts);
    streams = Map.copyOf(streams);
  }

  public static ConsoleConfig from(Settings s) {
    int defaultLimit = s.intValue("console.list.default-limit", 1, 100_000);
    int maxLimit = s.intValue("console.list.max-limit", 1, 100_000);
    if (defaultLimit > maxLimit) {
      throw new ConfigException("console.list.default-limit = " + defaultLimit + " (from "
          + s.origin("console.list.default-limit") + ") is larger than console.list.max-limit = " + maxLimit);
    }
    return new ConsoleConfig(
        s.bool("console.enabled"),
        s.string("console.bind"),
        s.intValue("console.port", 0, 65_535),
        s.list("console.allowed-hosts"),
        s.optionalPath("console.token-file"),
        s.string("console.application-id"),
        s.path("console.state-dir"),
        defaultLimit,
        maxLimit,
        new Preview(
            s.longValue("console.preview.max-articles", 1, Long.MAX_VALUE),
            positive(s, "console.preview.max-time"),
            s.intValue("console.preview.max-matches", 1, 10_000),
            s.duration("console.preview.wait"),
            s.intValue("console.preview.max-running", 1, 64),
            positive(s, "console.preview.keep")),
        s.intValue("console.events.max-clients", 1, 1_000),
        positive(s, "console.events.heartbeat"),
        s.duration("console.write.visible-timeout"),
        s.bool("console.sources.allow-file-urls"),
        s.withPrefix("console.streams"));
  }

  private static Duration positive(Settings s, String key) {
    Duration d = s.duration(key);
    if (d.isZero()) {
      throw new ConfigException(key + " = 0 (from " + s.origin(key) + "): expected a duration above zero");
    }
    return d;
  }

  public static ConsoleConfig defaults() {
    return from(Settings.defaults(DEFAULTS));
  }

  /** The same config with another state directory and token file (tests and `run` keep both in their data dir). */
  public ConsoleConfig withStateDir(Path dir, Path token) {
    return new ConsoleConfig(enabled, bind, port, allowedHosts, token, applicationId, dir, defaultLimit, maxLimit,
        preview, eventsMaxClients, eventsHeartbeat, visibleTimeout, allowFileUrls, streams);
  }

  /** The same config on another port (tests take any free port with 0). */
  public ConsoleConfig withPort(int p) {
    return new ConsoleConfig(enabled, bind, p, allowedHosts, tokenFile, applicationId, stateDir, defaultLimit,
        maxLimit, preview, eventsMaxClients, eventsHeartbeat, visibleTimeout, allowFileUrls, streams);
  }

  /** The token file: the configured one, else {@code console.token} in the state directory. */
  public Path tokenFileOrDefault() {
    return tokenFile != null ? tokenFile : stateDir.resolve("console.token");
  }
}
