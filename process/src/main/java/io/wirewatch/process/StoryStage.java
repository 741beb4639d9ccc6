package io.wirewatch.process;

import io.wirewatch.process.story.BurstDetector;
import io.wirewatch.process.story.StoreStoryState;
import io.wirewatch.process.story.Story;
import io.wirewatch.process.story.StoryAnalyzer;
import io.wirewatch.process.story.StoryAssigner;
import io.wirewatch.process.story.StoryConfig;
import io.wirewatch.process.story.StoryMeta;
import io.wirewatch.process.story.StoryModel;
import io.wirewatch.process.story.StoryTracker;
import io.wirewatch.process.story.StreamPace;
import java.time.Clock;
import org.apache.kafka.streams.state.KeyValueStore;

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

  public StoryStage(StoryAnalyzer analyzer, StoryModel model, StoryConfig config, BurstDetector.Settings burst,
      Clock clock) {
    this.analyzer = analyzer;
    this.model = model;
    this.config = config;
    this.bursts = new BurstDetector(burst);
    this.clock = clock;
  }

  /**
   * The tracker of {@code language} over a task's stores; building it rebuilds the language's
   * candidate index from the stored stories (what a restarted or failed-over instance does).
   */
  StoryTracker tracker(String language, KeyValueStore<String, Story> stories, KeyValueStore<String, Long> terms,
      KeyValueStore<String, StoryMeta> meta, KeyValueStore<String, StreamPace> pace) {
    StoryAssigner assigner = new StoryAssigner(new StoreStoryState(language, stories, terms), analyzer, model, config);
    return new StoryTracker(language, assigner, StateView.prefixed(language + "|", meta),
        StateView.prefixed(language + "|", pace), bursts, clock);
  }
}
