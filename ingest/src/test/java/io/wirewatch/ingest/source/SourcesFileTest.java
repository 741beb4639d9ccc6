package io.wirewatch.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wirewatch.model.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesFileTest {

  @TempDir
  Path dir;

  private Path write(String name, String yaml) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, yaml);
  }

  @Test
  void readsValidSources() throws Exception {
    Path file = write("conf/sources.yaml", """
        sources:
          - id: local-wire
            url: feeds/wire.xml
            type: rss
            interval: 30s
          - id: science
            url: https://science.example.org/atom
            type: atom
          - id: one-page
            url: http://example.com/story.html
            type: html
            interval: 5m
          - id: default-type
            url: ../shared/feed.rss
        """);

    List<Source> sources = SourcesFile.read(file);

    assertThat(sources).extracting(Source::id)
        .containsExactly("local-wire", "science", "one-page", "default-type");

    Source local = sources.get(0);
    assertThat(local.url().getScheme()).isEqualTo("file");
    assertThat(Path.of(local.url())).isEqualTo(dir.resolve("conf/feeds/wire.xml").toAbsolutePath());
    assertThat(local.type()).isEqualTo(Source.Type.FEED);
    assertThat(local.interval()).isEqualTo(Duration.ofSeconds(30));

    Source science = sources.get(1);
    assertThat(science.url()).isEqualTo(URI.create("https://science.example.org/atom"));
    assertThat(science.type()).isEqualTo(Source.Type.FEED);
    assertThat(science.interval()).isNull();

    Source page = sources.get(2);
    assertThat(page.type()).isEqualTo(Source.Type.HTML);
    assertThat(page.url()).isEqualTo(URI.create("http://example.com/story.html"));
    assertThat(page.interval()).isEqualTo(Duration.ofMinutes(5));

    Source defaulted = sources.get(3);
    assertThat(defaulted.type()).isEqualTo(Source.Type.FEED);
    assertThat(Path.of(defaulted.url())).isEqualTo(dir.resolve("shared/feed.rss").toAbsolutePath());
  }

  @Test
  void relativeUrlFollowsTheFileNotTheWorkingDirectory() throws Exception {
    Path file = write("a/b/sources.yml", """
        sources:
          - id: x
            url: wire.xml
        """);

    Source s = SourcesFile.read(file).get(0);

    assertThat(Path.of(s.url())).isEqualTo(dir.resolve("a/b/wire.xml").toAbsolutePath());
  }

  @Test
  void typeParsingIsCaseInsensitiveAndKnowsAliases() {
    assertThat(Source.Type.parse("RSS")).isEqualTo(Source.Type.FEED);
    assertThat(Source.Type.parse(" Atom ")).isEqualTo(Source.Type.FEED);
    assertThat(Source.Type.parse("feed")).isEqualTo(Source.Type.FEED);
    assertThat(Source.Type.parse("HTML")).isEqualTo(Source.Type.HTML);
    assertThat(Source.Type.parse("page")).isEqualTo(Source.Type.PAGE);
    assertThat(Source.Type.parse("auto")).isEqualTo(Source.Type.AUTO);
    assertThat(Source.Type.parse(null)).isEqualTo(Source.Type.FEED);
    assertThatThrownBy(() -> Source.Type.parse("gopher"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gopher");
  }

  @Test
  void everyBadEntryIsReportedInOneMessage() throws Exception {
    Path file = write("sources.yaml", """
        sources:
          - id: no-url
            type: rss
          - id: good
            url: https://example.com/feed
          - id: good
            url: https://example.com/other-feed
          - id: bad-type
            url: https://example.com/x
            type: gopher
          - id: ftp-source
            url: ftp://files.example.com/feed.xml
          - id: bad-interval
            url: https://example.com/y
            interval: soon
          - id: fine-too
            url: https://example.com/z
        """);

    ConfigException e = assertThrows(ConfigException.class, () -> SourcesFile.read(file));

    assertThat(e.getMessage())
        .contains(file.toString())
        .contains("entry 1: needs both 'id' and 'url'")
        .contains("entry 3: id 'good' is used twice")
        .contains("entry 4:").contains("gopher")
        .contains("entry 5:").contains("ftp://files.example.com/feed.xml")
        .contains("entry 6:").contains("soon")
        .doesNotContain("entry 2:")
        .doesNotContain("entry 7:");
  }

  @Test
  void missingSourcesListIsAConfigError() throws Exception {
    Path file = write("empty.yaml", "feeds:\n  - id: x\n");

    assertThatThrownBy(() -> SourcesFile.read(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'sources:'")
        .hasMessageContaining(file.toString());
  }

  @Test
  void emptySourcesListIsAConfigError() throws Exception {
    Path file = write("none.yaml", "sources: []\n");

    assertThatThrownBy(() -> SourcesFile.read(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'sources:'");
  }

  @Test
  void unparseableYamlIsAConfigErrorNamingTheFile() throws Exception {
    Path file = write("broken.yaml", "sources:\n  - id: [unclosed\n");

    assertThatThrownBy(() -> SourcesFile.read(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void existingRejectsAMissingFileNamingItsAbsolutePath() {
    Path missing = dir.resolve("nope/sources.yaml");

    assertThatThrownBy(() -> SourcesFile.existing(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(missing.toAbsolutePath().toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void existingRejectsADirectory() {
    assertThatThrownBy(() -> SourcesFile.existing(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(dir.toAbsolutePath().toString());
  }

  @Test
  void existingReturnsAFileThatExists() throws Exception {
    Path file = write("ok.yaml", "sources: []\n");

    assertThat(SourcesFile.existing(file)).isEqualTo(file);
  }
}
