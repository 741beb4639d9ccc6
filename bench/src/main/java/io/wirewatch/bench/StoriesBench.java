package io.wirewatch.bench;

import io.wirewatch.process.story.ClusteringScores;
import io.wirewatch.process.story.InMemoryStoryState;
import io.wirewatch.process.story.StoryAnalyzer;
import io.wirewatch.process.story.StoryAssigner;
import io.wirewatch.process.story.StoryConfig;
import io.wirewatch.process.story.StoryItem;
import io.wirewatch.process.story.StoryItemsFile;
import io.wirewatch.process.story.StoryModel;
import io.wirewatch.process.story.StoryModelTrainer;
import io.wirewatch.process.story.StoryModelTrainer.LabelledItem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.BreakIterator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch bench stories}: story clustering quality on a corpus with gold stories, next to
 * the single-pass TF-IDF centroid baseline run on the same stream in the same run; cross-validated
 * by topic so that the learned weights and threshold never saw the articles they are scored on; and
 * the same on transformed copies of the corpus (lower-cased bag of words, headline and first
 * sentence), so that robustness to the inputs the clusterer will meet is measured, not assumed.
 */
@Command(
    name = "stories",
    mixinStandardHelpOptions = true,
    description = "Story clustering on a JSON-lines corpus with gold stories: B-cubed P/R/F1, pairwise F1, NMI, ARI, "
        + "stories found, articles/s; next to a single-pass TF-IDF centroid baseline (cosine 0.25); cross-validated "
        + "by topic; also on lower-cased bag-of-words and headline+lead copies of the corpus.")
