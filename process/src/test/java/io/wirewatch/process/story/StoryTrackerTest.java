package io.wirewatch.process.story;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.model.Article;
import io.wirewatch.process.StateView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoryTrackerTest {

  private static final Instant T0 = Instant.parse("2019-03-22T00:40:00Z");

  private final StoryTracker tracker = new StoryTracker("en",
      new StoryAssigner(new InMemoryStoryState(), StoryAnalyzer.bundled(), StoryModel.bundled(),
          StoryConfig.DEFAULT.withWindow(Duration.ofDays(3))),
      StoryAnalyzer.bundled(), StoryMemberships.inMemory(), StateView.of(new HashMap<>()), StateView.of(new HashMap<>()),
      new BurstDetector(new BurstDetector.Settings(5, 3, Duration.ofHours(1), 3)),
      Clock.fixed(T0, ZoneOffset.UTC));

  private static Article article(String id, String source, String title, String text, Instant published) {
    return revision(id, source, title, text, published, 0);
  }

  private static Article revision(String id, String source, String title, String text, Instant published, int n) {
    return new Article(id, source, "https://" + source + ".example/" + id, title, null, published, "en", text,
        List.of(), published, null, n);
  }

  private static final String KOREA = "North Korea withdrew its staff from the inter-Korean liaison office in "
      + "Kaesong on Friday, a day after Washington announced new sanctions on two Chinese shipping companies.";

  @Test
  void anotherOutletsReportJoinsTheStoryAndALaterQuietWindowClosesIt() {
    StoryTracker.Tracked first = tracker.track(article("a", "wire",
        "North Korea pulls staff out of liaison office", KOREA, T0), T0);
    StoryTracker.Tracked second = tracker.track(article("b", "desk",
        "Pyongyang withdraws from joint liaison office after sanctions", KOREA, T0.plusSeconds(3600)), T0);
    assertThat(first.started()).isTrue();
    assertThat(second.started()).isFalse();
    assertThat(second.article().storyId()).isEqualTo(first.story().id());
    assertThat(second.story().articleCount()).isEqualTo(2);
    assertThat(second.story().sources()).containsExactly("wire", "desk");
    assertThat(second.closed()).isEmpty();

    StoryTracker.Tracked later = tracker.track(article("c", "wire", "Record field for the city marathon",
        "Forty thousand runners start the city marathon on Sunday morning.", T0.plus(Duration.ofDays(4))),
        T0.plus(Duration.ofDays(4)));
    assertThat(later.closed()).singleElement().satisfies(s -> {
      assertThat(s.id()).isEqualTo(first.story().id());
      assertThat(s.closed()).isTrue();
      assertThat(s.articleCount()).isEqualTo(2);
    });
  }

  @Test
  void aPublicationDateInTheFutureIsTakenAsTheArrivalAndClosesNothing() {
    StoryTracker.Tracked first = tracker.track(article("a", "wire",
        "North Korea pulls staff out of liaison office", KOREA, T0), T0);
    Instant arrived = T0.plus(Duration.ofHours(2));
    StoryTracker.Tracked bogus = tracker.track(article("x", "spam", "Typhoon nears the islands",
        "A typhoon is expected to reach the southern islands on Monday.", Instant.parse("2099-01-01T00:00:00Z")),
        arrived);
    assertThat(bogus.closed()).isEmpty();
    assertThat(bogus.story().lastSeen()).isEqualTo(arrived);
    // The stream's clock did not jump: the Korea story is still joined by the next report.
    StoryTracker.Tracked next = tracker.track(article("b", "desk",
        "Pyongyang withdraws from joint liaison office after sanctions", KOREA, T0.plus(Duration.ofHours(3))),
        T0.plus(Duration.ofHours(3)));
    assertThat(next.article().storyId()).isEqualTo(first.story().id());
  }

  @Test
  void aRevisedArticleStaysInItsStoryAndIsNotCountedAgain() {
    StoryTracker.Tracked first = tracker.track(article("a", "wire",
        "North Korea pulls staff out of liaison office", KOREA, T0), T0);
    tracker.track(article("b", "desk", "Pyongyang withdraws from joint liaison office after sanctions", KOREA,
        T0.plusSeconds(600)), T0.plusSeconds(600));
    // The wire rewrites its article into something else entirely: it is still the story's article.
    StoryTracker.Tracked revised = tracker.track(revision("a", "wire", "Record field for the city marathon",
        "Forty thousand runners start the city marathon on Sunday morning.", T0, 1), T0.plusSeconds(1200));
    assertThat(revised.article().storyId()).isEqualTo(first.story().id());
    assertThat(revised.story()).as("the story did not change").isNull();
    StoryTracker.Tracked third = tracker.track(article("c", "radio",
        "Liaison office emptied as North Korea recalls staff", KOREA, T0.plusSeconds(1800)), T0.plusSeconds(1800));
    assertThat(third.story().articleCount()).isEqualTo(3);
  }
}
