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
 * A trained linear topic classifier over {@link TextFeatures}: one weight vector per label
 * (one-vs-rest logistic regression, see {@link TopicModelTrainer}). Immutable, thread-safe.
 *
 * <p>A text's n-gram counts c are weighed as (1 + ln c) x idf and scaled to unit length, so that a
 * word repeated ten times is not ten times the evidence, words found in every text count little, and
 * long and short texts weigh the same. Label k's score is the logistic of w_k . x + b_k; the scores
 * are normalized to sum to 1.
 *
 * <p>Only buckets that some training text filled carry an idf and weights, kept as a sorted bucket
 * array plus a block of numbers per bucket instead of dense 2^bits tables: a few MB rather than
 * 20 MB for four labels over 2^20 buckets. A bucket no training text filled gets the idf of a word
 * seen in no document and no weight.
 *
 * <h2>File format, version 1</h2>
 * A gzip stream holding, big-endian ({@link DataOutputStream}):
 * <pre>
 *   bytes   "WWTM"                  magic
 *   int     1                       format version
 *   int     TextFeatures.VERSION    hashing the model was trained with
 *   int     bits                    2^bits buckets
 *   int     L                       number of labels
 *   UTF x L labels
 *   int     N                       training documents (idf of unseen buckets: ln(1 + N) + 1)
 *   float x L bias weights
 *   int     B                       buckets with weights
 *   B x ( int bucket minus the previous bucket (first: minus 0), float idf, float x L weights )
 * </pre>
 */
public final class TopicModel {

  public static final int FORMAT_VERSION = 1;
  private static final byte[] MAGIC = {'W', 'W', 'T', 'M'};

  private final TextFeatures features;
  private final List<String> labels;
  private final int documents;
  private final float[] bias;
  private final int[] buckets;
  private final float[] idf;
  private final float[] weights;
  private final double unseenIdf;

  /**
   * @param documents number of training documents
   * @param buckets   strictly increasing bucket numbers
   * @param idf       idf of each bucket
   * @param weights   {@code buckets.length * labels.size()} weights, bucket-major
   */
  public TopicModel(TextFeatures features, List<String> labels, int documents, float[] bias,
      int[] buckets, float[] idf, float[] weights) {
    int l = labels.size();
    if (l < 2) {
      throw new IllegalArgumentException("labels: a classifier needs at least 2, got " + labels);
    }
    if (documents < 1) {
      throw new IllegalArgumentException("documents must be at least 1, got " + documents);
    }
    if (bias.length != l) {
      throw new IllegalArgumentException("bias: expected " + l + " weights, got " + bias.length);
    }
    if (idf.length != buckets.length) {
      throw new IllegalArgumentException("idf: expected " + buckets.length + " values, got " + idf.length);
    }
    if ((long) buckets.length * l != weights.length) {
      throw new IllegalArgumentException("weights: expected " + buckets.length + " x " + l + ", got " + weights.length);
    }
    for (int i = 0; i < buckets.length; i++) {
      if (buckets[i] < 0 || buckets[i] >= features.buckets() || (i > 0 && buckets[i] <= buckets[i - 1])) {
        throw new IllegalArgumentException("buckets: must increase within [0, " + features.buckets() + "), bad at position " + i);
      }
    }
    this.features = features;
    this.labels = List.copyOf(labels);
    this.documents = documents;
    this.bias = bias.clone();
    this.buckets = buckets.clone();
    this.idf = idf.clone();
    this.weights = weights.clone();
    this.unseenIdf = idf(0, documents);
  }

  /** Smoothed inverse document frequency, as scikit-learn's TfidfTransformer computes it. */
  static double idf(int documentFrequency, int documents) {
    return Math.log((1.0 + documents) / (1.0 + documentFrequency)) + 1;
  }

  public List<String> labels() {
    return labels;
  }

  public TextFeatures features() {
    return features;
  }

  /** Buckets that carry weights. */
  public int weightedBuckets() {
    return buckets.length;
  }

  public TopicLabel predict(String title, String text) {
    return best(probabilities(features.counts(title, text)));
  }

