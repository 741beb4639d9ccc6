package io.wirewatch.process.story;

import static io.wirewatch.process.story.Streams.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.model.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoryAssignerTest {

  private static final StoryAnalyzer ANALYZER = StoryAnalyzer.bundled();

  private static StoryAssigner assigner(StoryState state) {
    return new StoryAssigner(state, ANALYZER, StoryModel.bundled(), StoryConfig.DEFAULT);
  }

  private static Map<String, String> run(StoryAssigner a, List<StoryItem> items) {
    Map<String, String> story = new LinkedHashMap<>();
    for (StoryItem x : items) {
      story.put(x.id(), a.assign(x, null).storyId());
    }
    return story;
  }

  /** Article ids grouped by story, in the articles' order, so that two runs compare as partitions. */
  private static List<List<String>> partition(Map<String, String> storyOf) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    storyOf.forEach((id, s) -> groups.computeIfAbsent(s, k -> new ArrayList<>()).add(id));
    return new ArrayList<>(groups.values());
  }

  private static final List<List<String>> EXPECTED = List.of(
      List.of("reid-1", "reid-2", "reid-3"),
      List.of("iran-1", "iran-2", "iran-3"),
      List.of("chile-1", "chile-2", "chile-3"),
      List.of("lohan-1", "lohan-2", "lohan-3"));

  @Test
  void sameKindOfEventButAnotherEventStaysApart() {
    Map<String, String> storyOf = run(assigner(new InMemoryStoryState()), Streams.mixed());

    // Two rehab check-ins, two earthquakes: four stories, each of one event.
    assertThat(partition(storyOf)).containsExactlyInAnyOrderElementsOf(EXPECTED);
    assertThat(storyOf.get("reid-1")).isEqualTo("reid-1"); // a story is named after its first article
  }

  @Test
  void lowerCasedSnippetsStillGroup() {
    Map<String, String> storyOf = run(assigner(new InMemoryStoryState()), Streams.lowerCased(Streams.mixed()));

    assertThat(partition(storyOf)).containsExactlyInAnyOrderElementsOf(EXPECTED);
  }

  @Test
  void syndicatedCopyJoinsAsADuplicate() {
    StoryAssigner a = assigner(new InMemoryStoryState());
    a.assign(Streams.REID_1, null);
    StoryAssignment first = a.assign(Streams.IRAN_1, null);
    StoryAssignment copy = a.assign(Streams.IRAN_1_COPY, null);

    assertThat(copy.storyId()).isEqualTo(first.storyId());
    assertThat(copy.started()).isFalse();
    assertThat(copy.duplicate()).isTrue();
    assertThat(copy.candidates().get(0).duplicate()).isGreaterThanOrEqualTo(StoryConfig.DEFAULT.duplicateJaccard());
    assertThat(copy.story().articleCount()).isEqualTo(2);
    assertThat(copy.story().sources()).containsExactly("reuters.example", "yahoo.example");
  }

  @Test
  void storyInactiveBeyondTheWindowIsNotJoined() {
    StoryAssigner a = assigner(new InMemoryStoryState());
    StoryAssignment first = a.assign(Streams.IRAN_1, null);
    StoryItem late = new StoryItem("iran-late", Streams.IRAN_2.title(), Streams.IRAN_2.text(),
        Streams.IRAN_1.published().plus(Duration.ofDays(3)).plusSeconds(1), "bbc.example", "en");

    StoryAssignment second = a.assign(late, null);

    assertThat(second.started()).isTrue();
    assertThat(second.storyId()).isNotEqualTo(first.storyId());
  }

  @Test
  void storyActiveWithinTheWindowIsJoinedAndClosingDropsOnlyExpiredStories() {
    InMemoryStoryState state = new InMemoryStoryState();
    StoryAssigner a = assigner(state);
    a.assign(Streams.IRAN_1, null);
    StoryItem later = new StoryItem("iran-later", Streams.IRAN_2.title(), Streams.IRAN_2.text(),
        Streams.IRAN_1.published().plus(Duration.ofDays(3)), "bbc.example", "en");
    assertThat(a.assign(later, null).storyId()).isEqualTo("iran-1");
    StoryItem undated = new StoryItem("chile-1", Streams.CHILE_1.title(), Streams.CHILE_1.text(), null, "ap.example", "en");
    a.assign(undated, Streams.IRAN_1.published().plus(Duration.ofDays(5)));

    assertThat(a.closeExpired(Streams.IRAN_1.published().plus(Duration.ofDays(6)).plusSeconds(1)))
        .extracting(Story::id).containsExactly("iran-1");
    assertThat(state.story("iran-1")).isNull();
    assertThat(state.story("chile-1")).isNotNull();
    assertThat(a.indexedStories()).isEqualTo(1);
  }

  @Test
  void sameInputGivesSameStoriesAndARestoredStateContinuesIdentically() {
    List<StoryItem> stream = Streams.mixed();
    Map<String, String> once = run(assigner(new InMemoryStoryState()), stream);
    Map<String, String> twice = run(assigner(new InMemoryStoryState()), stream);
    assertThat(twice).isEqualTo(once);

    // Half the stream, then a restore (a new assigner over a copy of the state rebuilds its index), then the rest.
    InMemoryStoryState state = new InMemoryStoryState();
    StoryAssigner original = assigner(state);
    Map<String, String> before = run(original, stream.subList(0, 6));
    StoryAssigner restored = assigner(roundTrip(state));
    Map<String, String> after = run(restored, stream.subList(6, stream.size()));
    Map<String, String> both = new LinkedHashMap<>(before);
    both.putAll(after);
    assertThat(both).isEqualTo(once);
  }

  /** The state as a store would hold it: every story through JSON. */
  private static InMemoryStoryState roundTrip(InMemoryStoryState state) {
    InMemoryStoryState copy = new InMemoryStoryState();
    state.forEachStory(s -> {
      try {
        copy.putStory(Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(s), Story.class));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    state.copyFrequenciesTo(copy);
    return copy;
  }

  @Test
  void storyRecordSurvivesJson() throws Exception {
    StoryAssigner a = assigner(new InMemoryStoryState());
    a.assign(Streams.IRAN_1, null);
    Story s = a.assign(Streams.IRAN_2, null).story();

    Story back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(s), Story.class);

    assertThat(back).usingRecursiveComparison().isEqualTo(s);
    assertThat(back.text()).isEqualTo(s.text());
  }

  @Test
  void snapshotCarriesTheStoryFields() {
    StoryAssigner a = assigner(new InMemoryStoryState());
    StoryAssignment last = null;
    for (StoryItem x : List.of(Streams.IRAN_1, Streams.IRAN_2, Streams.IRAN_3)) {
      last = a.assign(x, null);
    }
    Story s = last.story();
    assertThat(s.articleCount()).isEqualTo(3);
    assertThat(s.sourceCount()).isEqualTo(3);
    assertThat(s.firstSeen()).isEqualTo(Streams.IRAN_1.published());
    assertThat(s.lastSeen()).isEqualTo(Streams.IRAN_3.published());
    assertThat(s.latestArticles()).extracting(StoryArticle::id).containsExactly("iran-3", "iran-2", "iran-1");
    assertThat(s.latestArticles().get(0).url()).isEqualTo("https://aljazeera.example/iran-3");
    assertThat(s.countries()).extracting(c -> c.code()).startsWith("IR");
    assertThat(s.topTerms()).contains("bushehr");
    assertThat(List.of(Streams.IRAN_1.title(), Streams.IRAN_2.title(), Streams.IRAN_3.title())).contains(s.headline());
  }

  @Test
  void stateStaysBoundedHoweverLongTheStory() {
    StoryConfig config = StoryConfig.DEFAULT;
    StoryAssigner a = assigner(new InMemoryStoryState());
    Story s = null;
    for (int i = 0; i < 60; i++) {
      StoryItem x = new StoryItem("iran-" + (100 + i), Streams.IRAN_2.title(),
          Streams.IRAN_2.text() + " Update " + i + ": rescuers reached village number " + i + " near Kaki.",
          at(1 + i * 0.1), "outlet" + i + ".example", "en");
      s = a.assign(x, null).story();
    }
    assertThat(s.articleCount()).isEqualTo(60);
    assertThat(s.latestArticles()).hasSize(config.latestArticles());
    assertThat(s.sources()).hasSize(config.maxSources());
    assertThat(s.sourceCount()).isEqualTo(60);
    assertThat(s.signatures()).hasSize(config.signatures());
    assertThat(s.text().size()).isLessThanOrEqualTo(config.textTerms());
    assertThat(s.topTerms()).hasSizeLessThanOrEqualTo(config.indexTerms());
  }

  @Test
  void candidateIndexDecidesAsTheExhaustiveScan() {
    InMemoryStoryState state = new InMemoryStoryState();
    StoryAssigner a = assigner(state);
    for (StoryItem x : Streams.mixed()) {
      List<StoryCandidate> all = a.scoreAllActive(x, null);
      String exhaustive = !all.isEmpty() && all.get(0).score() >= a.model().threshold() ? all.get(0).storyId() : null;
      StoryAssignment got = a.assign(x, null);
      assertThat(got.started() ? null : got.storyId()).as(x.id()).isEqualTo(exhaustive);
    }
  }

  @Test
  void takenStoryIdGetsASuffix() {
    StoryAssigner a = assigner(new InMemoryStoryState());
    a.assign(Streams.IRAN_1, null);
    // The same article id again, about something else: it cannot reuse the live story's id.
    StoryAssignment again = a.assign(new StoryItem("iran-1", Streams.CHILE_1.title(), Streams.CHILE_1.text(),
        at(2), "ap.example", "en"), null);
    assertThat(again.started()).isTrue();
    assertThat(again.storyId()).isEqualTo("iran-1-2");
  }

  @Test
  void otherLanguagesAndEmptyItemsDoNotBreakIt() {
    StoryAssigner a = assigner(new InMemoryStoryState());
    Map<String, String> ids = new HashMap<>();
    for (StoryItem x : List.of(
        new StoryItem("ko-1", "북한, 남북공동연락사무소 철수", "북한이 22일 개성 남북공동연락사무소에서 인력을 철수했다.", at(0), "yna", "ko"),
        new StoryItem("ko-2", "북한 연락사무소 철수", "북한이 개성 남북공동연락사무소에서 철수했다고 통일부가 밝혔다.", at(1), "kbs", "ko"),
        new StoryItem("ru-1", "Землетрясение в Иране", "Землетрясение магнитудой 6,1 произошло на юге Ирана.", at(2), "tass", "ru"),
        new StoryItem("empty", "", "", at(3), null, null))) {
      StoryAssignment got = a.assign(x, null);
      ids.put(x.id(), got.storyId());
      assertThat(got.story().headline()).isNotNull();
    }
    assertThat(ids.get("empty")).isEqualTo("empty");
  }

  @Test
  void articleWithoutAnyTimeIsRefused() {
    StoryAssigner a = assigner(new InMemoryStoryState());
    StoryItem undated = new StoryItem("x", "t", "text", null, null, "en");
    assertThatThrownBy(() -> a.assign(undated, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x");
    assertThat(a.assign(undated, Instant.EPOCH).started()).isTrue();
  }
}
