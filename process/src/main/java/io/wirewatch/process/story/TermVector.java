package io.wirewatch.process.story;

import java.util.Arrays;
import java.util.Objects;

/**
 * A sparse vector over terms, sorted by term so that two vectors meet in one merge pass (no
 * hashing, and the same result whatever the order the terms came in). Plain arrays rather than a
 * map: a story holds a few of these, and 100,000 stories must fit in a modest heap.
 *
 * @param terms   strictly ascending
 * @param weights one per term
 * @param norm    Euclidean norm of {@code weights}, kept so that scoring need not recompute it
 */
public record TermVector(String[] terms, float[] weights, float norm) {

  public static final TermVector EMPTY = new TermVector(new String[0], new float[0], 0f);

  public TermVector {
    Objects.requireNonNull(terms, "terms");
    Objects.requireNonNull(weights, "weights");
    if (terms.length != weights.length) {
      throw new IllegalArgumentException("terms (" + terms.length + ") and weights (" + weights.length + ") differ in length");
    }
  }

  /** A vector over already sorted terms; the norm is computed. */
  public static TermVector of(String[] sortedTerms, float[] weights) {
    double sum = 0;
    for (float w : weights) {
      sum += (double) w * w;
    }
    return new TermVector(sortedTerms, weights, (float) Math.sqrt(sum));
  }

  public int size() {
    return terms.length;
  }

  public boolean isEmpty() {
    return terms.length == 0;
  }

  /** Dot product by merging the two sorted term lists. */
  public double dot(TermVector other) {
    String[] a = terms;
    String[] b = other.terms;
    int i = 0;
    int j = 0;
    double sum = 0;
    while (i < a.length && j < b.length) {
      // Terms are interned by the analyzer: the same term is usually the same object.
      int c = a[i] == b[j] ? 0 : a[i].compareTo(b[j]);
      if (c == 0) {
        sum += (double) weights[i++] * other.weights[j++];
      } else if (c < 0) {
        i++;
      } else {
        j++;
      }
    }
    return sum;
  }

  /** Cosine similarity, 0 when either vector is empty. */
  public double cosine(TermVector other) {
    if (norm == 0f || other.norm == 0f) {
      return 0;
    }
    return dot(other) / ((double) norm * other.norm);
  }

  /** This vector scaled to unit length (itself when empty). */
  public TermVector normalized() {
    if (norm == 0f || norm == 1f) {
      return this;
    }
    float[] w = new float[weights.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = weights[i] / norm;
    }
    return of(terms, w);
  }

  /**
   * The sum of this vector and {@code other}, keeping at most {@code limit} terms: the heaviest,
   * ties by term, so that the result depends on nothing but the two vectors.
   */
  public TermVector plus(TermVector other, int limit) {
    String[] t = new String[terms.length + other.terms.length];
    float[] w = new float[t.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < terms.length || j < other.terms.length) {
      int c = i == terms.length ? 1 : j == other.terms.length ? -1 : terms[i].compareTo(other.terms[j]);
      if (c == 0) {
        t[n] = terms[i];
        w[n++] = weights[i++] + other.weights[j++];
      } else if (c < 0) {
        t[n] = terms[i];
        w[n++] = weights[i++];
      } else {
        t[n] = other.terms[j];
        w[n++] = other.weights[j++];
      }
    }
    return top(t, w, n, limit);
  }

  /** The {@code limit} heaviest terms (ties by term), still sorted by term. */
  public TermVector top(int limit) {
    return terms.length <= limit ? this : top(terms, weights, terms.length, limit);
  }

  private static TermVector top(String[] t, float[] w, int n, int limit) {
    if (n <= limit) {
      return of(Arrays.copyOf(t, n), Arrays.copyOf(w, n));
    }
    long[] order = heaviestFirst(w, n);
    int[] kept = new int[limit];
    for (int k = 0; k < limit; k++) {
      kept[k] = (int) order[k];
    }
    Arrays.sort(kept); // back to term order
    String[] kt = new String[limit];
    float[] kw = new float[limit];
    for (int k = 0; k < limit; k++) {
      kt[k] = t[kept[k]];
      kw[k] = w[kept[k]];
    }
    return of(kt, kw);
  }

  /**
   * Positions sorted by decreasing weight, ties by position (= by term, since terms are sorted), as
   * the low 32 bits of longs: one primitive sort instead of boxed comparisons, on every story update.
   */
  private static long[] heaviestFirst(float[] w, int n) {
    long[] keys = new long[n];
    for (int k = 0; k < n; k++) {
      // Non-negative floats order as their bit patterns; MAX - bits turns "heaviest" into "smallest".
      int bits = Float.floatToIntBits(Math.max(0f, w[k]));
      keys[k] = ((long) (Integer.MAX_VALUE - bits) << 32) | k;
    }
    Arrays.sort(keys);
    for (int k = 0; k < n; k++) {
      keys[k] &= 0xFFFFFFFFL;
    }
    return keys;
  }

  /** Terms by decreasing weight, ties by term. */
  public String[] termsByWeight(int limit) {
    long[] order = heaviestFirst(weights, terms.length);
    int n = Math.min(limit, order.length);
    String[] out = new String[n];
    for (int k = 0; k < n; k++) {
      out[k] = terms[(int) order[k]];
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TermVector v && Arrays.equals(terms, v.terms) && Arrays.equals(weights, v.weights) && norm == v.norm;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(terms) + Arrays.hashCode(weights);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("TermVector[");
    for (int k = 0; k < Math.min(terms.length, 8); k++) {
      b.append(k == 0 ? "" : ", ").append(terms[k]).append('=').append(weights[k]);
    }
    return b.append(terms.length > 8 ? ", ...]" : "]").toString();
  }
}
