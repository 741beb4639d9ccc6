package io.wirewatch.process.classify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * One part of a {@link TopicModel}: one-vs-rest linear weights over one {@link HashedFeatures}
 * view. Immutable, thread-safe.
 *
 * <p>A text's counts c are weighed as (1 + ln c) x idf and scaled to unit length, so that a token
 * repeated ten times is not ten times the evidence, tokens found in every text count little, and
 * long and short texts weigh the same. Label k's score is the logistic of w_k . x + b_k; the scores
 * are normalized to sum to 1.
 *
 * <p>Only buckets that some training text filled carry an idf and weights, kept as a sorted bucket
 * array plus a block of numbers per bucket instead of dense 2^bits tables. A bucket no training
 * text filled gets the idf of a token seen in no document and no weight.
 */
public final class LinearScorer {

  private final HashedFeatures features;
  private final int labels;
  private final int documents;
  private final float[] bias;
  private final int[] buckets;
  private final float[] idf;
  private final float[] weights;
  private final double unseenIdf;

  /**
   * @param labels    number of labels
   * @param documents number of training documents
   * @param buckets   strictly increasing bucket numbers
   * @param idf       idf of each bucket
   * @param weights   {@code buckets.length * labels} weights, bucket-major
   */
  LinearScorer(HashedFeatures features, int labels, int documents, float[] bias, int[] buckets, float[] idf, float[] weights) {
    if (labels < 2) {
      throw new IllegalArgumentException("labels: a classifier needs at least 2, got " + labels);
    }
    if (documents < 1) {
      throw new IllegalArgumentException("documents must be at least 1, got " + documents);
    }
    if (bias.length != labels) {
      throw new IllegalArgumentException("bias: expected " + labels + " weights, got " + bias.length);
    }
    if (idf.length != buckets.length) {
      throw new IllegalArgumentException("idf: expected " + buckets.length + " values, got " + idf.length);
    }
    if ((long) buckets.length * labels != weights.length) {
      throw new IllegalArgumentException("weights: expected " + buckets.length + " x " + labels + ", got " + weights.length);
    }
    for (int i = 0; i < buckets.length; i++) {
      if (buckets[i] < 0 || buckets[i] >= features.buckets() || (i > 0 && buckets[i] <= buckets[i - 1])) {
        throw new IllegalArgumentException("buckets: must increase within [0, " + features.buckets() + "), bad at position " + i);
      }
    }
    this.features = features;
    this.labels = labels;
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

  static double tf(float count) {
    return 1 + Math.log(count);
  }

  HashedFeatures features() {
    return features;
  }

  /** Buckets that carry weights. */
  public int weightedBuckets() {
    return buckets.length;
  }

  /** Bytes of the arrays held: bucket, idf and one weight per label for every weighted bucket. */
  public long heapBytes() {
    return (long) buckets.length * (4 + 4 + 4L * labels) + 4L * labels;
  }

  /** One-vs-rest probabilities normalized to sum to 1. */
  public double[] probabilities(String title, String text) {
    return probabilities(features.counts(title, text));
  }

  /** @param counts counts from {@link #features()} */
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
    int[] idx = counts.indices();
    float[] c = counts.values();
    double[] s = new double[labels];
    double norm = 0;
    for (int i = 0; i < idx.length; i++) {
      int at = Arrays.binarySearch(buckets, idx[i]);
      double x = tf(c[i]) * (at >= 0 ? idf[at] : unseenIdf);
      norm += x * x;
      if (at >= 0) {
        int base = at * labels;
        for (int k = 0; k < labels; k++) {
          s[k] += weights[base + k] * x;
        }
      }
    }
    double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
    for (int k = 0; k < labels; k++) {
      s[k] = s[k] * scale + bias[k];
    }
    return s;
  }

  /** Writes the part as {@link TopicModel} documents it (the view header included). */
  void write(DataOutputStream out) throws IOException {
    out.writeInt(features.kind());
    out.writeInt(features.version());
    out.writeInt(features.bits());
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
      for (int k = 0; k < labels; k++) {
        out.writeFloat(weights[i * labels + k]);
      }
    }
  }

  /**
   * @param name where the stream comes from, for error messages
   * @throws IOException naming the file when the view is unknown or was hashed by another version
   */
  static LinearScorer read(DataInputStream in, int labels, String name) throws IOException {
    int kind = in.readInt();
    int version = in.readInt();
    int known = HashedFeatures.versionOf(kind);
    if (known < 0) {
      throw new IOException(name + ": model uses feature kind " + kind + ", unknown to this version; train it again");
    }
    if (version != known) {
      String what = kind == TextFeatures.KIND ? "feature hashing" : "feature kind " + kind + " hashing";
      throw new IOException(name + ": model uses " + what + " " + version + ", this version has " + known + "; train it again");
    }
    HashedFeatures features = HashedFeatures.of(kind, in.readInt());
    int documents = in.readInt();
    float[] bias = new float[labels];
    for (int k = 0; k < labels; k++) {
      bias[k] = in.readFloat();
    }
    int b = in.readInt();
    if (b < 0 || b > features.buckets()) {
      throw new IOException(name + ": implausible bucket count " + b);
    }
    int[] buckets = new int[b];
    float[] idf = new float[b];
    float[] weights = new float[b * labels];
    int previous = 0;
    for (int i = 0; i < b; i++) {
      previous += in.readInt();
      buckets[i] = previous;
      idf[i] = in.readFloat();
      for (int k = 0; k < labels; k++) {
        weights[i * labels + k] = in.readFloat();
      }
    }
    return new LinearScorer(features, labels, documents, bias, buckets, idf, weights);
  }
}
