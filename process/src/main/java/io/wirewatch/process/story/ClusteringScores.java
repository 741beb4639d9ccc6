package io.wirewatch.process.story;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a predicted clustering agrees with a gold one: B-cubed (Bagga and Baldwin 1998, the headline
 * figure), pairwise precision/recall/F1 over item pairs, NMI (arithmetic-mean normalisation) and the
 * adjusted Rand index (Hubert and Arabie 1985). Both lists give one label per item, in the same order.
 */
public record ClusteringScores(
    int items, int predictedClusters, int goldClusters,
    double b3Precision, double b3Recall, double b3F1,
    double pairPrecision, double pairRecall, double pairF1,
    double nmi, double ari) {

  public static ClusteringScores of(List<String> predicted, List<String> gold) {
    Objects.requireNonNull(predicted, "predicted");
    Objects.requireNonNull(gold, "gold");
    if (predicted.size() != gold.size()) {
      throw new IllegalArgumentException(predicted.size() + " predictions for " + gold.size() + " gold labels");
    }
    int n = predicted.size();
    if (n == 0) {
      throw new IllegalArgumentException("no items to score");
    }
    Map<String, Integer> p = new HashMap<>();
    Map<String, Integer> g = new HashMap<>();
    Map<String, Integer> joint = new HashMap<>();
    for (int i = 0; i < n; i++) {
      p.merge(predicted.get(i), 1, Integer::sum);
      g.merge(gold.get(i), 1, Integer::sum);
      // '\u0000' cannot appear in either label in any sane corpus; it only joins the two.
      joint.merge(predicted.get(i) + '\u0000' + gold.get(i), 1, Integer::sum);
    }
    double precision = 0;
    double recall = 0;
    for (int i = 0; i < n; i++) {
      double both = joint.get(predicted.get(i) + '\u0000' + gold.get(i));
      precision += both / p.get(predicted.get(i));
      recall += both / g.get(gold.get(i));
    }
    precision /= n;
    recall /= n;

    double pairsBoth = 0;
    for (int c : joint.values()) {
      pairsBoth += pairs(c);
    }
    double pairsPredicted = 0;
    for (int c : p.values()) {
      pairsPredicted += pairs(c);
    }
    double pairsGold = 0;
    for (int c : g.values()) {
      pairsGold += pairs(c);
    }
    double pp = pairsPredicted == 0 ? 1 : pairsBoth / pairsPredicted;
    double pr = pairsGold == 0 ? 1 : pairsBoth / pairsGold;
    double all = pairs(n);
    double expected = all == 0 ? 0 : pairsPredicted * pairsGold / all;
    double maxIndex = (pairsPredicted + pairsGold) / 2;
    double ari = maxIndex == expected ? 1 : (pairsBoth - expected) / (maxIndex - expected);

    double hp = entropy(p, n);
    double hg = entropy(g, n);
    double mi = 0;
    for (int i = 0; i < n; i++) {
      // Summed per item, so divided by the joint count: one term per (cluster, gold) cell.
      double both = joint.get(predicted.get(i) + '\u0000' + gold.get(i));
      mi += Math.log(both * n / ((double) p.get(predicted.get(i)) * g.get(gold.get(i)))) / n;
    }
    double nmi = hp + hg == 0 ? 1 : 2 * mi / (hp + hg);

    return new ClusteringScores(n, p.size(), g.size(), precision, recall, f1(precision, recall), pp, pr, f1(pp, pr), nmi, ari);
  }

  private static double pairs(double c) {
    return c * (c - 1) / 2;
  }

  private static double entropy(Map<String, Integer> counts, int n) {
    double h = 0;
    for (int c : counts.values()) {
      double q = (double) c / n;
      h -= q * Math.log(q);
    }
    return h;
  }

  private static double f1(double p, double r) {
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
}
