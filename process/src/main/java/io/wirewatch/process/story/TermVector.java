package io.wirewatch.process.story;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * A sparse vector over terms, sorted in {@link #ORDER} so that two vectors meet in one merge pass
 * (no hash table per comparison, and the same result whatever order the terms came in). Plain
 * arrays rather than a map: a story holds a few of these, and 100,000 stories must fit in a modest
 * heap.
 *
 * <p>The order is by {@link String#hashCode()} (which the Java language specification fixes, so it
 * is the same on every JVM and after a restore), then by the string: the merge that scores 24
 * candidates per article then compares cached ints instead of characters.
 *
 * @param terms   strictly ascending in {@link #ORDER}
 * @param weights one per term
 * @param norm    Euclidean norm of {@code weights}, kept so that scoring need not recompute it
 */
public record TermVector(String[] terms, float[] weights, float norm) {

  public static final TermVector EMPTY = new TermVector(new String[0], new float[0], 0f);

  /** The order of {@link #terms()}: by hash code, then by string. */
  public static final Comparator<String> ORDER = (a, b) -> {
    int c = Integer.compare(a.hashCode(), b.hashCode());
    return c != 0 ? c : a.compareTo(b);
  };

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

  /** Position of {@code term}, or a negative number when absent. */
  public int indexOf(String term) {
    return Arrays.binarySearch(terms, term, ORDER);
  }

  public boolean contains(String term) {
    return indexOf(term) >= 0;
  }

  /** A vector from unsorted terms and their weights. */
  public static TermVector sorted(String[] terms, float[] weights) {
    Integer[] order = new Integer[terms.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (x, y) -> ORDER.compare(terms[x], terms[y]));
    String[] t = new String[terms.length];
    float[] w = new float[terms.length];
    for (int k = 0; k < order.length; k++) {
      t[k] = terms[order[k]];
      w[k] = weights[order[k]];
    }
    return of(t, w);
  }

  /** Dot product by merging the two sorted term lists. */
  public double dot(TermVector other) {
    String[] a = terms;
    String[] b = other.terms;
    int i = 0;
    int j = 0;
    double sum = 0;
    while (i < a.length && j < b.length) {
      int ha = a[i].hashCode();
      int hb = b[j].hashCode();
      // Terms are interned by the analyzer: the same term is usually the same object.
      int c = ha != hb ? (ha < hb ? -1 : 1) : a[i] == b[j] ? 0 : a[i].compareTo(b[j]);
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
   * ties in term order, so that the result depends on nothing but the two vectors.
   */
  public TermVector plus(TermVector other, int limit) {
    String[] t = new String[terms.length + other.terms.length];
    float[] w = new float[t.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < terms.length || j < other.terms.length) {
      int c = i == terms.length ? 1 : j == other.terms.length ? -1 : ORDER.compare(terms[i], other.terms[j]);
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

  /** The {@code limit} heaviest terms (ties in term order), still in term order. */
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
   * Positions sorted by decreasing weight, ties by position (the vector's term order), as
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

  /** Terms by decreasing weight, ties in term order. */
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
