package io.wirewatch.process;

import io.wirewatch.model.config.ConfigException;
import io.wirewatch.model.config.Settings;
import io.wirewatch.process.story.BurstDetector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Typed, validated process settings. Defaults and their reasons: {@code wirewatch-process.properties}.
 *
 * @param applicationId Kafka Streams application id
 * @param rules         rules file, or null for the bundled rules
 * @param taxonomy      taxonomy file, or null for the bundled taxonomy
 * @param topicModel    topic model file written by {@code wirewatch train}, or null for no topic label
 * @param languages     ISO 639-1 codes for language detection
 * @param threads       stream threads
 * @param stateDir      where the instances on this host keep their state, each in a folder of its own
 *                      ({@link InstanceDirectory})
 * @param staticMembership whether an instance joins its group under a stable name
 * @param alertWindow   default flood-control window of a rule
 * @param ruleFailureReportEvery at most one dead letter per failing rule per this interval
 * @param storyWindow   a story no article joined for this long closes
 * @param burst         when a story bursts
 * @param rocksDbMemoryMb off-heap memory of all RocksDB stores of an instance, MB ({@link RocksDbMemory})
 * @param streams       Kafka Streams properties passed through
 */
public record ProcessConfig(
    String applicationId,
    Path rules,
    Path taxonomy,
    Path topicModel,
    List<String> languages,
    int threads,
    Path stateDir,
    boolean staticMembership,
    Duration alertWindow,
    Duration ruleFailureReportEvery,
    Duration storyWindow,
    BurstDetector.Settings burst,
    int rocksDbMemoryMb,
    Map<String, String> streams) {

  public static final String DEFAULTS = "wirewatch-process.properties";

  public static ProcessConfig from(Settings s) {
    return new ProcessConfig(
        s.string("process.application-id"),
        s.optionalPath("process.rules"),
        s.optionalPath("process.taxonomy"),
        s.optionalPath("process.topic-model"),
        s.list("process.languages"),
        s.intValue("process.threads", 1, 64),
        s.path("process.state-dir"),
        s.bool("process.static-membership"),
        s.duration("process.alerts.window"),
        s.duration("process.rules.failure-report-interval"),
        s.duration("process.stories.window"),
        burst(s),
        s.intValue("process.rocksdb.memory-mb", 8, 1 << 20),
        s.withPrefix("process.streams"));
  }

  private static BurstDetector.Settings burst(Settings s) {
    try {
      return new BurstDetector.Settings(
          s.intValue("process.stories.burst.articles", 2, 10_000),
          s.intValue("process.stories.burst.sources", 1, 10_000),
          s.duration("process.stories.burst.window"),
          Double.parseDouble(s.string("process.stories.burst.factor")));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("process.stories.burst.*: " + e.getMessage());
    }
  }

  /** The same config with another state directory (tests and `run` keep state in their data dir). */
  public ProcessConfig withStateDir(Path dir) {
    return new ProcessConfig(applicationId, rules, taxonomy, topicModel, languages, threads, dir, staticMembership,
        alertWindow, ruleFailureReportEvery, storyWindow, burst, rocksDbMemoryMb, streams);
  }

  /** The same config importing another rules file at start. */
  public ProcessConfig withRules(Path file) {
    return new ProcessConfig(applicationId, file, taxonomy, topicModel, languages, threads, stateDir,
        staticMembership, alertWindow, ruleFailureReportEvery, storyWindow, burst, rocksDbMemoryMb, streams);
  }

  public static ProcessConfig defaults() {
    return from(Settings.defaults(DEFAULTS));
  }
}
