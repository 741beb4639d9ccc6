package io.wirewatch.process.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.model.TopicLabel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Synthetic labelled headlines: each topic draws from its own vocabulary plus shared filler. */
class TopicModelTest {

  private static final Map<String, List<String>> VOCABULARY = Map.of(
      "Sports", List.of("match", "goal", "season", "coach", "league", "striker", "final", "tournament", "score", "team"),
      "Business", List.of("shares", "profit", "earnings", "investors", "quarter", "merger", "revenue", "stock", "bank", "market"),
      "World", List.of("minister", "talks", "border", "troops", "election", "embassy", "summit", "rebels", "parliament", "treaty"));
  private static final List<String> FILLER = List.of("the", "a", "on", "said", "new", "after", "with", "year", "week", "report");

  private static List<LabelledText> corpus(int perLabel, long seed) {
    Random r = new Random(seed);
    List<LabelledText> out = new ArrayList<>();
    for (int i = 0; i < perLabel; i++) {
      for (String label : List.of("Business", "Sports", "World")) {
        out.add(new LabelledText(label, sentence(r, VOCABULARY.get(label), 3), sentence(r, VOCABULARY.get(label), 6)));
      }
    }
    return out;
  }

  private static String sentence(Random r, List<String> topical, int topicalWords) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < topicalWords; i++) {
      words.add(topical.get(r.nextInt(topical.size())));
      words.add(FILLER.get(r.nextInt(FILLER.size())));
    }
    return String.join(" ", words);
  }

  private final TopicModelTrainer trainer = new TopicModelTrainer(new TopicModelTrainer.Options(16, 14, 4, 0.5, 0.5, 0.01, 7));

  @Test
  void learnsTopicsItCanTellApart() {
    TopicModel model = trainer.train(corpus(60, 1));
    ClassificationScores s = new ClassificationScores(model.labels());
    for (LabelledText t : corpus(30, 2)) {
      s.add(t.label(), model.predict(t.title(), t.text()).label());
    }
    assertThat(model.labels()).containsExactly("Business", "Sports", "World");
    assertThat(s.accuracy()).isGreaterThan(0.95);
    TopicLabel goal = model.predict("Late goal decides the final", "The striker scored in the final match of the season.");
    assertThat(goal.label()).isEqualTo("Sports");
    assertThat(goal.score()).isGreaterThan(1.0 / 3).isLessThanOrEqualTo(1.0);
    assertThat(Arrays.stream(model.probabilities("bank merger", "")).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void sameDataAndSeedGiveTheSameModelBytes() throws IOException {
    assertThat(bytes(trainer.train(corpus(40, 3)))).isEqualTo(bytes(trainer.train(corpus(40, 3))));
  }

  @Test
  void modelFileRoundTripsAndPredictsAlike() throws IOException {
    TopicModel model = trainer.train(corpus(40, 4));
    TopicModel read = TopicModel.read(new ByteArrayInputStream(bytes(model)), "test");
    assertThat(read.labels()).isEqualTo(model.labels());
    assertThat(read.weightedBuckets()).isEqualTo(model.weightedBuckets());
    assertThat(read.parts()).extracting(p -> p.features().kind()).containsExactly(TextFeatures.KIND, CharNgramFeatures.KIND);
    for (LabelledText t : corpus(10, 5)) {
      assertThat(read.probabilities(t.title(), t.text())).containsExactly(model.probabilities(t.title(), t.text()));
    }
  }

  @Test
  void twoLabelsWork() {
    List<LabelledText> two = corpus(40, 6).stream().filter(t -> !t.label().equals("World")).toList();
    TopicModel model = trainer.train(two);
    assertThat(model.predict("quarterly earnings beat", "investors bought shares after the profit report").label()).isEqualTo("Business");
    assertThat(model.predict("coach praises striker", "the team won the league match").label()).isEqualTo("Sports");
  }

  @Test
  void rejectsWhatIsNotAModel() {
    assertThatThrownBy(() -> TopicModel.read(new ByteArrayInputStream("plain text".getBytes()), "junk.bin"))
        .isInstanceOf(IOException.class).hasMessageContaining("junk.bin").hasMessageContaining("not a Wirewatch topic model");
    byte[] good = bytesUnchecked();
    byte[] truncated = Arrays.copyOf(good, good.length / 2);
    assertThatThrownBy(() -> TopicModel.read(new ByteArrayInputStream(truncated), "cut.bin"))
        .isInstanceOf(IOException.class).hasMessageContaining("cut.bin");
  }

  @Test
  void refusesAModelTrainedWithAnotherFeatureHashing() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
      out.write(new byte[] {'W', 'W', 'T', 'M'});
      out.writeInt(TopicModel.FORMAT_VERSION);
      out.writeInt(2);
      out.writeUTF("Sports");
      out.writeUTF("World");
      out.writeInt(1);
      out.writeInt(TextFeatures.KIND);
      out.writeInt(TextFeatures.VERSION - 1);
      out.writeInt(16);
    }
    assertThatThrownBy(() -> TopicModel.read(new ByteArrayInputStream(bytes.toByteArray()), "old.wwtm.gz"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("old.wwtm.gz")
        .hasMessageContaining("feature hashing " + (TextFeatures.VERSION - 1))
        .hasMessageContaining("train it again");
  }

  @Test
  void refusesAModelFileOfTheFormerFormat() throws IOException {
    // Format 1: one word part, its hashing version and bits before the labels.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
      out.write(new byte[] {'W', 'W', 'T', 'M'});
      out.writeInt(1);
      out.writeInt(3);
      out.writeInt(20);
      out.writeInt(2);
    }
    assertThatThrownBy(() -> TopicModel.read(new ByteArrayInputStream(bytes.toByteArray()), "v1.wwtm.gz"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("v1.wwtm.gz")
        .hasMessageContaining("model format 1, this version reads " + TopicModel.FORMAT_VERSION)
        .hasMessageContaining("train it again");
  }

  @Test
  void characterPartReadsWordsNeverSeenInTraining() {
    // Each label's words share a made-up root; the test texts use other words of the same roots.
    // The word part has never seen them and can only guess; the character part sees the roots.
    Random r = new Random(11);
    Map<String, List<String>> seen = Map.of("Sports", List.of("zorbalax", "zorbinet", "zorbumo", "zorbadi"),
        "World", List.of("quilmenor", "quilastra", "quilopet", "quilvanu"));
    Map<String, List<String>> unseen = Map.of("Sports", List.of("zorbity", "zorbexa", "zorbuna"),
        "World", List.of("quilteno", "quilexa", "quilbrin"));
    List<LabelledText> train = new ArrayList<>();
    List<LabelledText> test = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      for (String label : List.of("Sports", "World")) {
        train.add(new LabelledText(label, sentence(r, seen.get(label), 2), sentence(r, seen.get(label), 4)));
        if (i < 20) {
          test.add(new LabelledText(label, sentence(r, unseen.get(label), 2), sentence(r, unseen.get(label), 4)));
        }
      }
    }
    TopicModel both = trainer.train(train);
    TopicModel wordsOnly = new TopicModelTrainer(new TopicModelTrainer.Options(16, 0, 4, 0.5, 0.5, 0.01, 7)).train(train);
    assertThat(wordsOnly.parts()).hasSize(1);
    assertThat(accuracy(both, test)).isGreaterThan(0.9);
    assertThat(accuracy(wordsOnly, test)).isLessThan(0.75);
  }

  private static double accuracy(TopicModel model, List<LabelledText> test) {
    ClassificationScores s = new ClassificationScores(model.labels());
    for (LabelledText t : test) {
      s.add(t.label(), model.predict(t.title(), t.text()).label());
    }
    return s.accuracy();
  }

  @Test
  void learnsHouseStyleThatOnlyPunctuationShows() {
    // Both desks use the same words; only the dateline dash tells them apart. Without punctuation
    // tokens the two labels are indistinguishable and accuracy is about one half.
    Random r = new Random(9);
    List<String> words = new ArrayList<>(FILLER);
    words.addAll(VOCABULARY.get("World"));
    List<LabelledText> train = new ArrayList<>();
    List<LabelledText> test = new ArrayList<>();
    for (int i = 0; i < 160; i++) {
      String dash = i % 2 == 0 ? " - " : " -- ";
      String label = i % 2 == 0 ? "Wire" : "Desk";
      String text = "SEOUL" + dash + sentence(r, words, 5);
      (i < 120 ? train : test).add(new LabelledText(label, sentence(r, words, 2), text));
    }
    TopicModel model = trainer.train(train);
    ClassificationScores s = new ClassificationScores(model.labels());
    for (LabelledText t : test) {
      s.add(t.label(), model.predict(t.title(), t.text()).label());
    }
    assertThat(s.accuracy()).isGreaterThan(0.9);
  }

  @Test
  void oneLabelIsNotEnough() {
    assertThatThrownBy(() -> trainer.train(List.of(new LabelledText("World", "a", "b"), new LabelledText("World", "c", "d"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 distinct labels");
  }

  @Test
  void csvLabelsAreRenamedAndBackslashesSeparateWords() throws IOException {
    String csv = "label,title,description\n2,\"Cup final\",\"Late goal\\wins it\"\n9,Other,\"x, y\"\n";
    List<LabelledText> rows = LabelledCsv.read(new StringReader(csv), "t.csv", LabelledCsv.AG_NEWS_LABELS);
    assertThat(rows).containsExactly(new LabelledText("Sports", "Cup final", "Late goal wins it"), new LabelledText("9", "Other", "x, y"));
  }

  @Test
  void scoresCountMacroF1OverEveryLabel() {
    ClassificationScores s = new ClassificationScores(List.of("a", "b"));
    s.add("a", "a");
    s.add("a", "a");
    s.add("b", "a");
    s.add("b", "b");
    assertThat(s.accuracy()).isEqualTo(0.75);
    assertThat(s.f1("a")).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9)); // tp 2, fp 1, fn 0
    assertThat(s.f1("b")).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9)); // tp 1, fp 0, fn 1
    assertThat(s.macroF1()).isCloseTo((0.8 + 2.0 / 3) / 2, org.assertj.core.data.Offset.offset(1e-9));
  }

  private byte[] bytesUnchecked() {
    try {
      return bytes(trainer.train(corpus(20, 8)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] bytes(TopicModel m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.write(out);
    return out.toByteArray();
  }
}
