package io.wirewatch.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.model.Article;
import io.wirewatch.model.ArticleId;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.Topics;
import io.wirewatch.model.config.Settings;
import io.wirewatch.model.config.ConfigException;
import io.wirewatch.process.classify.LabelledText;
import io.wirewatch.process.classify.TopicModelTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topic model configured through process.topic-model reaches the articles. */
class ArticleProcessorTest {

  private static final Instant NOW = Instant.parse("2019-03-22T10:00:00Z");

  @TempDir
  Path dir;

  private static ProcessConfig withModel(Path model) {
    return ProcessConfig.from(Settings.builder().defaultsResource(ProcessConfig.DEFAULTS)
        .override("process.topic-model", model.toString()).build());
  }

  private static RawArticle page(String title, String text) {
    String html = "<html lang=\"en\"><body><article><h1>" + title + "</h1><p>" + text + "</p></article></body></html>";
    String url = "https://news.example/" + title.hashCode();
    return new RawArticle(ArticleId.of(url), "test", url, title, null, NOW, "text/html", html, ArticleId.contentHash(html));
  }

  @Test
  void configuredModelLabelsEachArticle() throws Exception {
    List<LabelledText> train = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      train.add(new LabelledText("Diplomacy", "Envoys meet for talks " + i, "The minister and the ambassador held talks at the embassy."));
      train.add(new LabelledText("Sports", "Striker scores twice " + i, "The team won the league match after a late goal."));
    }
    Path model = dir.resolve("topics.wwtm.gz");
    new TopicModelTrainer(new TopicModelTrainer.Options(16, 14, 4, 0.5, 0.5, 0.01, 1, 3)).train(train).write(model);

    try (ProcessComponents c = new ProcessComponents(withModel(model), Topics.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC))) {
      Article a = c.articles().process(page("Ambassador recalled after talks fail",
          "The minister said talks at the embassy in Seoul had failed and the ambassador would return."), 1);
      assertThat(a.topic()).isNotNull();
      assertThat(a.topic().label()).isEqualTo("Diplomacy");
      assertThat(a.topic().score()).isGreaterThan(0.5);
      assertThat(a.countries()).extracting(m -> m.code()).containsExactly("KR");
    }
  }

  @Test
  void unreadableModelStopsTheStageNamingTheKey() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.bin"), "not a model");
    assertThatThrownBy(() -> new ProcessComponents(withModel(junk), Topics.DEFAULT, Clock.systemUTC()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("process.topic-model").hasMessageContaining("junk.bin");
  }
}
