package io.wirewatch.console.view;

import static io.wirewatch.console.view.ViewFixture.NOW;
import static io.wirewatch.console.view.ViewFixture.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.model.Alert;
import io.wirewatch.model.InvalidInputException;
import io.wirewatch.model.Rule;
import io.wirewatch.model.Story;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The views over the console's global stores, fed through the topology as the topics would feed it. */
class ConsoleViewsTest {

  private final ViewFixture f = new ViewFixture();
  private final ConsoleViews views = f.views();

  @AfterEach
  void close() {
    f.close();
  }

  private static Instant ago(int minutes) {
    return NOW.minus(Duration.ofMinutes(minutes));
  }

  private static List<String> keys(List<Alert> alerts) {
    return alerts.stream().map(Alert::key).toList();
  }

  @Test
  void alertsAreListedNewestFirstAndAnUpdatedAlertMovesUp() {
    f.alert(ViewFixture.alert("sanctions", "a1", "warning", ago(30), null));
    f.alert(ViewFixture.alert("liaison", "a2", "critical", ago(20), null));
    f.alert(ViewFixture.alert("sanctions", "a3", "warning", ago(10), null));
    assertThat(keys(views.alerts(AlertFilter.newest(10)))).containsExactly("sanctions/a3", "liaison/a2", "sanctions/a1");

    // Flood control writes the first alert again under its key, with count and updatedAt moved on.
    Alert first = ViewFixture.alert("sanctions", "a1", "warning", ago(30), null).seenAgain("desk", ago(1));
    f.alert(first);
    assertThat(keys(views.alerts(AlertFilter.newest(10)))).containsExactly("sanctions/a1", "sanctions/a3", "liaison/a2");
    assertThat(views.alerts(AlertFilter.newest(1)).get(0).count()).isEqualTo(2);
    assertThat(f.health().count(ConsoleTopology.ALERTS)).isEqualTo(3);
  }

