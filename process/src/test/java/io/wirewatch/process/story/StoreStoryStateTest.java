package io.wirewatch.process.story;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.model.JsonSerde;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store-backed state with its caches says what the stores say, and assigns as memory alone does. */
class StoreStoryStateTest {

  private KeyValueStore<String, Story> stories;
  private KeyValueStore<String, Long> terms;

  @BeforeEach
  void stores() {
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    stories = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("stories"), Serdes.String(),
        new JsonSerde<>(Story.class)).withLoggingDisabled().build();
    stories.init(context.getStateStoreContext(), stories);
    terms = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("terms"), Serdes.String(), Serdes.Long())
        .withLoggingDisabled().build();
    terms.init(context.getStateStoreContext(), terms);
  }

  private static Map<String, String> assign(StoryState state, List<StoryItem> items) {
    StoryAssigner a = new StoryAssigner(state, StoryAnalyzer.bundled(), StoryModel.bundled(), StoryConfig.DEFAULT);
    Map<String, String> storyOf = new LinkedHashMap<>();
    for (StoryItem x : items) {
      storyOf.put(x.id(), a.assign(x, null).storyId());
    }
    return storyOf;
  }

  private static List<StoryItem> twoStreams() {
    List<StoryItem> items = new ArrayList<>(Streams.mixed());
    items.addAll(Streams.lowerCased(Streams.mixed()).stream()
        .map(x -> new StoryItem("lc-" + x.id(), x.title(), x.text(), x.published(), x.source(), x.language(), x.url()))
        .toList());
    return items;
  }

  @Test
  void assignsExactlyAsMemoryAloneDoes() {
    assertThat(assign(new StoreStoryState("en", stories, terms), twoStreams()))
        .isEqualTo(assign(new InMemoryStoryState(), twoStreams()));
  }

  @Test
  void withCachesTooSmallForTheStreamEveryReadIsDecodedFromTheStoresAndAssignsTheSame() {
    // Two stories and three terms cached: nearly every read goes to the store and its JSON.
    assertThat(assign(new StoreStoryState("en", stories, terms, 2, 3), twoStreams()))
        .isEqualTo(assign(new InMemoryStoryState(), twoStreams()));
  }

  @Test
  void aStoryReadBackFromTheStoreEqualsTheOneWritten() {
    StoreStoryState first = new StoreStoryState("en", stories, terms);
    Map<String, String> storyOf = assign(first, Streams.mixed());
    StoreStoryState fresh = new StoreStoryState("en", stories, terms);
    for (String id : storyOf.values()) {
      assertThat(fresh.story(id)).usingRecursiveComparison().isEqualTo(first.story(id));
    }
  }

  @Test
  void aFreshInstanceOverTheSameStoresSeesEverythingTheFirstWrote() {
    StoreStoryState first = new StoreStoryState("en", stories, terms);
    Map<String, String> storyOf = assign(first, Streams.mixed());
    StoreStoryState restored = new StoreStoryState("en", stories, terms);

    for (String id : storyOf.values()) {
      assertThat(restored.story(id)).isNotNull();
      assertThat(restored.story(id).articleCount()).isEqualTo(first.story(id).articleCount());
      assertThat(restored.story(id).topTerms()).isEqualTo(first.story(id).topTerms());
    }
    assertThat(restored.documentCount()).isEqualTo(first.documentCount()).isEqualTo(Streams.mixed().size());
    assertThat(restored.documentFrequency("earthquake")).isEqualTo(first.documentFrequency("earthquake")).isPositive();
    assertThat(new StoreStoryState("fr", stories, terms).documentCount()).as("another language's share").isZero();

    String gone = storyOf.get("reid-1");
    first.removeStory(gone);
    assertThat(first.story(gone)).isNull();
    assertThat(new StoreStoryState("en", stories, terms).story(gone)).isNull();
  }

  @Test
  void termFrequenciesStayRightPastTheCacheSize() {
    StoreStoryState state = new StoreStoryState("en", stories, terms);
    int n = StoreStoryState.CACHED_TERMS + 1_000;
    for (int i = 0; i < n; i++) {
      state.putDocumentFrequency("t" + i, i);
    }
    state.putDocumentFrequency("t7", 70);
    for (int i = 0; i < n; i += 997) {
      assertThat(state.documentFrequency("t" + i)).as("t" + i).isEqualTo(i == 7 ? 70 : i);
    }
    assertThat(state.documentFrequency("t7")).isEqualTo(70);
    assertThat(state.documentFrequency("never")).isZero();
  }
}
