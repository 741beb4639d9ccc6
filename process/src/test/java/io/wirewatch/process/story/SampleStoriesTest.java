package io.wirewatch.process.story;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.process.clean.ArticleCleaner;
import io.wirewatch.process.clean.CleanedPage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bundled sample (app's samples/articles, which the build hands to these tests): one story told by three outlets, the
 * liaison-office withdrawal of March 2019, and four unrelated articles, two of which mention
 * sanctions or the liaison office in passing. Cleaned as the process stage cleans them.
 */
class SampleStoriesTest {

  private static final List<String> KOREA = List.of(
      "korea-liaison-withdrawal", "commentary-sanctions-relief", "analysis-nuclear-diplomacy");
  private static final List<String> OTHERS = List.of(
      "chip-plant-opens", "city-marathon", "export-rules-tighten", "typhoon-warning");

  private static StoryItem cleaned(String name) {
    try (InputStream in = SampleStoriesTest.class.getResourceAsStream("/samples/articles/" + name + ".html")) {
      String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String url = "https://samples.example/" + name + ".html";
      CleanedPage page = new ArticleCleaner().clean(html, url);
      return new StoryItem(name, page.title(), page.text(), page.published(), "samples", "en", url);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("sample " + name + " missing", e);
    }
  }

  /** Without their dates, as if fetched in one poll: every article takes the same time. */
  private static StoryItem undated(StoryItem x) {
    return new StoryItem(x.id(), x.title(), x.text(), null, x.source(), x.language(), x.url());
  }

  private static Map<String, String> cluster(List<String> order, StoryConfig config, boolean dated) {
    StoryAssigner a = new StoryAssigner(new InMemoryStoryState(), StoryAnalyzer.bundled(), StoryModel.bundled(), config);
    Map<String, String> story = new LinkedHashMap<>();
    for (String name : order) {
      StoryItem x = dated ? cleaned(name) : undated(cleaned(name));
      story.put(name, a.assign(x, POLL).storyId());
    }
    return story;
  }

  private static final Instant POLL = Instant.parse("2019-03-27T09:00:00Z");

  /** Interleaved, with unrelated articles first and in between, as feeds deliver them. */
  private static final List<String> INTERLEAVED = List.of(
      OTHERS.get(0), KOREA.get(0), OTHERS.get(1), KOREA.get(1), OTHERS.get(2), KOREA.get(2), OTHERS.get(3));

  @Test
  void threeOutletsOnTheLiaisonOfficeFormOneStoryAndNothingElseJoinsIt() {
    Map<String, String> story = cluster(INTERLEAVED, StoryConfig.DEFAULT, false);

    String korea = story.get(KOREA.get(0));
    assertThat(KOREA).allSatisfy(name -> assertThat(story.get(name)).as(name).isEqualTo(korea));
    assertThat(OTHERS).allSatisfy(name -> assertThat(story.get(name)).as(name).isNotEqualTo(korea));
  }

  @Test
  void orderDoesNotMatterForTheSampleStory() {
    List<String> order = new ArrayList<>(List.of(KOREA.get(2), KOREA.get(1), KOREA.get(0)));
    order.addAll(OTHERS);

    Map<String, String> story = cluster(order, StoryConfig.DEFAULT, false);

    String korea = story.get(KOREA.get(2));
    assertThat(KOREA).allSatisfy(name -> assertThat(story.get(name)).as(name).isEqualTo(korea));
    assertThat(OTHERS).allSatisfy(name -> assertThat(story.get(name)).as(name).isNotEqualTo(korea));
  }

  @Test
  void byTheirOwnDatesTheThreeOutletsAreOneStoryInEveryOrderOfArrival() {
    // Published 22 March 00:40, 23 March 06:00 and 24 March 12:00, the unrelated articles in between:
    // within the default window of each other, whichever arrives first.
    for (List<String> korea : List.of(
        List.of(KOREA.get(0), KOREA.get(1), KOREA.get(2)), List.of(KOREA.get(0), KOREA.get(2), KOREA.get(1)),
        List.of(KOREA.get(1), KOREA.get(0), KOREA.get(2)), List.of(KOREA.get(1), KOREA.get(2), KOREA.get(0)),
        List.of(KOREA.get(2), KOREA.get(0), KOREA.get(1)), List.of(KOREA.get(2), KOREA.get(1), KOREA.get(0)))) {
      List<String> order = List.of(OTHERS.get(3), korea.get(0), OTHERS.get(2), korea.get(1), OTHERS.get(1),
          korea.get(2), OTHERS.get(0));
      Map<String, String> story = cluster(order, StoryConfig.DEFAULT, true);
      String id = story.get(KOREA.get(0));
      assertThat(KOREA).as("order %s", order).allSatisfy(name -> assertThat(story.get(name)).as(name).isEqualTo(id));
      assertThat(OTHERS).as("order %s", order).allSatisfy(name -> assertThat(story.get(name)).as(name).isNotEqualTo(id));
    }
  }

  @Test
  void aWindowShorterThanTheGapsClosesTheStoryBeforeTheNextOutletReports() {
    // 29 hours from the withdrawal to the commentary: with a one-day window the first story is
    // closed by then, and a closed story is never joined.
    Map<String, String> oneDay = cluster(INTERLEAVED, StoryConfig.DEFAULT.withWindow(Duration.ofDays(1)), true);
    assertThat(oneDay.get(KOREA.get(1))).isNotEqualTo(oneDay.get(KOREA.get(0)));
  }
}