  @Test
  void alertFiltersCombineAndTheLimitCounts() {
    f.alert(ViewFixture.alert("sanctions", "a1", "warning", ago(300), "s1"));
    f.alert(ViewFixture.alert("liaison", "a1", "critical", ago(200), "s1"));
    f.alert(ViewFixture.alert("sanctions", "a2", "warning", ago(100), "s2"));
    f.alert(ViewFixture.alert("sanctions", "a3", "info", ago(5), null));

    assertThat(keys(views.alerts(new AlertFilter("sanctions", null, null, null, 10))))
        .containsExactly("sanctions/a3", "sanctions/a2", "sanctions/a1");
    assertThat(keys(views.alerts(new AlertFilter("sanctions", "warning", null, null, 10))))
        .containsExactly("sanctions/a2", "sanctions/a1");
    assertThat(keys(views.alerts(new AlertFilter(null, null, ago(150), null, 10))))
        .containsExactly("sanctions/a3", "sanctions/a2");
    assertThat(keys(views.alerts(new AlertFilter(null, null, null, "s1", 10))))
        .containsExactly("liaison/a1", "sanctions/a1");
    assertThat(keys(views.alerts(new AlertFilter("sanctions", null, null, null, 2))))
        .containsExactly("sanctions/a3", "sanctions/a2");
    assertThatThrownBy(() -> new AlertFilter(null, "urgent", null, null, 10)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("urgent");
  }

  @Test
  void aTombstoneRemovesAnAlertAndAnUnreadableRecordIsSkippedAndCounted() {
    f.alert(ViewFixture.alert("sanctions", "a1", "warning", ago(3), null));
    f.putRaw(TOPICS.alerts(), "x/y", "{not json");
    f.alert(ViewFixture.alert("sanctions", "a2", "warning", ago(2), null));
    f.put(TOPICS.alerts(), "sanctions/a1", null);

    assertThat(keys(views.alerts(AlertFilter.newest(10)))).containsExactly("sanctions/a2");
    assertThat(f.health().skipped()).containsEntry(TOPICS.alerts().name(), 1L);
    assertThat(f.health().count(ConsoleTopology.ALERTS)).isEqualTo(1);
  }

  @Test
  void storiesNewestOrGrowingActiveOnly() {
    Story.StoryArticle x = new Story.StoryArticle("x", "https://w.example/x", "X", "wire", ago(60));
    // Older but busy in its last three hours; newest but quiet; closed.
    f.story(ViewFixture.story("busy", "Busy", ago(30), List.of(0, 0, 1, 4, 6, 5), false, List.of(x)));
    f.story(ViewFixture.story("quiet", "Quiet", ago(5), List.of(3, 3, 0, 0, 0, 1), false, List.of(x)));
    f.story(ViewFixture.story("done", "Done", ago(1), List.of(9, 9, 9), true, List.of(x)));
    // Busy once, but its last article is a day old: not growing now.
    f.story(ViewFixture.story("stale", "Stale", ago(24 * 60), List.of(20, 20, 20), false, List.of(x)));

    assertThat(views.stories(false, StorySort.NEWEST, 10)).extracting(Story::id)
        .containsExactly("done", "quiet", "busy", "stale");
    assertThat(views.stories(true, StorySort.NEWEST, 10)).extracting(Story::id)
        .containsExactly("quiet", "busy", "stale");
    assertThat(views.stories(true, StorySort.GROWING, 10)).extracting(Story::id)
        .containsExactly("busy", "quiet", "stale");
    assertThat(views.stories(true, StorySort.GROWING, 1)).extracting(Story::id).containsExactly("busy");
  }

  @Test
  void aStoryShowsItsRetainedArticlesByOutletAndItsAlerts() {
    f.story(ViewFixture.story("s1", "Liaison office", ago(10), List.of(1, 2), false,
        List.of(new Story.StoryArticle("a3", "https://desk.example/a3", "A3", "desk", ago(10)))));
    f.article(ViewFixture.article("a1", "wire", "A1", "text", ago(50), "s1"));
    f.article(ViewFixture.article("a2", "desk", "A2", "text", ago(40), "s1"));
    f.article(ViewFixture.article("a3", "desk", "A3", "text", ago(10), "s1"));
    f.article(ViewFixture.article("other", "wire", "Other", "text", ago(5), "s2"));
    // One alert names the story; one predates stories (no storyId) but is on one of its articles.
    f.alert(ViewFixture.alert("liaison", "a1", "critical", ago(45), "s1"));
    f.alert(ViewFixture.alert("sanctions", "a2", "warning", ago(35), null));
    f.alert(ViewFixture.alert("sanctions", "other", "warning", ago(4), "s2"));

    StoryDetail d = views.storyDetail("s1").orElseThrow();
    assertThat(d.articles()).isEqualTo("articles");
    assertThat(d.outlets()).extracting(StoryDetail.Outlet::sourceId).containsExactly("desk", "wire");
    assertThat(d.outlets().get(0).articles()).extracting(Story.StoryArticle::id).containsExactly("a3", "a2");
    assertThat(keys(d.alerts())).containsExactly("sanctions/a2", "liaison/a1");

    // An article that moves to another story leaves this one.
    f.article(ViewFixture.article("a2", "desk", "A2", "text", ago(40), "s2"));
    assertThat(views.storyDetail("s1").orElseThrow().outlets()).flatExtracting(StoryDetail.Outlet::articles)
        .extracting(Story.StoryArticle::id).containsExactlyInAnyOrder("a1", "a3");
    assertThat(views.storyDetail("nope")).isEmpty();
  }

  @Test
  void withoutRetainedArticlesNamingItAStoryShowsItsOwnLatestArticles() {
    f.story(ViewFixture.story("s9", "Typhoon", ago(10), List.of(1), false, List.of(
        new Story.StoryArticle("t1", "https://wire.example/t1", "T1", "wire", ago(30)),
        new Story.StoryArticle("t2", "https://desk.example/t2", "T2", "desk", ago(10)))));
    StoryDetail d = views.storyDetail("s9").orElseThrow();
    assertThat(d.articles()).isEqualTo("story");
    assertThat(d.outlets()).extracting(StoryDetail.Outlet::sourceId).containsExactly("wire", "desk");
  }

  @Test
  void sourcesShowTheirHealthFailingFirst() {
    f.source(ViewFixture.source("ok-feed", true));
    f.source(ViewFixture.source("broken", true));
    f.source(ViewFixture.source("flaky", true));
    f.source(ViewFixture.source("new-feed", true));
    f.source(ViewFixture.source("off", false));
    f.status(ViewFixture.status("ok-feed", null, 0, true));
    f.status(ViewFixture.status("broken", "HTTP 503", 7, false));
    f.status(ViewFixture.status("flaky", "timeout", 1, true));
    f.status(ViewFixture.status("removed-long-ago", "gone", 3, false));

    List<SourceView> list = views.sources();
    assertThat(list).extracting(SourceView::id).containsExactly("broken", "flaky", "new-feed", "ok-feed", "off");
    assertThat(list).extracting(SourceView::health).containsExactly("unhealthy", "failing", "pending", "ok", "disabled");
    assertThat(list.get(0).httpStatus()).isEqualTo(503);
    assertThat(list.get(0).interval()).isEqualTo("5m");
  }

  @Test
  void aRulesVersionIsTheOffsetOfItsRecord() {
    f.rule(new Rule("a", "sanctions"));
    f.rule(new Rule("b", "\"liaison office\""));
    f.rule(new Rule("a", "sanctions AND korea"));

    assertThat(views.rules()).extracting(Rule::id, Rule::version).containsExactly(
        org.assertj.core.groups.Tuple.tuple("a", 2L), org.assertj.core.groups.Tuple.tuple("b", 1L));
    f.put(TOPICS.rules(), "b", null);
    assertThat(views.rules()).extracting(Rule::id).containsExactly("a");
  }

  @Test
  void everyStoreIsLoadedOnceTheTopologyStarts() {
    assertThat(f.health().allLoaded(ConsoleTopology.STORES)).isTrue();
  }
}
