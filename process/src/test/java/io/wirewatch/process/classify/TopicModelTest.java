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

  private final TopicModelTrainer trainer = new TopicModelTrainer(new TopicModelTrainer.Options(16, 14, 4, 0.5, 0.5, 0.01, 7, 3));

  @Test
  void learnsTopicsItCanTellApart() {
    TopicModel model = trainer.train(corpus(60, 1));
    assertThat(model.labels()).containsExactly("Business", "Sports", "World");
    assertThat(accuracy(model, corpus(30, 2))).isGreaterThan(0.95);
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
    assertThat(read.weights()).containsExactly(model.weights());
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
    byte[] file = modelFile(out -> {
      out.writeInt(TopicModel.FORMAT_VERSION);
      out.writeInt(2);
      out.writeUTF("Sports");
      out.writeUTF("World");
      out.writeInt(1);
      out.writeFloat(1f);
      out.writeInt(TextFeatures.KIND);
      out.writeInt(TextFeatures.VERSION - 1);
      out.writeInt(16);
    });
    assertRefused(file, "old.wwtm.gz", "feature hashing " + (TextFeatures.VERSION - 1));
  }

  @Test
  void refusesAModelFileOfTheFormerFormat() throws IOException {
    // Format 1: one word part, its hashing version and bits before the labels.
    byte[] file = modelFile(out -> {
      out.writeInt(1);
      out.writeInt(3);
      out.writeInt(20);
      out.writeInt(2);
    });
    assertRefused(file, "v1.wwtm.gz", "model format 1, this version reads " + TopicModel.FORMAT_VERSION);
  }

  @Test
  void refusesAModelFileWhosePartsHaveNoWeights() throws IOException {
    // Format 2: parts pooled with equal weights, no weight before each part.
    byte[] file = modelFile(out -> {
      out.writeInt(2);
      out.writeInt(2);
      out.writeUTF("Sports");
      out.writeUTF("World");
      out.writeInt(1);
      out.writeInt(TextFeatures.KIND);
    });
    assertRefused(file, "v2.wwtm.gz", "model format 2, this version reads " + TopicModel.FORMAT_VERSION);
  }

  /** What a test writes after the magic bytes of a hand-made model file. */
  private interface ModelBody {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] modelFile(ModelBody body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
      out.write(new byte[] {'W', 'W', 'T', 'M'});
      body.write(out);
    }
    return bytes.toByteArray();
  }

  /** Reading {@code file} fails with a message naming it, the reason and the remedy. */
  private static void assertRefused(byte[] file, String name, String reason) {
    assertThatThrownBy(() -> TopicModel.read(new ByteArrayInputStream(file), name))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(name)
        .hasMessageContaining(reason)
        .hasMessageContaining("train it again");
  }

  /** Log-probabilities of two labels, label 0 given probability p. */
  private static double[] logs(double p) {
    return new double[] {Math.log(p), Math.log(1 - p)};
  }

  @Test
  void poolWeightGoesToThePartThatIsRightOnHeldOutTexts() {
    // Ten texts of label 0. One part is always right but unsure (0.7); the other is sure (0.9) and
    // wrong on three texts. Those three come out right only when the first part weighs more than
    // ln 9 / (ln 9 + ln 7/3) = 0.722 of the pool; the smallest such weight on the grid is 0.75.
    int[] y = new int[10];
    double[][] unsure = new double[10][];
    double[][] sure = new double[10][];
    for (int i = 0; i < 10; i++) {
      unsure[i] = logs(0.7);
      sure[i] = logs(i < 3 ? 0.1 : 0.9);
    }
    assertThat(TopicModelTrainer.chooseWordWeight(unsure, sure, y)).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(TopicModelTrainer.chooseWordWeight(sure, unsure, y)).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
    // When every weight classifies alike, the parts stay equal.
    assertThat(TopicModelTrainer.chooseWordWeight(unsure, unsure, y)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void innerFoldsChooseTheWeightsAndNoneLeavesThemEqual() {
    List<LabelledText> texts = corpus(30, 12);
    double[] chosen = trainer.train(texts).weights();
    assertThat(chosen).hasSize(2);
    assertThat(chosen[0] + chosen[1]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(Arrays.stream(TopicModelTrainer.WORD_WEIGHTS).anyMatch(w -> Math.abs(w - chosen[0]) < 1e-6)).isTrue();
    TopicModelTrainer.Options none = new TopicModelTrainer.Options(16, 14, 4, 0.5, 0.5, 0.01, 7, 0);
    assertThat(new TopicModelTrainer(none).train(texts).weights()).containsExactly(0.5, 0.5);
    assertThat(new TopicModelTrainer(new TopicModelTrainer.Options(16, 0, 4, 0.5, 0.5, 0.01, 7, 3)).train(texts).weights())
        .containsExactly(1.0);
    assertThatThrownBy(() -> none.withInnerFolds(1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("innerFolds");
  }

  @Test
  void poolWeightsChangeThePrediction() {
    TopicModel model = trainer.train(corpus(20, 13));
    String title = "coach shares";
    String text = "the striker said profit";
    double[] wordHeavy = model.withWeights(new double[] {0.9, 0.1}).probabilities(title, text);
    double[] charHeavy = model.withWeights(new double[] {0.1, 0.9}).probabilities(title, text);
    assertThat(wordHeavy).isNotEqualTo(charHeavy);
    assertThatThrownBy(() -> model.withWeights(new double[] {0.5, 0.6}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 1");
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
    TopicModel wordsOnly = new TopicModelTrainer(new TopicModelTrainer.Options(16, 0, 4, 0.5, 0.5, 0.01, 7, 0)).train(train);
    assertThat(wordsOnly.parts()).hasSize(1);
    assertThat(accuracy(both, test)).isGreaterThan(0.9);
    assertThat(accuracy(wordsOnly, test)).isLessThan(0.75);
  }

  private static double accuracy(TopicModel model, List<LabelledText> test) {
    long right = test.stream().filter(t -> t.label().equals(model.predict(t.title(), t.text()).label())).count();
    return (double) right / test.size();
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
    assertThat(accuracy(model, test)).isGreaterThan(0.9);
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
