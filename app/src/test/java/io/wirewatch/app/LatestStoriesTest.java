package io.wirewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.model.Story;
import io.wirewatch.model.Topic;
import io.wirewatch.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class LatestStoriesTest {

  private static final Topic<String, Story> TOPIC = Topics.DEFAULT.stories();
  private static final Instant T = Instant.parse("2019-03-22T00:40:00Z");

  private static Story story(String id, int articles) {
    return new Story(id, "Headline " + id, "en", T, T, articles, 1, List.of("wire"), List.of(), List.of(), List.of(),
        List.of(), List.of(), null, false);
  }

  private static ConsumerRecord<String, byte[]> record(String key, byte[] value) {
    return new ConsumerRecord<>(TOPIC.name(), 0, 0, key, value);
  }

  private static ConsumerRecord<String, byte[]> record(Story s) {
    return record(s.id(), TOPIC.valueSerde().serializer().serialize(TOPIC.name(), s));
  }

  @Test
  void keepsTheLatestStateOfEachStoryAndATombstoneRemovesIt() {
    LatestStories latest = new LatestStories(TOPIC, 100);
    assertThat(latest.accept(record(story("a", 1)))).isTrue();
    latest.accept(record(story("b", 1)));
    latest.accept(record(story("a", 3)));
    assertThat(latest.get("a").articleCount()).isEqualTo(3);
    assertThat(latest.size()).isEqualTo(2);

    assertThat(latest.accept(record("b", null))).isTrue();
    assertThat(latest.get("b")).isNull();
    assertThat(latest.all()).extracting(Story::id).containsExactly("a");
  }

  @Test
  void aRecordThatIsNotAStoryIsRefusedAndTheOthersKept() {
    LatestStories latest = new LatestStories(TOPIC, 100);
    latest.accept(record(story("a", 2)));
    assertThat(latest.accept(record("x", "{not json".getBytes(StandardCharsets.UTF_8)))).isFalse();
    assertThat(latest.all()).extracting(Story::id).containsExactly("a");
  }

  @Test
  void pastItsBoundTheLeastRecentlyUsedStoryGoes() {
    LatestStories latest = new LatestStories(TOPIC, 2);
    latest.accept(record(story("a", 1)));
    latest.accept(record(story("b", 1)));
    latest.get("a");
    latest.accept(record(story("c", 1)));
    assertThat(latest.all()).extracting(Story::id).containsExactlyInAnyOrder("a", "c");
  }
}
