package io.wirewatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleTest {

  @Test
  void validationNamesTheProblem() {
    assertThatThrownBy(() -> new Rule("x", "q", "urgent", null, null, null, null, 0))
        .hasMessageContaining("severity").hasMessageContaining("urgent");
    assertThatThrownBy(() -> new Rule("a/b", "q")).hasMessageContaining("'a/b'");
    assertThatThrownBy(() -> new Rule("w", "q", null, null, null, "soon", null, 0))
        .hasMessageContaining("rule w: window");
  }

  @Test
  void defaultsAreWarningEnabledNoFilters() {
    Rule r = new Rule("r", "sanctions");
    assertThat(r.severity()).isEqualTo("warning");
    assertThat(r.enabled()).isTrue();
    assertThat(r.filters()).isEqualTo(Rule.Filters.NONE);
  }

  @Test
  void roundTripsThroughTheTopicSerde() {
    JsonSerde<Rule> serde = new JsonSerde<>(Rule.class);
    Rule r = new Rule("r", "\"liaison office\"", "critical", "d", false, "12h",
        new Rule.Filters(List.of("diplomacy"), null, List.of("en"), null), 7);
    assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", r))).isEqualTo(r);
  }

  @Test
  void filtersRequireEveryNonEmptyList() {
    Article a = new Article("id", "wire", "https://x/a", "t", null, null, "en", "text",
        List.of("diplomacy", "sanctions"), Instant.EPOCH, "h", 1,
        List.of(new CountryMention("KP", 3), new CountryMention("US", 1)), null);
    assertThat(new Rule.Filters(List.of("sanctions", "cyber"), null, null, null).accepts(a)).isTrue();
    assertThat(new Rule.Filters(List.of("cyber"), null, null, null).accepts(a)).isFalse();
    assertThat(new Rule.Filters(null, List.of("wire"), List.of("en"), null).accepts(a)).isTrue();
    assertThat(new Rule.Filters(null, List.of("desk"), null, null).accepts(a)).isFalse();
    assertThat(new Rule.Filters(null, null, List.of("fr"), null).accepts(a)).isFalse();
    assertThat(new Rule.Filters(null, null, null, List.of("KP", "IR")).accepts(a)).isTrue();
    assertThat(new Rule.Filters(null, null, null, List.of("IR")).accepts(a)).isFalse();
  }

  @Test
  void versionsAreOffsetsOnOnePartitionAndStayUniqueOnMany() {
    assertThat(Rule.versionAt(0, 41, 1)).isEqualTo(41);
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (int partition = 0; partition < 3; partition++) {
      for (long offset = 0; offset < 100; offset++) {
        assertThat(seen.add(Rule.versionAt(partition, offset, 3))).isTrue();
      }
    }
    // one rule's records share a partition: a later change has a larger version
    assertThat(Rule.versionAt(2, 8, 3)).isGreaterThan(Rule.versionAt(2, 7, 3));
  }

  @Test
  void theSameDefinitionIgnoresTheVersion() {
    Rule r = new Rule("r", "sanctions", "critical", null, null, "12h", null, 3);
    assertThat(r.sameDefinition(r.withVersion(99))).isTrue();
    assertThat(r.sameDefinition(new Rule("r", "sanctions", "warning", null, null, "12h", null, 3))).isFalse();
    assertThat(r.sameDefinition(null)).isFalse();
  }
}