public final class StoriesBench implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--corpus", required = true, paramLabel = "FILE",
      description = "JSON lines {id,title,text,published,source,language,story}, e.g. ../shared/corpora/stories/ecbplus-dev/ecbplus-dev.jsonl.")
  Path corpus;

  @Option(names = "--gold-topic", paramLabel = "FILE",
      description = "Coarser gold ({id, story} = topic): folds are dealt by topic, and B-cubed F1 against it is shown. "
          + "Default: gold-topic.jsonl next to the corpus when there is one; without it every gold story is its own topic.")
  Path goldTopic;

  @Option(names = "--folds", defaultValue = "5",
      description = "Cross-validation folds by topic (default: ${DEFAULT-VALUE}); 0 skips cross-validation.")
  int folds;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the shuffle that deals topics to folds (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--model", paramLabel = "FILE", description = "Model to score in-sample instead of the bundled one.")
  Path modelFile;

  @Option(names = "--write-model", paramLabel = "FILE",
      description = "Train on every topic and every variant of the corpus and write the model (how the bundled one is made).")
  Path writeModel;

  @Option(names = "--features", hidden = true, split = ",", paramLabel = "NAME",
      description = "Learn weights for these features only (ablation).")
  List<String> featureNames;

  @Option(names = "--variants", split = ",", paramLabel = "NAME",
      defaultValue = "original,bag-of-words,headline+lead,bag-of-words+lead",
      description = "Copies of the corpus to score, also the copies trained on (default: ${DEFAULT-VALUE}).")
  List<String> variantNames;

  /** A transformed copy of the corpus. */
  record Variant(String name, String description, UnaryOperator<StoryItem> transform) {}

  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  static final List<Variant> VARIANTS = List.of(
      new Variant("original", "as given", x -> x),
      new Variant("bag-of-words", "lower case, punctuation stripped", StoriesBench::bagOfWords),
      new Variant("headline+lead", "headline and first sentence of the text", StoriesBench::lead),
      new Variant("bag-of-words+lead", "both", x -> bagOfWords(lead(x))));

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<Variant> variants = new ArrayList<>();
    for (String name : variantNames) {
      variants.add(VARIANTS.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow(() ->
          new IllegalArgumentException("--variants: unknown variant '" + name + "'; known: "
              + VARIANTS.stream().map(Variant::name).toList())));
    }
    List<StoryItemsFile.Line> entries = StoryItemsFile.read(corpus);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException(corpus + ": no items");
    }
    for (StoryItemsFile.Line e : entries) {
      if (e.story() == null) {
        throw new IllegalArgumentException(corpus + ": item " + e.item().id() + " has no gold \"story\"");
      }
    }
    Path topicFile = goldTopic;
    if (topicFile == null && corpus.toAbsolutePath().getParent() != null) {
      Path sibling = corpus.toAbsolutePath().getParent().resolve("gold-topic.jsonl");
      topicFile = Files.isRegularFile(sibling) ? sibling : null;
    }
    Map<String, String> topicOf = topicFile == null ? null : StoryItemsFile.labels(topicFile);
    List<String> gold = entries.stream().map(StoryItemsFile.Line::story).toList();
    List<String> topics = entries.stream()
        .map(e -> topicOf == null ? e.story() : topicOf.getOrDefault(e.item().id(), e.story())).toList();
    boolean dated = entries.stream().anyMatch(e -> e.item().published() != null);

    StoryAnalyzer analyzer = StoryAnalyzer.bundled();
    StoryConfig config = StoryConfig.DEFAULT;
    StoryModelTrainer trainer = featureNames == null ? new StoryModelTrainer(analyzer, config)
        : new StoryModelTrainer(analyzer, config, featureNames);
    StoryModel model = modelFile == null ? StoryModel.bundled() : readModel(modelFile);

    out.printf("bench stories: %s (sha256 %s)%n", corpus, sha256(corpus).substring(0, 16));
    out.printf("%d items, %d gold stories, %d topics%s, %s%n", entries.size(), new TreeSet<>(gold).size(),
        new TreeSet<>(topics).size(), topicFile == null ? " (no topic file: each story is a topic)" : " from " + topicFile,
        dated ? "dated (window " + config.window() + ")" : "undated (no story closes)");
    out.printf("baseline: single-pass TF-IDF centroid, cosine >= %.2f, IDF of the items seen so far, every cluster compared%n",
        CentroidBaseline.THRESHOLD);
    out.printf("wirewatch: %s; %s%n", modelFile == null ? "bundled model" : modelFile, model);
    out.flush();

    // Each variant's items and analyses, computed once: training replays them many times.
    Map<String, List<LabelledItem>> streams = new HashMap<>();
    for (Variant v : variants) {
      List<LabelledItem> s = new ArrayList<>(entries.size());
      for (StoryItemsFile.Line e : entries) {
        s.add(trainer.label(v.transform().apply(e.item()), e.story()));
      }
      streams.put(v.name(), s);
    }

    if (writeModel != null) {
      write(out, trainer, variants, streams, writeModel);
    }

    // Cross-validation by topic: the folds' predictions, each from a model that never saw its topic.
    Map<String, List<String>> cvPredictions = new HashMap<>();
    Map<String, double[]> cvFullClusters = new HashMap<>();
    if (folds >= 2) {
      List<String> topicList = new ArrayList<>(new TreeSet<>(topics));
      if (topicList.size() < folds) {
        throw new IllegalArgumentException("--folds " + folds + ": only " + topicList.size() + " topics");
      }
      Collections.shuffle(topicList, new Random(seed));
      Map<String, Integer> foldOf = new HashMap<>();
      for (int i = 0; i < topicList.size(); i++) {
        foldOf.put(topicList.get(i), i % folds);
      }
      for (Variant v : variants) {
        cvPredictions.put(v.name(), new ArrayList<>(Collections.nCopies(entries.size(), (String) null)));
        cvFullClusters.put(v.name(), new double[2]);
      }
      out.printf("%n%d-fold cross-validation by topic (shuffle seed %d): weights and threshold learned on the other folds' "
          + "topics, all variants pooled; each variant's whole stream assigned, the held-out fold's items scored%n", folds, seed);
      for (int f = 0; f < folds; f++) {
        List<List<LabelledItem>> training = new ArrayList<>();
        for (Variant v : variants) {
          List<LabelledItem> s = streams.get(v.name());
          List<LabelledItem> t = new ArrayList<>();
          for (int i = 0; i < s.size(); i++) {
            if (foldOf.get(topics.get(i)) != f) {
              t.add(s.get(i));
            }
          }
          training.add(t);
        }
        long t0 = System.nanoTime();
        StoryModelTrainer.Examples examples = trainer.examples(training);
        StoryModel m = trainer.withBestThreshold(StoryModelTrainer.fit(examples), training);
        long trainMs = (System.nanoTime() - t0) / 1_000_000;
        int heldOut = 0;
        for (Variant v : variants) {
          List<String> pred = trainer.assign(m, streams.get(v.name()));
          List<String> cv = cvPredictions.get(v.name());
          double[] full = cvFullClusters.get(v.name());
          Map<String, Integer> clusterSize = new HashMap<>();
          Map<String, Integer> goldSize = new HashMap<>();
          Map<String, Integer> both = new HashMap<>();
          for (int i = 0; i < pred.size(); i++) {
            clusterSize.merge(pred.get(i), 1, Integer::sum);
            goldSize.merge(gold.get(i), 1, Integer::sum);
            both.merge(pred.get(i) + '\u0000' + gold.get(i), 1, Integer::sum);
          }
          for (int i = 0; i < pred.size(); i++) {
            if (foldOf.get(topics.get(i)) == f) {
              cv.set(i, f + ":" + pred.get(i));
              // B-cubed with the whole predicted cluster, training-topic items included.
              double b = both.get(pred.get(i) + '\u0000' + gold.get(i));
              full[0] += b / clusterSize.get(pred.get(i));
              full[1] += b / goldSize.get(gold.get(i));
              if (v == variants.get(0)) {
                heldOut++;
              }
            }
          }
        }
        out.printf("  fold %d: %3d held-out items, %6d training pairs, candidate recall %.3f, trained in %5d ms; %s%n",
            f + 1, heldOut, examples.features().size(), examples.candidateRecall(), trainMs, m);
        out.flush();
      }
    }

    out.printf("%n%-20s %-34s %6s %6s %6s %7s %6s %6s %8s %9s %8s%n", "variant", "system", "B3 P", "B3 R", "B3 F1",
        "pair F1", "NMI", "ARI", "stories", "art/s", "topic F1");
    for (Variant v : variants) {
      List<LabelledItem> s = streams.get(v.name());
      // Baseline
      long t0 = System.nanoTime();
      CentroidBaseline baseline = new CentroidBaseline();
      List<String> basePred = new ArrayList<>(s.size());
      for (LabelledItem x : s) {
        basePred.add(Integer.toString(baseline.assign(x.item())));
      }
      double baseRate = s.size() / ((System.nanoTime() - t0) / 1e9);
      row(out, v.name(), "baseline tf-idf centroid 0.25", ClusteringScores.of(basePred, gold), gold, baseRate,
          ClusteringScores.of(basePred, topics));
      if (folds >= 2) {
        List<String> cv = cvPredictions.get(v.name());
        ClusteringScores sc = ClusteringScores.of(cv, gold);
        row(out, "", "wirewatch, " + folds + "-fold CV by topic", sc, gold, Double.NaN, ClusteringScores.of(cv, topics));
        double[] full = cvFullClusters.get(v.name());
        double p = full[0] / s.size();
        double r = full[1] / s.size();
        out.printf("%-20s %-34s %6.3f %6.3f %6.3f%n", "", "  same, whole clusters (note)", p, r, 2 * p * r / (p + r));
      }
      // The model as shipped (or --model), on the whole stream, timed with analysis included.
      t0 = System.nanoTime();
      StoryAssigner assigner = new StoryAssigner(new InMemoryStoryState(), analyzer, model, config);
      List<String> pred = new ArrayList<>(s.size());
      for (LabelledItem x : s) {
        pred.add(assigner.assign(x.item(), Instant.EPOCH).storyId());
      }
      double rate = s.size() / ((System.nanoTime() - t0) / 1e9);
      row(out, "", (modelFile == null ? "wirewatch bundled" : "wirewatch --model") + " (in-sample)",
          ClusteringScores.of(pred, gold), gold, rate, ClusteringScores.of(pred, topics));
      out.flush();
    }
    out.printf("%nB3 = B-cubed (per item, averaged); stories = clusters found / gold stories; art/s = articles per second, "
        + "analysis included, one thread; topic F1 = B-cubed F1 against the topic gold (merging a topic's two events scores "
        + "well there and badly on story gold).%n");
    out.printf("CV rows: held-out items of all folds pooled, each fold's clusters kept apart; \"whole clusters\" also counts "
        + "training-topic items that the fold's run put in a held-out item's cluster.%n");
    out.flush();
    return 0;
  }

  private static void row(PrintWriter out, String variant, String system, ClusteringScores s, List<String> gold, double rate,
      ClusteringScores topic) {
    out.printf(Locale.ROOT, "%-20s %-34s %6.3f %6.3f %6.3f %7.3f %6.3f %6.3f %8s %9s %8.3f%n", variant, system,
        s.b3Precision(), s.b3Recall(), s.b3F1(), s.pairF1(), s.nmi(), s.ari(), s.predictedClusters() + "/" + s.goldClusters(),
        Double.isNaN(rate) ? "-" : String.format(Locale.ROOT, "%.0f", rate), topic.b3F1());
  }

  private void write(PrintWriter out, StoryModelTrainer trainer, List<Variant> variants, Map<String, List<LabelledItem>> streams,
      Path file) throws IOException {
    List<List<LabelledItem>> all = variants.stream().map(v -> streams.get(v.name())).toList();
    StoryModelTrainer.Examples examples = trainer.examples(all);
    StoryModel m = trainer.withBestThreshold(StoryModelTrainer.fit(examples), all);
    long positives = examples.labels().stream().filter(b -> b).count();
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      m.write(w, List.of(
          "Story model: logistic regression over io.wirewatch.process.story.StoryFeatures, and the join threshold.",
          "Made by: bin/wirewatch bench stories --corpus " + corpus.getFileName() + " --write-model FILE",
          "  corpus sha256 " + sha256(corpus) + ", " + streams.get(variants.get(0).name()).size() + " items",
          "  variants pooled: " + variants.stream().map(Variant::name).toList(),
          "  oracle replay: " + examples.features().size() + " pairs (" + positives + " positive), candidate recall "
              + String.format(Locale.ROOT, "%.3f", examples.candidateRecall()),
          "  weights: LIBLINEAR L2-regularised logistic regression (C=1); threshold: best mean B-cubed F1 over the variants"));
    }
    out.printf("wrote %s: %s%n", file, m);
    out.flush();
  }

  private static StoryModel readModel(Path file) {
    try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return StoryModel.read(r, file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("--model: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static StoryItem bagOfWords(StoryItem x) {
    return new StoryItem(x.id(), words(x.title()), words(x.text()), x.published(), x.source(), x.language(), x.url());
  }

  private static String words(String s) {
    return NON_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  static StoryItem lead(StoryItem x) {
    return new StoryItem(x.id(), x.title(), firstSentence(x.text()), x.published(), x.source(), x.language(), x.url());
  }

  static String firstSentence(String text) {
    String t = text.strip();
    int nl = t.indexOf('\n');
    String para = nl < 0 ? t : t.substring(0, nl);
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
    it.setText(para);
    int end = it.next();
    return end == BreakIterator.DONE ? para : para.substring(0, end).strip();
  }

  static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
