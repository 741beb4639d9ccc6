package io.wirewatch.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.model.config.ConfigException;
import io.wirewatch.model.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleConfigTest {

  private static ConsoleConfig with(Map<String, String> overrides) {
    return ConsoleConfig.from(Settings.builder().defaultsResource(ConsoleConfig.DEFAULTS).overrides(overrides).build());
  }

  @Test
  void defaultsBindLoopbackOn8080WithTheirOwnApplicationId() {
    ConsoleConfig c = ConsoleConfig.defaults();
    assertThat(c.bind()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.applicationId()).isEqualTo("wirewatch-ops-console").isNotEqualTo("wirewatch-process");
    assertThat(c.tokenFile()).isNull();
    assertThat(c.tokenFileOrDefault()).isEqualTo(c.stateDir().resolve("console.token"));
    assertThat(c.preview().maxTime()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.allowFileUrls()).isFalse();
    assertThat(c.streams()).isEmpty();
  }

  @Test
  void overridesAndPassThroughStreamsSettings() {
    ConsoleConfig c = with(Map.of("console.port", "0", "console.token-file", "/tmp/t",
        "console.streams.global.consumer.max.poll.records", "2000", "console.allowed-hosts", "ops.example, b.example"));
    assertThat(c.port()).isZero();
    assertThat(c.tokenFileOrDefault()).isEqualTo(Path.of("/tmp/t"));
    assertThat(c.streams()).containsEntry("global.consumer.max.poll.records", "2000");
    assertThat(c.allowedHosts()).containsExactly("ops.example", "b.example");
  }

  @Test
  void badValuesAndUnknownKeysStopWithTheKey() {
    assertThatThrownBy(() -> with(Map.of("console.port", "70000"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("console.port").hasMessageContaining("command line");
    assertThatThrownBy(() -> with(Map.of("console.preview.max-time", "0s"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("console.preview.max-time");
    assertThatThrownBy(() -> with(Map.of("console.list.default-limit", "500", "console.list.max-limit", "100")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("console.list.max-limit");
    assertThatThrownBy(() -> with(Map.of("console.prot", "1"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("did you mean 'console.port'");
  }
}
