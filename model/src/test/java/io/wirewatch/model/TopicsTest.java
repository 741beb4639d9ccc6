package io.wirewatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void documentedNamesWithoutPrefix() {
    assertThat(Topics.DEFAULT.all()).extracting(Topic::name)
        .containsExactly("news.raw", "news.articles", "news.alerts", "news.dead-letter", "news.sources",
            "news.source-status", "news.seen", "news.rules", "news.stories");
  }

  @Test
  void prefixIsPrependedAndLookupAcceptsBothNames() {
    Topics t = Topics.withPrefix("staging.");
    assertThat(t.alerts().name()).isEqualTo("staging.news.alerts");
    assertThat(t.byName("news.alerts")).isSameAs(t.alerts());
    assertThat(t.byName("staging.news.alerts")).isSameAs(t.alerts());
  }

  @Test
  void unknownTopicListsKnownOnes() {
    assertThatThrownBy(() -> Topics.DEFAULT.byName("news.nope")).hasMessageContaining("news.dead-letter");
  }
}
