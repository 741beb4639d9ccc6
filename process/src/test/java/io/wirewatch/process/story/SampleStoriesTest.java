package io.wirewatch.process.story;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.process.clean.ArticleCleaner;
import io.wirewatch.process.clean.CleanedPage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bundled sample (copies of app's samples/articles): one story told by three outlets, the
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

  private static Map<String, String> cluster(List<String> order) {
    StoryAssigner a = StoryAssigner.withDefaults(new InMemoryStoryState());
    Map<String, String> story = new LinkedHashMap<>();
    // Undated pages take the time of the last dated one, as the cluster command does.
    Instant clock = Instant.parse("2019-03-22T00:00:00Z");
    for (String name : order) {
      StoryItem x = cleaned(name);
      clock = x.published() != null && x.published().isAfter(clock) ? x.published() : clock;
      story.put(name, a.assign(x, clock).storyId());
    }
    return story;
  }

  @Test
  void threeOutletsOnTheLiaisonOfficeFormOneStoryAndNothingElseJoinsIt() {
    List<String> order = new ArrayList<>();
    // Interleaved, with unrelated articles first and in between, as feeds deliver them.
    order.add(OTHERS.get(0));
    order.add(KOREA.get(0));
    order.add(OTHERS.get(1));
    order.add(KOREA.get(1));
    order.add(OTHERS.get(2));
    order.add(KOREA.get(2));
    order.add(OTHERS.get(3));

    Map<String, String> story = cluster(order);

    String korea = story.get(KOREA.get(0));
    assertThat(KOREA).allSatisfy(name -> assertThat(story.get(name)).as(name).isEqualTo(korea));
    assertThat(OTHERS).allSatisfy(name -> assertThat(story.get(name)).as(name).isNotEqualTo(korea));
  }

  @Test
  void orderDoesNotMatterForTheSampleStory() {
    List<String> order = new ArrayList<>(List.of(KOREA.get(2), KOREA.get(1), KOREA.get(0)));
    order.addAll(OTHERS);

    Map<String, String> story = cluster(order);

    String korea = story.get(KOREA.get(2));
    assertThat(KOREA).allSatisfy(name -> assertThat(story.get(name)).as(name).isEqualTo(korea));
    assertThat(OTHERS).allSatisfy(name -> assertThat(story.get(name)).as(name).isNotEqualTo(korea));
  }
}
