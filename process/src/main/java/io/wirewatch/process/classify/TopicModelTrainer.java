package io.wirewatch.process.classify;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import io.wirewatch.model.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Trains a {@link TopicModel}: one part per view of the text (hashed word n-grams, and unless
 * {@link Options#charBits()} is 0, hashed character n-grams: see {@link CharNgramFeatures}), each
 * trained alone in the same way. For each label, an L2-regularized logistic regression of "this
 * label or not" on tf-idf vectors scaled by naive-Bayes log-count ratios (NBSVM, Wang and
 * Manning 2012, "Baselines and Bigrams"). The ratio says how much more often a bucket occurs in the
 * label's texts than in the others'; scaling by it lets the regression start from the naive-Bayes
 * evidence, which is what wins on small training sets. Measured by {@code bench classify} on AG
 * News (5-fold): plain tf-idf regression 0.885, with the ratios 0.893. Because the score is
 * w . (r o x), the ratios r fold into the weights and the model file stays a plain linear model.
 *
 * <p>The regression weights are then pulled towards their mean magnitude, w' = (1 - beta) mean|w| +
 * beta w, Wang and Manning's interpolation between naive Bayes (all weights equal, so the ratios
 * alone decide) and the regression (beta = 1). The regression overfits a few thousand texts; the
 * interpolation gives back some of naive Bayes' robustness: 0.8934 at beta = 1, 0.8951 at 0.5.
 *
 * <p>The solver is LIBLINEAR's dual coordinate descent ({@code L2R_LR_DUAL}). Why LIBLINEAR: it is
 * the reference implementation of large sparse linear classification (behind scikit-learn's
 * {@code liblinear} solver and {@code LinearSVC}); its Java port {@code de.bwaldvogel:liblinear} is
 * one ~150 KB jar without dependencies, and it solves the convex problem to a tolerance rather than
 * depending on a learning-rate schedule as hand-written SGD would. Tribuo and Smile are far heavier
 * for one linear model; Mallet and Weka are unmaintained or GPL; fastText has no maintained JVM port
 * without native code. Logistic rather than hinge loss so that the score is a probability an analyst
 * can threshold.
 *
 * <p>The parts are pooled by a weighted geometric mean (see {@link TopicModel}); the word part's
 * weight is chosen on {@link Options#innerFolds()} inner folds of the training texts. Measured by
 * {@code bench classify} (AG News, 5-fold, shuffle seeds 1 to 4): equal weights 0.8997, weights
 * chosen on 3 inner folds 0.9004 (word weight 0.45 to 0.8, mean 0.63), for 2.7 times the training time.
 *
 * <p>Deterministic: the same examples in the same order with the same options give the same model,
 * because the solver's shuffling draws from a {@link Random} seeded with {@link Options#seed()}.
 */
public final class TopicModelTrainer {

  /**
   * @param bits     log2 of the number of hash buckets of the word part
   * @param charBits log2 of the number of hash buckets of the character n-gram part, or 0 for none
   * @param c        inverse regularization strength (LIBLINEAR's C): larger fits the training texts more
   * @param alpha    naive-Bayes smoothing added to every bucket's document count
   * @param beta     share of the regression weights in their interpolation with the mean weight, in (0, 1]
   * @param eps      solver stopping tolerance
   * @param seed     seed of the solver's shuffling and of the deal into inner folds
   * @param innerFolds folds of the training texts on which the parts' weights in the pool are chosen,
   *                 or 0 to pool them with equal weights
   */
  public record Options(int bits, int charBits, double c, double alpha, double beta, double eps, long seed, int innerFolds) {
    /**
     * C, alpha and beta chosen by 5-fold cross-validation on AG News for the word part (C in 4..64,
     * alpha in 0.1..1, beta in 0.25..1; C between 4 and 32 makes no difference once beta is below
     * 1) and kept for the character part, fixed before it was measured. Character bits: see
     * {@link CharNgramFeatures}. Three inner folds: see {@link #WORD_WEIGHTS}.
     */
    public static final Options DEFAULT = new Options(20, 18, 16.0, 0.5, 0.5, 0.01, 42L, 3);

    public Options {
      new TextFeatures(bits); // validates bits
      if (charBits != 0) {
        new CharNgramFeatures(charBits); // validates charBits
      }
      if (!(c > 0)) {
        throw new InvalidInputException("c must be positive, got " + c);
      }
      if (!(alpha > 0)) {
        throw new InvalidInputException("alpha must be positive, got " + alpha);
      }
      if (!(beta > 0 && beta <= 1)) {
        throw new InvalidInputException("beta must be in (0, 1], got " + beta);
      }
      if (!(eps > 0)) {
        throw new InvalidInputException("eps must be positive, got " + eps);
      }
      if (innerFolds != 0 && (innerFolds < 2 || innerFolds > 20)) {
        throw new InvalidInputException("innerFolds must be 0 or in [2, 20], got " + innerFolds);
      }
    }

    /** These options with another number of inner folds. */
    public Options withInnerFolds(int folds) {
      return new Options(bits, charBits, c, alpha, beta, eps, seed, folds);
    }
  }

  private final Options options;
  private final TextFeatures features;
  private final List<HashedFeatures> views;

  public TopicModelTrainer(Options options) {
    this.options = options;
    this.features = new TextFeatures(options.bits());
    this.views = options.charBits() == 0
        ? List.of(features)
        : List.of(features, new CharNgramFeatures(options.charBits()));
  }

  /** The word view, the first part of every model this trainer makes. */
  TextFeatures features() {
    return features;
  }

  /** The views a model gets one part each of, in part order. */
  List<HashedFeatures> views() {
    return views;
  }

  /**
   * Raw counts of the word view's hashed features of one text: what another model trained on the
   * same features (a baseline) needs. Indices are below {@link #wordBuckets()}.
   */
  public SparseVector wordCounts(String title, String text) {
    return features.counts(title, text);
  }

  /** Hash buckets of the word view. */
  public int wordBuckets() {
    return features.buckets();
  }

  /** The features of each part, as a reader of a benchmark needs them described. */
  public String describeFeatures() {
    return views.stream().map(HashedFeatures::describe).collect(Collectors.joining(" + "));
  }

  public TopicModel train(List<LabelledText> examples) {
    List<String> labels = examples.stream().map(LabelledText::label).toList();
    List<String> names = List.copyOf(new TreeSet<>(labels));
    if (names.size() < 2) {
      throw new InvalidInputException("labels: need at least 2 distinct labels, got " + names);
    }
    int[] y = new int[labels.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = names.indexOf(labels.get(i));
    }
    // Each view's counts once: the inner folds train on subsets of them.
    List<List<SparseVector>> counts = new ArrayList<>();
    for (HashedFeatures view : views) {
      List<SparseVector> c = new ArrayList<>(examples.size());
      for (LabelledText e : examples) {
        c.add(view.counts(e.title(), e.text()));
      }
      counts.add(c);
    }
    List<LinearScorer> parts = new ArrayList<>();
    for (int v = 0; v < views.size(); v++) {
      parts.add(trainPart(views.get(v), counts.get(v), y, names.size()));
    }
    return new TopicModel(names, parts, poolWeights(counts, y, names.size()));
  }

  /**
   * Weight of the word part when it is pooled with the character part, tried on the inner folds,
   * fixed before any measurement: the whole range in steps of 0.05, the extremes left out because
   * a part with almost no weight should rather not be trained.
   */
  static final double[] WORD_WEIGHTS = IntStream.rangeClosed(2, 18).mapToDouble(i -> i * 0.05).toArray();

  /**
   * The parts' weights in the pool: equal without inner folds or with one part; otherwise the word
   * part's weight among {@link #WORD_WEIGHTS} that classifies the most held-out texts right when
   * each inner fold's texts are predicted by parts trained on the other inner folds (ties: the
   * weight nearest one half). The weights are chosen on the training texts alone, never on texts
   * the model is later scored on. Why: the parts differ in strength and in calibration, and equal
   * weights are only a guess; a weight picked by cross-validation on the test folds would flatter
   * the figure. Costs {@code innerFolds} extra trainings on (k - 1) / k of the texts.
   */
  private double[] poolWeights(List<List<SparseVector>> counts, int[] y, int l) {
    int p = counts.size();
    int k = options.innerFolds();
    if (p != 2 || k == 0 || y.length < 2 * k) {
      return TopicModel.equalWeights(p);
    }
    // Deal the texts into inner folds in a seeded random order, as the training file may be sorted.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(options.seed()));
    int[] fold = new int[y.length];
    for (int j = 0; j < order.size(); j++) {
      fold[order.get(j)] = j % k;
    }
    double[][][] logs = new double[p][y.length][];
    for (int f = 0; f < k; f++) {
      List<Integer> in = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        if (fold[i] != f) {
          in.add(i);
        }
      }
      int[] yIn = in.stream().mapToInt(i -> y[i]).toArray();
      if (Arrays.stream(yIn).distinct().count() < l) {
        return TopicModel.equalWeights(p); // too few texts for every label to be seen in each inner fold
      }
      for (int v = 0; v < p; v++) {
        List<SparseVector> c = counts.get(v);
        LinearScorer part = trainPart(views.get(v), in.stream().map(c::get).toList(), yIn, l);
        for (int i = 0; i < y.length; i++) {
          if (fold[i] == f) {
            double[] prob = part.probabilities(c.get(i));
            for (int m = 0; m < l; m++) {
              prob[m] = Math.log(prob[m]);
            }
            logs[v][i] = prob;
          }
        }
      }
    }
    double w = chooseWordWeight(logs[0], logs[1], y);
    return new double[] {w, 1 - w};
  }

  /**
   * The weight among {@link #WORD_WEIGHTS} whose pool of the two parts' log-probabilities puts the
   * most texts in their label; ties go to the weight nearest one half (equal weights).
   *
   * @param word  per text, the word part's log-probability of each label
   * @param chars per text, the character part's
   * @param y     per text, the index of its label
   */
  static double chooseWordWeight(double[][] word, double[][] chars, int[] y) {
    double best = 0.5;
    int bestHits = -1;
    for (double w : WORD_WEIGHTS) {
      int hits = 0;
      for (int i = 0; i < y.length; i++) {
        int arg = 0;
        double top = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < word[i].length; m++) {
          double s = w * word[i][m] + (1 - w) * chars[i][m];
          if (s > top) {
            top = s;
            arg = m;
          }
        }
        if (arg == y[i]) {
          hits++;
        }
      }
      if (hits > bestHits || (hits == bestHits && Math.abs(w - 0.5) < Math.abs(best - 0.5))) {
        best = w;
        bestHits = hits;
      }
    }
    return best;
  }

  /** One-vs-rest NBSVM weights over one view's counts; y holds label indices below l. */
  private LinearScorer trainPart(HashedFeatures view, List<SparseVector> counts, int[] y, int l) {
    int n = counts.size();
    int nb = view.buckets();
    // Document frequencies, then the buckets that occur at all and their idf.
    int[] df = new int[nb];
    for (SparseVector v : counts) {
      for (int b : v.indices()) {
        df[b]++;
      }
    }
    int[] used = java.util.stream.IntStream.range(0, nb).filter(b -> df[b] > 0).toArray();
    int[] slot = new int[nb]; // bucket -> position in used
    Arrays.fill(slot, -1);
    float[] idf = new float[used.length];
    for (int i = 0; i < used.length; i++) {
      slot[used[i]] = i;
      idf[i] = (float) LinearScorer.idf(df[used[i]], n);
    }

    // Unit-length tf-idf vectors, in the model's own arithmetic so that training sees what prediction sees.
    int[][] xIndex = new int[n][];
    double[][] xValue = new double[n][];
    for (int i = 0; i < n; i++) {
      SparseVector v = counts.get(i);
      xIndex[i] = new int[v.size()];
      xValue[i] = new double[v.size()];
      double norm = 0;
      for (int j = 0; j < v.size(); j++) {
        int s = slot[v.indices()[j]];
        xIndex[i][j] = s;
        xValue[i][j] = LinearScorer.tf(v.values()[j]) * idf[s];
        norm += xValue[i][j] * xValue[i][j];
      }
      norm = norm == 0 ? 1 : Math.sqrt(norm);
      for (int j = 0; j < v.size(); j++) {
        xValue[i][j] /= norm;
      }
    }

    float[] weights = new float[used.length * l];
    float[] bias = new float[l];
    Linear.disableDebugOutput();
    for (int k = 0; k < l; k++) {
      double[] r = logCountRatios(xIndex, y, k, used.length, nb);
      double[] w = interpolateWithMean(trainOneVsRest(xIndex, xValue, y, k, r), used.length);
      for (int s = 0; s < used.length; s++) {
        weights[s * l + k] = (float) (w[s] * r[s]);
      }
      bias[k] = (float) w[used.length];
    }
    return new LinearScorer(view, l, n, bias, used, idf, weights);
  }

  /**
   * log((p_b + alpha) / |p + alpha|_1) - log((q_b + alpha) / |q + alpha|_1), where p_b and q_b count
   * the texts with and without label k that contain bucket b. The norms run over all 2^bits buckets,
   * as the hashed feature space is the vocabulary.
   */
  private double[] logCountRatios(int[][] xIndex, int[] y, int k, int slots, int buckets) {
    double[] p = new double[slots];
    double[] q = new double[slots];
    double pSum = 0;
    double qSum = 0;
    for (int i = 0; i < xIndex.length; i++) {
      double[] target = y[i] == k ? p : q;
      for (int s : xIndex[i]) {
        target[s]++;
      }
      if (y[i] == k) {
        pSum += xIndex[i].length;
      } else {
        qSum += xIndex[i].length;
      }
    }
    double a = options.alpha();
    pSum += a * buckets;
    qSum += a * buckets;
    double[] r = new double[slots];
    for (int s = 0; s < slots; s++) {
      r[s] = Math.log((p[s] + a) / pSum) - Math.log((q[s] + a) / qSum);
    }
    return r;
  }

  /** (1 - beta) mean|w| + beta w over the first {@code slots} weights; the bias is left alone. */
  private double[] interpolateWithMean(double[] w, int slots) {
    double beta = options.beta();
    double mean = 0;
    for (int s = 0; s < slots; s++) {
      mean += Math.abs(w[s]);
    }
    mean /= slots;
    for (int s = 0; s < slots; s++) {
      w[s] = (1 - beta) * mean + beta * w[s];
    }
    return w;
  }

  /** Weights of "label k or not" over the NB-scaled vectors; the last entry is the bias. */
  private double[] trainOneVsRest(int[][] xIndex, double[][] xValue, int[] y, int k, double[] r) {
    int slots = r.length;
    Problem problem = new Problem();
    problem.l = xIndex.length;
    problem.n = slots + 1; // LIBLINEAR features are 1-based; the bias is the last one
    problem.bias = 1.0;
    problem.x = new Feature[xIndex.length][];
    problem.y = new double[xIndex.length];
    for (int i = 0; i < xIndex.length; i++) {
      // LIBLINEAR wants increasing feature indices; slots follow bucket order, as do the counts.
      Feature[] row = new Feature[xIndex[i].length + 1];
      for (int j = 0; j < xIndex[i].length; j++) {
        int s = xIndex[i][j];
        row[j] = new FeatureNode(s + 1, xValue[i][j] * r[s]);
      }
      row[xIndex[i].length] = new FeatureNode(slots + 1, problem.bias);
      problem.x[i] = row;
      problem.y[i] = y[i] == k ? 1 : 0;
    }
    Parameter parameter = new Parameter(SolverType.L2R_LR_DUAL, options.c(), options.eps());
    parameter.setRandom(new Random(options.seed() + k));
    Model model = Linear.train(problem, parameter);
    double[] w = model.getFeatureWeights(); // slots + 1 values: the bias comes last
    // LIBLINEAR's one binary vector scores its first label, the label of the first text it saw.
    double sign = model.getLabels()[0] == 1 ? 1 : -1;
    double[] out = new double[slots + 1];
    for (int s = 0; s <= slots; s++) {
      out[s] = sign * w[s];
    }
    return out;
  }
}
