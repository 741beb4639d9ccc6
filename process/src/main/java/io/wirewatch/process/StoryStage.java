package io.wirewatch.process;

import io.wirewatch.model.Article;
import io.wirewatch.process.story.BurstDetector;
import io.wirewatch.process.story.InMemoryStoryState;
import io.wirewatch.process.story.StoreStoryMemberships;
import io.wirewatch.process.story.StoreStoryState;
import io.wirewatch.process.story.Story;
import io.wirewatch.process.story.StoryAnalyzer;
import io.wirewatch.process.story.StoryAssigner;
import io.wirewatch.process.story.StoryConfig;
import io.wirewatch.process.story.StoryMemberships;
import io.wirewatch.process.story.StoryMeta;
import io.wirewatch.process.story.StoryModel;
import io.wirewatch.process.story.StoryTracker;
import io.wirewatch.process.story.StreamPace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * What the story step of the topology is made of: the clusterer's analysis, model and bounds, the
 * burst rule, and the clock of the alerts it raises. Shared by every language's tracker; the
 * trackers themselves are made per task, over that task's stores.
 */
public final class StoryStage {

  private final StoryAnalyzer analyzer;
  private final StoryModel model;
  private final StoryConfig config;
  private final BurstDetector bursts;
  private final Clock clock;
  private final ProcessMetrics metrics;

  public StoryStage(StoryAnalyzer analyzer, StoryModel model, StoryConfig config, BurstDetector.Settings burst,
      Clock clock, ProcessMetrics metrics) {
    this.analyzer = analyzer;
    this.model = model;
    this.config = config;
    this.bursts = new BurstDetector(burst);
    this.clock = clock;
    this.metrics = metrics;
  }

  /** The story step as {@code config} sets it, with the bundled analysis and model. */
  public static StoryStage of(ProcessConfig config, Clock clock) {
    return of(config, clock, ProcessMetrics.none());
  }

  /** The same, timing each article's step and counting stories on {@code metrics}. */
  public static StoryStage of(ProcessConfig config, Clock clock, ProcessMetrics metrics) {
    return new StoryStage(StoryAnalyzer.bundled(), StoryModel.bundled(),
        StoryConfig.DEFAULT.withWindow(config.storyWindow()), config.burst(), clock, metrics);
  }

  /** Tracks {@code article} with {@code tracker}, timed as the {@code stories} step and counted. */
  StoryTracker.Tracked track(StoryTracker tracker, Article article, Instant arrived) {
    StoryTracker.Tracked t = metrics.time(ProcessMetrics.STORIES, () -> tracker.track(article, arrived));
    if (t.story() != null) {
      metrics.story(t.started(), t.burst() != null, t.closed().size());
    }
    return t;
  }

  /**
   * The tracker of {@code language} over a task's stores; building it rebuilds the language's
   * candidate index from the stored stories (what a restarted or failed-over instance does).
   */
  StoryTracker tracker(String language, KeyValueStore<String, Story> stories, KeyValueStore<String, Long> terms,
      WindowStore<String, String> memberships, KeyValueStore<String, StoryMeta> meta,
      KeyValueStore<String, StreamPace> pace) {
    StoryAssigner assigner = new StoryAssigner(new StoreStoryState(language, stories, terms), analyzer, model, config);
    return new StoryTracker(language, assigner, analyzer, new StoreStoryMemberships(memberships, membershipRetention()),
        StateView.prefixed(language + "|", meta), StateView.prefixed(language + "|", pace), bursts, clock);
  }

  /**
   * A tracker of {@code language} over memory alone, with this stage's settings: what the topology
   * assigns, replayed without Kafka (fed the same articles in the same order with the same arrival
   * times, it gives the same story ids).
   */
  public StoryTracker inMemoryTracker(String language) {
    return new StoryTracker(language, new StoryAssigner(new InMemoryStoryState(), analyzer, model, config), analyzer,
        StoryMemberships.inMemory(), StateView.of(new HashMap<>()), StateView.of(new HashMap<>()),
        bursts, clock);
  }

  /** How long the memberships store keeps an article's story. */
  Duration membershipRetention() {
    return StoryMemberships.retentionFor(config.window());
  }
}
