package io.wirewatch.bench;

import io.wirewatch.model.InvalidInputException;
import io.wirewatch.process.classify.LabelledCsv;
import io.wirewatch.process.classify.LabelledText;
import io.wirewatch.process.classify.SparseVector;
import io.wirewatch.process.classify.TopicModel;
import io.wirewatch.process.classify.TopicModelTrainer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch bench classify}: k-fold cross-validated accuracy and macro-F1 of the learned
 * topic model, next to a majority-class and a naive-Bayes baseline trained and scored on the same
 * folds in the same run, the word part alone, and the same parts pooled with equal weights (the
 * model before the weights were chosen on inner folds), plus train and predict throughput.
 */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = "Cross-validates the topic model on a labelled CSV (label,title,description) against "
        + "majority-class and naive-Bayes baselines on the same folds; prints accuracy, macro-F1 and throughput.")
public final class ClassifyBench implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--csv", required = true, paramLabel = "FILE",
      description = "Labelled texts, e.g. ../shared/corpora/classification/ag-news-test.csv (read in place, never copied).")
  Path csv;

  @Option(names = "--folds", defaultValue = "5", description = "Number of folds (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the shuffle that deals texts to folds (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--repeats", defaultValue = "1",
      description = "Repeat the k folds with shuffle seeds seed, seed+1, ...: one split's mean moves by a few tenths "
          + "of a point with the seed, the mean over repeats less (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--inner-folds", defaultValue = "3",
      description = "Inner folds of each training fold on which the parts' pool weights are chosen, as train --inner-folds "
          + "(default: ${DEFAULT-VALUE}, the trainer's default).")
  int innerFolds;

  @Override
  public Integer call() throws Exception {
    if (folds < 2) {
      throw new InvalidInputException("--folds must be at least 2, got " + folds);
    }
    if (repeats < 1) {
      throw new InvalidInputException("--repeats must be at least 1, got " + repeats);
    }
    PrintWriter out = spec.commandLine().getOut();
    List<LabelledText> texts = LabelledCsv.read(csv, LabelledCsv.AG_NEWS_LABELS);
    if (texts.size() < folds) {
      throw new InvalidInputException("--csv: " + texts.size() + " texts cannot make " + folds + " folds");
    }
    List<String> labels = List.copyOf(new TreeSet<>(texts.stream().map(LabelledText::label).toList()));
    Map<String, Long> perLabel = texts.stream().collect(Collectors.groupingBy(LabelledText::label, TreeMap::new, Collectors.counting()));
    TopicModelTrainer trainer = new TopicModelTrainer(TopicModelTrainer.Options.DEFAULT.withInnerFolds(innerFolds));
    // The word part alone, as the model was before the character part: a baseline in the same run.
    TopicModelTrainer.Options d = TopicModelTrainer.Options.DEFAULT;
    TopicModelTrainer wordsOnly = new TopicModelTrainer(
        new TopicModelTrainer.Options(d.bits(), 0, d.c(), d.alpha(), d.beta(), d.eps(), d.seed(), 0));

    out.printf("bench classify: %s, %d texts %s, %d folds (shuffle seed %s)%n", csv, texts.size(), perLabel, folds,
        repeats == 1 ? String.valueOf(seed) : seed + ".." + (seed + repeats - 1));
    out.printf("model: one part per view, %s; each tf-idf x naive-Bayes ratios, "
        + "LIBLINEAR logistic regression C=%s, weights interpolated with their mean (beta=%s); "
        + "parts combined by the weighted geometric mean of their probabilities, weights chosen on %d inner folds "
        + "of each training fold%n",
        trainer.describeFeatures(),
        TopicModelTrainer.Options.DEFAULT.c(), TopicModelTrainer.Options.DEFAULT.beta(), innerFolds);
    out.printf("%-5s %7s | %-15s | %-15s | %-15s | %-15s | %-15s | %-39s%n", "fold", "test", "majority", "naive Bayes", "word part alone",
        "equal weights", "wirewatch", "wirewatch model");
    out.printf("%-5s %7s | %7s %7s | %7s %7s | %7s %7s | %7s %7s | %7s %7s | %7s %7s %7s %7s %7s%n", "", "texts", "acc", "F1", "acc", "F1",
        "acc", "F1", "acc", "F1", "acc", "F1", "word w", "train s", "buckets", "file MB", "heap MB");

    double[][] sums = new double[5][2];
    long modelTrainNanos = 0;
    long modelPredictNanos = 0;
    long nbTrainNanos = 0;
    long nbPredictNanos = 0;
    long trained = 0;
    long predicted = 0;
    long modelBytes = 0;
    long modelBuckets = 0;
    long modelHeap = 0;
    long wordsTrainNanos = 0;
    long wordsHeap = 0;
    double[] repeatAccuracy = new double[repeats];
    double[] repeatWords = new double[repeats];
    double[] repeatEqual = new double[repeats];
    double wordWeightSum = 0;
    for (int r = 0; r < repeats; r++) {
      List<LabelledText> shuffled = new ArrayList<>(texts);
      Collections.shuffle(shuffled, new Random(seed + r));
      for (int f = 0; f < folds; f++) {
        List<LabelledText> train = new ArrayList<>();
        List<LabelledText> test = new ArrayList<>();
        for (int i = 0; i < shuffled.size(); i++) {
          (i % folds == f ? test : train).add(shuffled.get(i));
        }
        List<String> trainLabels = train.stream().map(LabelledText::label).toList();

        // Feature extraction is part of each timing: it is work both classifiers must do per text.
        long t0 = System.nanoTime();
        TopicModel model = trainer.train(train);
        long t1 = System.nanoTime();
        ClassificationScores ours = score(labels, test, x -> model.predict(x.title(), x.text()).label());
        long t2 = System.nanoTime();
        List<SparseVector> trainCounts = train.stream().map(x -> trainer.wordCounts(x.title(), x.text())).toList();
        NaiveBayesBaseline nb = new NaiveBayesBaseline(trainCounts, trainLabels, trainer.wordBuckets());
        long t3 = System.nanoTime();
        ClassificationScores bayes = score(labels, test, x -> nb.predict(trainer.wordCounts(x.title(), x.text())));
        long t4 = System.nanoTime();
        String majorityLabel = trainLabels.stream()
            .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()))
            .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        ClassificationScores majority = score(labels, test, x -> majorityLabel);
        long t5 = System.nanoTime();
        TopicModel words = wordsOnly.train(train);
        wordsTrainNanos += System.nanoTime() - t5;
        wordsHeap += words.heapBytes();
        ClassificationScores word = score(labels, test, x -> words.predict(x.title(), x.text()).label());
        // The same parts pooled with equal weights: the model before the weights were chosen on inner folds.
        TopicModel equalModel = model.withWeights(TopicModel.equalWeights(model.parts().size()));
        ClassificationScores equal = score(labels, test, x -> equalModel.predict(x.title(), x.text()).label());
        double wordWeight = model.weights()[0];
        wordWeightSum += wordWeight;

        modelTrainNanos += t1 - t0;
        modelPredictNanos += t2 - t1;
        nbTrainNanos += t3 - t2;
        nbPredictNanos += t4 - t3;
        trained += train.size();
        predicted += test.size();
        long bytes = fileSize(model);
        modelBytes += bytes;
        modelBuckets += model.weightedBuckets();
        modelHeap += model.heapBytes();
        repeatAccuracy[r] += ours.accuracy() / folds;
        repeatWords[r] += word.accuracy() / folds;
        repeatEqual[r] += equal.accuracy() / folds;
        ClassificationScores[] all = {majority, bayes, word, equal, ours};
        for (int k = 0; k < all.length; k++) {
          sums[k][0] += all[k].accuracy();
          sums[k][1] += all[k].macroF1();
        }
        out.printf("%-5s %7d | %7.4f %7.4f | %7.4f %7.4f | %7.4f %7.4f | %7.4f %7.4f | %7.4f %7.4f | %7.2f %7.1f %7d %7.2f %7.2f%n",
            repeats == 1 ? String.valueOf(f + 1) : (seed + r) + "." + (f + 1), test.size(),
            majority.accuracy(), majority.macroF1(), bayes.accuracy(), bayes.macroF1(), word.accuracy(), word.macroF1(),
            equal.accuracy(), equal.macroF1(), ours.accuracy(), ours.macroF1(),
            wordWeight, (t1 - t0) / 1e9, model.weightedBuckets(), bytes / 1e6, model.heapBytes() / 1e6);
        out.flush();
      }
    }
    int runs = folds * repeats;
    double[][] mean = new double[5][2];
    for (int k = 0; k < 5; k++) {
      mean[k][0] = sums[k][0] / runs;
      mean[k][1] = sums[k][1] / runs;
    }
    out.printf("%-5s %7d | %7.4f %7.4f | %7.4f %7.4f | %7.4f %7.4f | %7.4f %7.4f | %7.4f %7.4f | %7.2f %7.1f %7d %7.2f %7.2f%n", "mean",
        predicted, mean[0][0], mean[0][1], mean[1][0], mean[1][1], mean[2][0], mean[2][1], mean[3][0], mean[3][1],
        mean[4][0], mean[4][1], wordWeightSum / runs, modelTrainNanos / 1e9 / runs, modelBuckets / runs, modelBytes / 1e6 / runs, modelHeap / 1e6 / runs);
    if (repeats > 1) {
      StringBuilder each = new StringBuilder();
      for (int r = 0; r < repeats; r++) {
        each.append(String.format(" seed %d %.4f (equal weights %.4f, word part %.4f)", seed + r, repeatAccuracy[r], repeatEqual[r],
            repeatWords[r]));
      }
      out.printf("wirewatch accuracy per shuffle:%s%n", each);
    }
    out.printf("wirewatch vs naive Bayes: accuracy x%.3f, macro-F1 x%.3f, errors x%.3f (%.4f -> %.4f error rate)%n",
        mean[4][0] / mean[1][0], mean[4][1] / mean[1][1], (1 - mean[4][0]) / (1 - mean[1][0]), 1 - mean[1][0], 1 - mean[4][0]);
    out.printf("wirewatch vs equal weights (same parts, the model before): accuracy x%.4f, errors x%.3f (%.4f -> %.4f error rate)%n",
        mean[4][0] / mean[3][0], (1 - mean[4][0]) / (1 - mean[3][0]), 1 - mean[3][0], 1 - mean[4][0]);
    out.printf("wirewatch vs its word part alone: accuracy x%.4f, errors x%.3f (%.4f -> %.4f error rate), "
        + "train time x%.1f, weights in memory x%.1f (%.2f -> %.2f MB)%n",
        mean[4][0] / mean[2][0], (1 - mean[4][0]) / (1 - mean[2][0]), 1 - mean[2][0], 1 - mean[4][0],
        (double) modelTrainNanos / wordsTrainNanos, (double) modelHeap / wordsHeap, wordsHeap / 1e6 / runs, modelHeap / 1e6 / runs);
    double modelTrain = trained / (modelTrainNanos / 1e9);
    double modelPredict = predicted / (modelPredictNanos / 1e9);
    double nbTrain = trained / (nbTrainNanos / 1e9);
    double nbPredict = predicted / (nbPredictNanos / 1e9);
    out.printf("throughput (texts/s, one thread, features included): train %.0f (naive Bayes %.0f, x%.2f), "
        + "predict %.0f (naive Bayes %.0f, x%.2f)%n",
        modelTrain, nbTrain, modelTrain / nbTrain, modelPredict, nbPredict, modelPredict / nbPredict);
    out.flush();
    return 0;
  }

  /** Size of the model file, written to a counting sink rather than to disk. */
  private static long fileSize(TopicModel model) throws IOException {
    long[] count = {0};
    model.write(new OutputStream() {
      @Override
      public void write(int b) {
        count[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        count[0] += len;
      }
    });
    return count[0];
  }

  private static ClassificationScores score(List<String> labels, List<LabelledText> test, Function<LabelledText, String> predict) {
    ClassificationScores s = new ClassificationScores(labels);
    for (LabelledText x : test) {
      s.add(x.label(), predict.apply(x));
    }
    return s;
  }
}
