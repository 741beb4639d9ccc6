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
 * regression over its own view of the text (see {@link TopicModelTrainer}), combined by the
 * normalized geometric mean of their probabilities (the mean of log-probabilities). Immutable,
 * thread-safe.
 *
 * <p>Why a geometric mean: it is the standard way to pool calibrated experts without tuning a
 * weight per part, and a part that is sure a label is wrong can veto it. Measured by
 * {@code bench classify} (AG News, 5-fold, shuffle seeds 1 to 4, word and character parts): 0.8997;
 * with other character ranges the arithmetic mean of probabilities came within 0.0007 of it.
 *
 * <h2>File format, version 2</h2>
 * A gzip stream holding, big-endian ({@link DataOutputStream}):
 * <pre>
 *   bytes   "WWTM"                  magic
 *   int     2                       format version
 *   int     L                       number of labels
 *   UTF x L labels
 *   int     P                       number of parts
 *   P x part:
 *     int   kind                    view: 1 word n-grams ({@link TextFeatures}), 2 character n-grams
 *     int   version                 the view's hashing version
 *     int   bits                    2^bits buckets
 *     int   N                       training documents (idf of unseen buckets: ln(1 + N) + 1)
 *     float x L bias weights
 *     int   B                       buckets with weights
 *     B x ( int bucket minus the previous bucket (first: minus 0), float idf, float x L weights )
 * </pre>
 * Version 1 (one word part, its header before the labels) is refused: train the model again.
 */
public final class TopicModel {

  public static final int FORMAT_VERSION = 2;
  private static final byte[] MAGIC = {'W', 'W', 'T', 'M'};
  private static final int MAX_PARTS = 16;

  private final List<String> labels;
  private final List<LinearScorer> parts;

  public TopicModel(List<String> labels, List<LinearScorer> parts) {
    if (labels.size() < 2) {
      throw new IllegalArgumentException("labels: a classifier needs at least 2, got " + labels);
    }
    if (parts.isEmpty() || parts.size() > MAX_PARTS) {
      throw new IllegalArgumentException("parts: expected 1 to " + MAX_PARTS + ", got " + parts.size());
    }
    this.labels = List.copyOf(labels);
    this.parts = List.copyOf(parts);
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
    for (LinearScorer part : parts) {
      double[] p = part.probabilities(title, text);
      for (int k = 0; k < l; k++) {
        logs[k] += Math.log(p[k]) / parts.size();
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
    for (LinearScorer part : parts) {
      part.write(out);
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
      for (int i = 0; i < p; i++) {
        parts[i] = LinearScorer.read(in, l, name);
      }
      return new TopicModel(List.of(labels), List.of(parts));
    } catch (java.io.EOFException e) {
      throw new IOException(name + ": truncated topic model", e);
    } catch (IllegalArgumentException e) {
      throw new IOException(name + ": corrupt topic model: " + e.getMessage(), e);
    }
  }
}
