package io.wirewatch.process.story;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Learns a {@link StoryModel} from streams whose articles carry their gold story, as Miranda et al.
 * (2018) do: replay each stream in order, assigning every article to its gold story (an oracle), and
 * record for every candidate story the retrieval finds (plus the gold story, always) the pairwise
 * features and whether it is the gold one; fit a logistic regression (LIBLINEAR, L2) on those pairs;
 * then choose the threshold by running the real online assignment on the same streams for a grid
 * of thresholds and keeping the one with the best mean B-cubed F1.
 */
public final class StoryModelTrainer {

  /** An article and its gold story; {@code analysis} is computed once, since streams are replayed often. */
  public record LabelledItem(StoryItem item, TextAnalysis analysis, String gold) {
    public LabelledItem {
      Objects.requireNonNull(item, "item");
      Objects.requireNonNull(analysis, "analysis");
      Objects.requireNonNull(gold, "gold");
    }
  }

  /** Pairwise examples: features and whether the story was the article's gold story. */
  public record Examples(List<double[]> features, List<Boolean> labels, int articles, int goldRetrieved, int goldActive) {
    /** Share of articles whose active gold story the candidate index found by itself. */
    public double candidateRecall() {
      return goldActive == 0 ? 1 : (double) goldRetrieved / goldActive;
    }
  }

  private static final double C = 1.0;

  private final StoryAnalyzer analyzer;
  private final StoryConfig config;
  private final boolean[] used;

  public StoryModelTrainer(StoryAnalyzer analyzer, StoryConfig config) {
    this(analyzer, config, StoryFeatures.NAMES);
  }

  /** A trainer that learns weights for the named features only (the others get weight 0): for ablations. */
  public StoryModelTrainer(StoryAnalyzer analyzer, StoryConfig config, List<String> features) {
    this.analyzer = analyzer;
    this.config = config;
    this.used = new boolean[StoryFeatures.NAMES.size()];
    for (String f : features) {
      int i = StoryFeatures.NAMES.indexOf(f);
      if (i < 0) {
        throw new IllegalArgumentException("unknown feature " + f + "; features are " + StoryFeatures.NAMES);
      }
      used[i] = true;
    }
  }

  public LabelledItem label(StoryItem item, String gold) {
    return new LabelledItem(item, analyzer.analyze(item.title(), item.text()), gold);
  }

  /** Fits the weights on the oracle replay of {@code streams} and chooses the threshold on them. */
  public StoryModel train(List<List<LabelledItem>> streams) {
    StoryModel weights = fit(examples(streams));
    return withBestThreshold(weights, streams);
  }

  /** The oracle replay's pairwise examples. */
  public Examples examples(List<List<LabelledItem>> streams) {
    List<double[]> features = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    int articles = 0;
    int retrieved = 0;
    int active = 0;
    for (List<LabelledItem> stream : streams) {
      StoryAssigner oracle = new StoryAssigner(new InMemoryStoryState(), analyzer, StoryModel.bundled(), config);
      Map<String, String> storyOfGold = new HashMap<>();
      for (LabelledItem x : stream) {
        articles++;
        String goldStory = storyOfGold.get(x.gold());
        StoryAssigner.Evaluation e = oracle.evaluate(x.item(), x.analysis(), Instant.EPOCH, goldStory);
        boolean goldActive = goldStory != null && e.stories.containsKey(goldStory);
        if (goldActive) {
          active++;
        }
        for (StoryCandidate c : e.candidates) {
          double[] f = c.features().clone();
          for (int k = 0; k < f.length; k++) {
            f[k] = used[k] ? f[k] : 0;
          }
          features.add(f);
          labels.add(c.storyId().equals(goldStory));
        }
        if (goldActive && e.retrieved.contains(goldStory)) {
          retrieved++;
        }
        StoryAssignment a = oracle.commit(e, goldActive ? goldStory : null, 1, false);
        storyOfGold.put(x.gold(), a.storyId());
      }
    }
    return new Examples(features, labels, articles, retrieved, active);
  }

  /** L2-regularised logistic regression over the examples; the threshold is left at 0.5. */
  public static StoryModel fit(Examples examples) {
    int d = StoryFeatures.NAMES.size();
    int l = examples.features().size();
    if (l == 0 || !examples.labels().contains(true) || !examples.labels().contains(false)) {
      throw new IllegalArgumentException("training needs positive and negative pairs; got " + l + " pairs");
    }
    Problem problem = new Problem();
    problem.l = l;
    problem.n = d + 1; // LIBLINEAR features are 1-based; the bias is the last one
    problem.bias = 1.0;
    problem.x = new Feature[l][];
    problem.y = new double[l];
    for (int i = 0; i < l; i++) {
      double[] f = examples.features().get(i);
      Feature[] row = new Feature[d + 1];
      for (int j = 0; j < d; j++) {
        row[j] = new FeatureNode(j + 1, f[j]);
      }
      row[d] = new FeatureNode(d + 1, problem.bias);
      problem.x[i] = row;
      problem.y[i] = examples.labels().get(i) ? 1 : 0;
    }
    Linear.disableDebugOutput();
    Model model = Linear.train(problem, new Parameter(SolverType.L2R_LR, C, 1e-4));
    double[] w = model.getFeatureWeights();
    double sign = model.getLabels()[0] == 1 ? 1 : -1;
    double[] weights = new double[d];
    for (int j = 0; j < d; j++) {
      weights[j] = sign * w[j];
    }
    return new StoryModel(StoryFeatures.NAMES, weights, sign * w[d], 0.5);
  }

  /**
   * The model with the threshold that gives the best mean B-cubed F1 over the streams: a grid of
   * step 0.05 over [0.05, 0.95], then step 0.0125 around the best point.
   */
  public StoryModel withBestThreshold(StoryModel model, List<List<LabelledItem>> streams) {
    double[] best = {Double.NaN, -1};
    for (double t = 0.05; t < 0.951; t += 0.05) {
      consider(model, streams, Math.round(t * 10000) / 10000.0, best);
    }
    double centre = best[0];
    for (double d = -0.0375; d < 0.0376; d += 0.0125) {
      double t = Math.round((centre + d) * 10000) / 10000.0;
      if (d != 0 && t > 0 && t < 1) {
        consider(model, streams, t, best);
      }
    }
    return model.withThreshold(best[0]);
  }

  private void consider(StoryModel model, List<List<LabelledItem>> streams, double t, double[] best) {
    StoryModel m = model.withThreshold(t);
    double sum = 0;
    for (List<LabelledItem> stream : streams) {
      sum += score(m, stream).b3F1();
    }
    double f1 = sum / streams.size();
    // Ties go to the lower threshold of the coarse pass, then to the point found first.
    if (f1 > best[1] + 1e-12) {
      best[0] = t;
      best[1] = f1;
    }
  }

  /** Runs the online assignment with {@code model} over one stream and scores it against the gold. */
  public ClusteringScores score(StoryModel model, List<LabelledItem> stream) {
    return ClusteringScores.of(assign(model, stream), stream.stream().map(LabelledItem::gold).toList());
  }

  /** The story ids the online assignment gives, one per article, from an empty state. */
  public List<String> assign(StoryModel model, List<LabelledItem> stream) {
    StoryAssigner assigner = new StoryAssigner(new InMemoryStoryState(), analyzer, model, config);
    List<String> out = new ArrayList<>(stream.size());
    for (LabelledItem x : stream) {
      out.add(assigner.assign(x.item(), x.analysis(), Instant.EPOCH).storyId());
    }
    return out;
  }
}