  /** @param counts n-gram counts from {@link #features()} */
  public TopicLabel predict(SparseVector counts) {
    return best(probabilities(counts));
  }

  /** One-vs-rest probabilities normalized to sum to 1, in the order of {@link #labels()}. */
  public double[] probabilities(SparseVector counts) {
    double[] s = decisionValues(counts);
    double sum = 0;
    for (int k = 0; k < s.length; k++) {
      s[k] = 1 / (1 + Math.exp(-s[k]));
      sum += s[k];
    }
    for (int k = 0; k < s.length; k++) {
      s[k] /= sum;
    }
    return s;
  }

  public double[] decisionValues(SparseVector counts) {
    int l = labels.size();
    int[] idx = counts.indices();
    float[] c = counts.values();
    double[] s = new double[l];
    double norm = 0;
    for (int i = 0; i < idx.length; i++) {
      int at = Arrays.binarySearch(buckets, idx[i]);
      double x = tf(c[i]) * (at >= 0 ? idf[at] : unseenIdf);
      norm += x * x;
      if (at >= 0) {
        int base = at * l;
        for (int k = 0; k < l; k++) {
          s[k] += weights[base + k] * x;
        }
      }
    }
    double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
    for (int k = 0; k < l; k++) {
      s[k] = s[k] * scale + bias[k];
    }
    return s;
  }

  static double tf(float count) {
    return 1 + Math.log(count);
  }

  private TopicLabel best(double[] p) {
    int arg = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[arg]) {
        arg = k;
      }
    }
    return new TopicLabel(labels.get(arg), p[arg]);
  }

  public void write(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(out);
    }
  }

  public void write(OutputStream target) throws IOException {
    GZIPOutputStream gz = new GZIPOutputStream(target, 1 << 16);
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
    int l = labels.size();
    out.write(MAGIC);
    out.writeInt(FORMAT_VERSION);
    out.writeInt(TextFeatures.VERSION);
    out.writeInt(features.bits());
    out.writeInt(l);
    for (String label : labels) {
      out.writeUTF(label);
    }
    out.writeInt(documents);
    for (float b : bias) {
      out.writeFloat(b);
    }
    out.writeInt(buckets.length);
    int previous = 0;
    for (int i = 0; i < buckets.length; i++) {
      out.writeInt(buckets[i] - previous);
      previous = buckets[i];
      out.writeFloat(idf[i]);
      for (int k = 0; k < l; k++) {
        out.writeFloat(weights[i * l + k]);
      }
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
        throw new IOException(name + ": model format " + format + ", this version reads " + FORMAT_VERSION);
      }
      int hashing = in.readInt();
      if (hashing != TextFeatures.VERSION) {
        throw new IOException(name + ": model uses feature hashing " + hashing + ", this version has "
            + TextFeatures.VERSION + "; train it again");
      }
      TextFeatures features = new TextFeatures(in.readInt());
      int l = in.readInt();
      if (l < 2 || l > 10_000) {
        throw new IOException(name + ": implausible label count " + l);
      }
      String[] labels = new String[l];
      for (int k = 0; k < l; k++) {
        labels[k] = in.readUTF();
      }
      int documents = in.readInt();
      float[] bias = new float[l];
      for (int k = 0; k < l; k++) {
        bias[k] = in.readFloat();
      }
      int b = in.readInt();
      if (b < 0 || b > features.buckets()) {
        throw new IOException(name + ": implausible bucket count " + b);
      }
      int[] buckets = new int[b];
      float[] idf = new float[b];
      float[] weights = new float[b * l];
      int previous = 0;
      for (int i = 0; i < b; i++) {
        previous += in.readInt();
        buckets[i] = previous;
        idf[i] = in.readFloat();
        for (int k = 0; k < l; k++) {
          weights[i * l + k] = in.readFloat();
        }
      }
      return new TopicModel(features, List.of(labels), documents, bias, buckets, idf, weights);
    } catch (java.io.EOFException e) {
      throw new IOException(name + ": truncated topic model", e);
    } catch (IllegalArgumentException e) {
      throw new IOException(name + ": corrupt topic model: " + e.getMessage(), e);
    }
  }
}
