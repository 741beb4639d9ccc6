package io.wirewatch.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @Test
  void laterLayersWinAndOriginIsKnown(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("my.properties");
    Files.writeString(file, "a.interval=10s\nb.count=5\n");
    Settings s = Settings.builder()
        .defaultsResource("test-defaults.properties")
        .file(file)
        .environment(Map.of("WIREWATCH_B_COUNT", "6"))
        .override("c.flag", "yes")
        .build();
    assertThat(s.duration("a.interval")).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.intValue("b.count", 1, 10)).isEqualTo(6);
    assertThat(s.origin("b.count")).isEqualTo("environment WIREWATCH_B_COUNT");
    assertThat(s.bool("c.flag")).isTrue();
    assertThat(s.string("d.name")).isEqualTo("default-name");
  }

  @Test
  void badValuesNameKeyValueAndOrigin() {
    Settings s = Settings.builder().defaultsResource("test-defaults.properties").override("b.count", "99").build();
    assertThatThrownBy(() -> s.intValue("b.count", 1, 10))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("b.count = '99'")
        .hasMessageContaining("command line")
        .hasMessageContaining("from 1 to 10");
    Settings t = Settings.builder().defaultsResource("test-defaults.properties").override("a.interval", "soon").build();
    assertThatThrownBy(() -> t.duration("a.interval")).hasMessageContaining("a duration such as");
  }

  @Test
  void missingKeyTellsWhichVariableSetsIt() {
    Settings s = Settings.defaults("test-defaults.properties");
    assertThatThrownBy(() -> s.string("no.such-key")).hasMessageContaining("WIREWATCH_NO_SUCH_KEY");
  }

  @Test
  void durationsInEveryUnit() {
    assertThat(Settings.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Settings.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Settings.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Settings.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
    assertThatThrownBy(() -> Settings.parseDuration("5 minutes")).isInstanceOf(IllegalArgumentException.class);
    for (String d : new String[] {"250ms", "45s", "90s", "5m", "2h", "7d"}) {
      assertThat(Settings.format(Settings.parseDuration(d))).isEqualTo(d);
    }
  }

  @Test
  void prefixedKeysPassThrough() {
    Settings s = Settings.builder().defaultsResource("test-defaults.properties").build();
    assertThat(s.withPrefix("p")).containsExactlyInAnyOrderEntriesOf(Map.of("acks", "all", "linger.ms", "5"));
  }

  @Test
  void missingDefaultsFileIsNamed() {
    assertThatThrownBy(() -> Settings.defaults("nope.properties")).hasMessageContaining("nope.properties");
  }

  @Test
  void aKeyNoDefaultsFileNamesIsRefusedWithWhereItCameFromAndTheNearestKey(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> Settings.builder().defaultsResource("test-defaults.properties")
        .override("a.intervall", "1m").build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown setting 'a.intervall' (from command line)")
        .hasMessageContaining("did you mean 'a.interval'?");
    Path file = dir.resolve("typo.properties");
    Files.writeString(file, "zzz.unrelated=1\n");
    assertThatThrownBy(() -> Settings.builder().defaultsResource("test-defaults.properties").file(file).build())
        .hasMessageContaining("unknown setting 'zzz.unrelated' (from " + file + ")")
        .hasMessageNotContaining("did you mean");
  }

  @Test
  void anyKeyUnderAPassThroughFamilyIsAccepted() {
    Settings s = Settings.builder().defaultsResource("test-defaults.properties")
        .override("p.batch.size", "65536").build();
    assertThat(s.withPrefix("p")).containsEntry("batch.size", "65536").doesNotContainKey("*");
  }

  @Test
  void pathsExpandTheTemporaryDirectoryAndListsDropEmptyItems() {
    Settings s = Settings.defaults("test-defaults.properties");
    assertThat(s.path("e.path")).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "x"));
    assertThat(s.list("e.list")).containsExactly("a", "b", "c");
    assertThat(s.optionalPath("d.missing")).isNull();
  }
}
