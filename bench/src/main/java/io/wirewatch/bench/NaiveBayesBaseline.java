package io.wirewatch.bench;

import io.wirewatch.process.classify.SparseVector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Multinomial naive Bayes with add-one smoothing over the same hashed n-gram counts as the topic
 * model: the textbook text classifier, trained in one pass, so the benchmark shows what the
 * regression adds over counting words per class.
 */
final class NaiveBayesBaseline {

  private final List<String> labels;
  private final double[] prior;
  private final Map<Integer, double[]> logLikelihood = new HashMap<>();
  private final double[] unseen;

  NaiveBayesBaseline(List<SparseVector> counts, List<String> ys, int buckets) {
    labels = List.copyOf(new TreeSet<>(ys));
    int l = labels.size();
    prior = new double[l];
    double[] total = new double[l];
    Map<Integer, double[]> perBucket = new HashMap<>();
    for (int i = 0; i < counts.size(); i++) {
      int k = labels.indexOf(ys.get(i));
      prior[k]++;
      SparseVector v = counts.get(i);
      for (int j = 0; j < v.size(); j++) {
        perBucket.computeIfAbsent(v.indices()[j], b -> new double[l])[k] += v.values()[j];
        total[k] += v.values()[j];
      }
    }
    unseen = new double[l];
    for (int k = 0; k < l; k++) {
      prior[k] = Math.log(prior[k] / counts.size());
      unseen[k] = Math.log(1.0 / (total[k] + buckets));
    }
    perBucket.forEach((b, c) -> {
      double[] ll = new double[l];
      for (int k = 0; k < l; k++) {
        ll[k] = Math.log((c[k] + 1) / (total[k] + buckets));
      }
      logLikelihood.put(b, ll);
    });
  }

  String predict(SparseVector v) {
    double[] s = prior.clone();
    for (int j = 0; j < v.size(); j++) {
      double[] ll = logLikelihood.getOrDefault(v.indices()[j], unseen);
      for (int k = 0; k < s.length; k++) {
        s[k] += ll[k] * v.values()[j];
      }
    }
    int arg = 0;
    for (int k = 1; k < s.length; k++) {
      if (s[k] > s[arg]) {
        arg = k;
      }
    }
    return labels.get(arg);
  }
}
