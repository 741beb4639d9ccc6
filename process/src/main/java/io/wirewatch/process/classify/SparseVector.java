package io.wirewatch.process.classify;

/**
 * A document as hashed features: bucket indices in increasing order, each with its weight.
 *
 * @param indices buckets, strictly increasing
 * @param values  weight of each bucket, same length as {@code indices}
 */
public record SparseVector(int[] indices, float[] values) {

  public SparseVector {
    if (indices.length != values.length) {
      throw new IllegalArgumentException("indices (" + indices.length + ") and values (" + values.length + ") differ in length");
    }
  }

  public int size() {
    return indices.length;
  }
}
