package io.wirewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.process.classify.TopicModel;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} writes a model that {@code classify} loads; an outdated model is refused in one line. */
class TopicCommandsTest {

  @TempDir
  Path dir;


  private CommandRun last;

  private int run(String... args) {
    last = CommandRun.of(args);
    return last.exitCode;
  }

  @Test
  void trainedModelClassifiesAText() throws IOException {
    Path csv = dir.resolve("labelled.csv");
    Files.writeString(csv, csv());
    Path model = dir.resolve("topics.wwtm.gz");
    assertThat(run("train", "--csv", csv.toString(), "--model", model.toString(), "--bits", "16")).isZero();
    assertThat(TopicModel.read(model).labels()).containsExactly("Sports", "World");

    Path story = dir.resolve("story.txt");
    Files.writeString(story, "Coach praises striker\nThe team won the league match after a late goal.\n");
    assertThat(run("classify", "--model", model.toString(), story.toString())).isZero();
    assertThat(last.out).contains("\"topic\":{\"label\":\"Sports\"");
  }

  @Test
  void modelOfAnOlderFormatIsRefusedWithoutAStackTrace() throws IOException {
    // How each outdated part is refused is TopicModelTest's; here, that the command says it in one line.
    Path old = dir.resolve("old.wwtm.gz");
    try (DataOutputStream o = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(old)))) {
      o.write(new byte[] {'W', 'W', 'T', 'M'});
      o.writeInt(TopicModel.FORMAT_VERSION - 1);
    }
    Path story = dir.resolve("story.txt");
    Files.writeString(story, "Headline\nText.\n");
    assertThat(run("classify", "--model", old.toString(), story.toString())).isEqualTo(2);
    assertThat(last.err).contains("--model", old.toString(), "train it again").doesNotContain("\tat ");
  }

  /** Two topics with their own words, labelled 2 (Sports) and 1 (World) as AG News numbers them. */
  private static String csv() {
    List<String> sports = List.of("match", "goal", "season", "coach", "league", "striker", "team", "final");
    List<String> world = List.of("minister", "talks", "border", "troops", "embassy", "summit", "treaty", "rebels");
    List<String> filler = List.of("the", "a", "on", "said", "after", "with");
    Random r = new Random(3);
    StringBuilder b = new StringBuilder("label,title,description\n");
    for (int i = 0; i < 80; i++) {
      boolean s = i % 2 == 0;
      List<String> words = s ? sports : world;
      List<String> text = new ArrayList<>();
      for (int w = 0; w < 12; w++) {
        text.add(w % 2 == 0 ? words.get(r.nextInt(words.size())) : filler.get(r.nextInt(filler.size())));
      }
      b.append(s ? "2" : "1").append(',').append(words.get(r.nextInt(words.size()))).append(' ')
          .append(words.get(r.nextInt(words.size()))).append(",\"").append(String.join(" ", text)).append("\"\n");
    }
    return b.toString();
  }
}
