package io.wirewatch.process.classify;

import io.wirewatch.model.TopicLabel;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * A trained topic classifier: one or more {@link LinearScorer} parts, each one-vs-rest logistic
 * regression over its own view of the text (see {@link TopicModelTrainer}), combined by a weighted
 * geometric mean of their probabilities (the weighted mean of log-probabilities), normalized.
 * Immutable, thread-safe.
 *
 * <p>Why a geometric mean: it is the standard way to pool calibrated experts, and a part that is
 * sure a label is wrong can veto it. The weights are chosen by the trainer on inner folds of the
 * training texts ({@link TopicModelTrainer.Options#innerFolds()}); equal weights, the model before
 * format 3, gave 0.8997 in {@code bench classify} (AG News, 5-fold, shuffle seeds 1 to 4).
 *
 * <h2>File format, version 3</h2>
 * A gzip stream holding, big-endian ({@link DataOutputStream}):
 * <pre>
 *   bytes   "WWTM"                  magic
 *   int     3                       format version
 *   int     L                       number of labels
 *   UTF x L labels
 *   int     P                       number of parts
 *   P x part:
 *     float weight                  the part's weight in the pool; the weights sum to 1
 *     int   kind                    view: 1 word n-grams ({@link TextFeatures}), 2 character n-grams
 *     int   version                 the view's hashing version
 *     int   bits                    2^bits buckets
 *     int   N                       training documents (idf of unseen buckets: ln(1 + N) + 1)
 *     float x L bias weights
 *     int   B                       buckets with weights
 *     B x ( int bucket minus the previous bucket (first: minus 0), float idf, float x L weights )
 * </pre>
 * Versions 1 (one word part, its header before the labels) and 2 (parts pooled with equal weights,
 * no weight field) are refused: train the model again.
 */
public final class TopicModel {

  public static final int FORMAT_VERSION = 3;
  private static final byte[] MAGIC = {'W', 'W', 'T', 'M'};
  private static final int MAX_PARTS = 16;

  private final List<String> labels;
  private final List<LinearScorer> parts;
  private final double[] weights;

  /** Parts pooled with equal weights. */
  public TopicModel(List<String> labels, List<LinearScorer> parts) {
    this(labels, parts, equalWeights(parts.size()));
  }

  /** @param weights one positive weight per part, summing to 1 */
  public TopicModel(List<String> labels, List<LinearScorer> parts, double[] weights) {
    if (labels.size() < 2) {
      throw new IllegalArgumentException("labels: a classifier needs at least 2, got " + labels);
    }
    if (parts.isEmpty() || parts.size() > MAX_PARTS) {
      throw new IllegalArgumentException("parts: expected 1 to " + MAX_PARTS + ", got " + parts.size());
    }
    if (weights.length != parts.size()) {
      throw new IllegalArgumentException("weights: expected one per part (" + parts.size() + "), got " + weights.length);
    }
    double sum = 0;
    for (double w : weights) {
      if (!(w > 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("weights: each must be a number > 0, got " + Arrays.toString(weights));
      }
      sum += w;
    }
    if (Math.abs(sum - 1) > 1e-4) {
      throw new IllegalArgumentException("weights: must sum to 1, got " + Arrays.toString(weights));
    }
    this.labels = List.copyOf(labels);
    this.parts = List.copyOf(parts);
    // Rounded as the file stores them, so that a model read back predicts exactly as the one written.
    this.weights = new double[weights.length];
    for (int i = 0; i < weights.length; i++) {
      this.weights[i] = (float) weights[i];
    }
  }

  /** Equal weights for {@code parts} parts: the pool of format 2. */
  public static double[] equalWeights(int parts) {
    double[] w = new double[parts];
    Arrays.fill(w, 1.0 / Math.max(1, parts));
    return w;
  }

  /** The same parts pooled with other weights (one per part, summing to 1). */
  public TopicModel withWeights(double[] weights) {
    return new TopicModel(labels, parts, weights);
  }

  /** Each part's weight in the pool, in part order. */
  public double[] weights() {
    return weights.clone();
  }

  public List<String> labels() {
    return labels;
  }

  public List<LinearScorer> parts() {
    return parts;
  }

  /** Buckets that carry weights, over all parts. */
  public int weightedBuckets() {
    return parts.stream().mapToInt(LinearScorer::weightedBuckets).sum();
  }

  /** Bytes of the weight arrays the model holds in memory, over all parts. */
  public long heapBytes() {
    return parts.stream().mapToLong(LinearScorer::heapBytes).sum();
  }

  public TopicLabel predict(String title, String text) {
    double[] p = probabilities(title, text);
    int arg = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[arg]) {
        arg = k;
      }
    }
    return new TopicLabel(labels.get(arg), p[arg]);
  }

  /** Probabilities summing to 1, in the order of {@link #labels()}. */
  public double[] probabilities(String title, String text) {
    int l = labels.size();
    double[] logs = new double[l];
    for (int i = 0; i < parts.size(); i++) {
      double[] p = parts.get(i).probabilities(title, text);
      for (int k = 0; k < l; k++) {
        logs[k] += weights[i] * Math.log(p[k]);
      }
    }
    double max = Arrays.stream(logs).max().orElseThrow();
    double sum = 0;
    for (int k = 0; k < l; k++) {
      logs[k] = Math.exp(logs[k] - max);
      sum += logs[k];
    }
    for (int k = 0; k < l; k++) {
      logs[k] /= sum;
    }
    return logs;
  }

  public void write(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(out);
    }
  }

  public void write(OutputStream target) throws IOException {
    GZIPOutputStream gz = new GZIPOutputStream(target, 1 << 16);
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
    out.write(MAGIC);
    out.writeInt(FORMAT_VERSION);
    out.writeInt(labels.size());
    for (String label : labels) {
      out.writeUTF(label);
    }
    out.writeInt(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      out.writeFloat((float) weights[i]);
      parts.get(i).write(out);
    }
    out.flush();
    gz.finish();
  }

  public static TopicModel read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /** @param name where the stream comes from, for error messages */
  public static TopicModel read(InputStream source, String name) throws IOException {
    DataInputStream in;
    try {
      in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(source, 1 << 16), 1 << 16));
    } catch (ZipException | java.io.EOFException e) {
      throw new IOException(name + ": not a Wirewatch topic model (not gzip)", e);
    }
    try {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException(name + ": not a Wirewatch topic model (bad magic)");
      }
      int format = in.readInt();
      if (format != FORMAT_VERSION) {
        throw new IOException(name + ": model format " + format + ", this version reads " + FORMAT_VERSION + "; train it again");
      }
      int l = in.readInt();
      if (l < 2 || l > 10_000) {
        throw new IOException(name + ": implausible label count " + l);
      }
      String[] labels = new String[l];
      for (int k = 0; k < l; k++) {
        labels[k] = in.readUTF();
      }
      int p = in.readInt();
      if (p < 1 || p > MAX_PARTS) {
        throw new IOException(name + ": implausible part count " + p);
      }
      LinearScorer[] parts = new LinearScorer[p];
      double[] weights = new double[p];
      for (int i = 0; i < p; i++) {
        weights[i] = in.readFloat();
        parts[i] = LinearScorer.read(in, l, name);
      }
      return new TopicModel(List.of(labels), List.of(parts), weights);
    } catch (java.io.EOFException e) {
      throw new IOException(name + ": truncated topic model", e);
    } catch (IllegalArgumentException e) {
      throw new IOException(name + ": corrupt topic model: " + e.getMessage(), e);
    }
  }
}
