package io.wirewatch.process.story;

import io.wirewatch.model.config.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The learned part of the clusterer: a logistic model over {@link StoryFeatures} that gives the
 * probability that an article belongs to a story, and the threshold above which it joins the best
 * one (below, it starts a story). Trained by {@link StoryModelTrainer}; the bundled one
 * ({@value #BUNDLED}) says in its header how it was made and how to make it again.
 *
 * @param features   feature names, which must be {@link StoryFeatures#NAMES}
 * @param weights    one per feature
 * @param bias       intercept
 * @param threshold  lowest probability at which an article joins a story
 */
public record StoryModel(List<String> features, double[] weights, double bias, double threshold) {

  public static final String BUNDLED = "io/wirewatch/process/story/story-model.properties";

  public StoryModel {
    features = List.copyOf(features);
    Objects.requireNonNull(weights, "weights");
    if (!features.equals(StoryFeatures.NAMES)) {
      throw new IllegalArgumentException("model features " + features + " are not the clusterer's " + StoryFeatures.NAMES);
    }
    if (weights.length != features.size()) {
      throw new IllegalArgumentException(weights.length + " weights for " + features.size() + " features");
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
    }
    weights = weights.clone();
  }

  /** The same weights with another threshold. */
  public StoryModel withThreshold(double t) {
    return new StoryModel(features, weights, bias, t);
  }

  /** P(article belongs to story | features). */
  public double probability(double[] f) {
    return 1 / (1 + Math.exp(-margin(f)));
  }

  public double margin(double[] f) {
    double z = bias;
    for (int i = 0; i < weights.length; i++) {
      z += weights[i] * f[i];
    }
    return z;
  }

  /** Each feature's share of the margin (weight times value), for explanations. */
  public double[] contributions(double[] f) {
    double[] c = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      c[i] = weights[i] * f[i];
    }
    return c;
  }

  public double[] weights() {
    return weights.clone();
  }

  public static StoryModel bundled() {
    try (InputStream in = StoryModel.class.getClassLoader().getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new ConfigException("bundled resource " + BUNDLED + " is missing from the jar");
      }
      return read(new InputStreamReader(in, StandardCharsets.UTF_8), "bundled " + BUNDLED);
    } catch (IOException e) {
      throw new ConfigException("cannot read bundled " + BUNDLED + ": " + e.getMessage());
    }
  }

  /**
   * Reads {@code key=value} lines: {@code threshold}, {@code bias} and {@code weight.NAME} for every
   * feature; {@code #} starts a comment.
   *
   * @param name where the model comes from, for error messages
   */
  public static StoryModel read(Reader source, String name) throws IOException {
    Map<String, Double> values = new LinkedHashMap<>();
    BufferedReader in = new BufferedReader(source);
    String line;
    int number = 0;
    while ((line = in.readLine()) != null) {
      number++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int eq = l.indexOf('=');
      if (eq < 0) {
        throw new ConfigException(name + " line " + number + ": expected key=value, got '" + l + "'");
      }
      String key = l.substring(0, eq).strip();
      try {
        values.put(key, Double.parseDouble(l.substring(eq + 1).strip()));
      } catch (NumberFormatException e) {
        throw new ConfigException(name + " line " + number + ": " + key + " is not a number: '" + l.substring(eq + 1).strip() + "'");
      }
    }
    double[] w = new double[StoryFeatures.NAMES.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = require(values, "weight." + StoryFeatures.NAMES.get(i), name);
    }
    List<String> unknown = new ArrayList<>();
    for (String key : values.keySet()) {
      boolean known = key.equals("bias") || key.equals("threshold")
          || (key.startsWith("weight.") && StoryFeatures.NAMES.contains(key.substring(7)));
      if (!known) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new ConfigException(name + ": unknown keys " + unknown);
    }
    try {
      return new StoryModel(StoryFeatures.NAMES, w, require(values, "bias", name), require(values, "threshold", name));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name + ": " + e.getMessage());
    }
  }

  private static double require(Map<String, Double> values, String key, String name) {
    Double v = values.get(key);
    if (v == null) {
      throw new ConfigException(name + ": missing " + key);
    }
    return v;
  }

  /** Writes the model in the format {@link #read} reads, after the given comment lines. */
  public void write(Writer out, List<String> comments) throws IOException {
    for (String c : comments) {
      out.write("# " + c + "\n");
    }
    out.write(String.format(Locale.ROOT, "threshold=%.4f%n", threshold));
    out.write(String.format(Locale.ROOT, "bias=%.6f%n", bias));
    for (int i = 0; i < weights.length; i++) {
      out.write(String.format(Locale.ROOT, "weight.%s=%.6f%n", features.get(i), weights[i]));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoryModel m && features.equals(m.features) && Arrays.equals(weights, m.weights)
        && bias == m.bias && threshold == m.threshold;
  }

  @Override
  public int hashCode() {
    return Objects.hash(features, Arrays.hashCode(weights), bias, threshold);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "threshold %.3f, bias %.3f", threshold, bias));
    for (int i = 0; i < weights.length; i++) {
      b.append(String.format(Locale.ROOT, ", %s %.3f", features.get(i), weights[i]));
    }
    return b.toString();
  }
}
