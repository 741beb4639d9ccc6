package io.wirewatch.app;

import io.wirewatch.model.Topics;
import io.wirewatch.model.config.Settings;
import java.nio.file.Path;
import java.util.Map;

/**
 * Typed, validated launcher settings. Defaults and their reasons: {@code wirewatch-app.properties}.
 *
 * @param dataDir           embedded broker and Streams state
 * @param topics            topic names after the prefix
 * @param partitions        partitions of created topics
 * @param replicationFactor replicas of created topics
 * @param consoleGroupId    consumer group of the alert printer
 * @param broker            embedded broker overrides
 */
public record AppConfig(
    Path dataDir,
    Topics topics,
    int partitions,
    short replicationFactor,
    String consoleGroupId,
    Map<String, String> broker) {

  public static final String DEFAULTS = "wirewatch-app.properties";

  public static AppConfig from(Settings s) {
    return new AppConfig(
        s.path("app.data-dir"),
        Topics.withPrefix(s.string("app.topics.prefix", "")),
        s.intValue("app.topics.partitions", 1, 10_000),
        (short) s.intValue("app.topics.replication-factor", 1, 7),
        s.string("app.console.group-id"),
        s.withPrefix("app.broker"));
  }
}
