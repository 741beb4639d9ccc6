package io.wirewatch.bench;

import io.wirewatch.process.story.StoryItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline of {@code bench stories}: single-pass TF-IDF centroid clustering. Words are
 * lower-cased {@code \w+} runs of headline and text; an article's vector is raw term frequency times
 * IDF = ln(N / df) over the articles seen so far (itself included), scaled to unit length; it joins the
 * cluster whose centroid (the sum of its members' vectors as they were when they joined) has the
 * highest cosine if that is at least 0.25, else it starts a cluster. Every cluster is compared: this
 * is the "every article against every story" approach the candidate index replaces.
 */
final class CentroidBaseline {

  static final double THRESHOLD = 0.25;
  private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

  private final Map<String, Integer> df = new HashMap<>();
  private final List<Map<String, Double>> centroids = new ArrayList<>();
  private final List<Double> norms = new ArrayList<>();
  private int n;

  /** The cluster number of the next article. */
  int assign(StoryItem item) {
    Map<String, Integer> tf = new HashMap<>();
    Matcher m = WORD.matcher((item.title() + "\n" + item.text()).toLowerCase(Locale.ROOT));
    while (m.find()) {
      tf.merge(m.group(), 1, Integer::sum);
    }
    n++;
    tf.keySet().forEach(t -> df.merge(t, 1, Integer::sum));
    Map<String, Double> v = new HashMap<>();
    double norm = 0;
    for (Map.Entry<String, Integer> e : tf.entrySet()) {
      double w = e.getValue() * Math.log((double) n / df.get(e.getKey()));
      v.put(e.getKey(), w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (Map.Entry<String, Double> e : v.entrySet()) {
        e.setValue(e.getValue() / norm);
      }
    }
    int best = -1;
    double bestScore = -1;
    for (int c = 0; c < centroids.size(); c++) {
      Map<String, Double> centroid = centroids.get(c);
      double dot = 0;
      for (Map.Entry<String, Double> e : v.entrySet()) {
        Double w = centroid.get(e.getKey());
        if (w != null) {
          dot += w * e.getValue();
        }
      }
      double cos = norms.get(c) == 0 ? 0 : dot / norms.get(c);
      if (cos > bestScore) {
        bestScore = cos;
        best = c;
      }
    }
    if (best < 0 || bestScore < THRESHOLD) {
      centroids.add(new HashMap<>());
      norms.add(0.0);
      best = centroids.size() - 1;
    }
    Map<String, Double> centroid = centroids.get(best);
    v.forEach((t, w) -> centroid.merge(t, w, Double::sum));
    double cn = 0;
    for (double w : centroid.values()) {
      cn += w * w;
    }
    norms.set(best, Math.sqrt(cn));
    return best;
  }
}
