package io.wirewatch.process.alert;

import io.wirewatch.model.Rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.model.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RulesFileTest {

  private static RulesFile.Loaded read(String yaml) {
    return RulesFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml", "rules");
  }

  @Test
  void readsRulesAndCollectsBadEntries() {
    RulesFile.Loaded loaded = read("""
        rules:
          - id: sanctions
            query: sanctions
            severity: warning
          - id: liaison-office
            query: '"liaison office"'
            severity: critical
          - query: no id here
          - id: bad-severity
            query: x
            severity: loud
        """);
    assertThat(loaded.rules()).extracting(Rule::id).containsExactly("sanctions", "liaison-office");
    assertThat(loaded.rules().get(1).query()).isEqualTo("\"liaison office\"");
    assertThat(loaded.errors()).extracting(RuleError::ruleId).containsExactly("#3", "bad-severity");
  }

  @Test
  void missingListIsAConfigError() {
    assertThatThrownBy(() -> read("other: []")).isInstanceOf(ConfigException.class).hasMessageContaining("'rules:'");
  }
}
