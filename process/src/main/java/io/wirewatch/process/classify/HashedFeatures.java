package io.wirewatch.process.classify;

/**
 * One way of turning a headline and a text into hashed feature counts: a "view" of the text that
 * a {@link TopicModel} part is trained on. A model file names each part's view by {@link #kind()},
 * {@link #version()} and {@link #bits()}, because weights are only valid with the exact hashing
 * they were trained with.
 */
abstract class HashedFeatures {

  static final int MIN_BITS = 10;
  static final int MAX_BITS = 26;

  private final int kind;
  private final int version;
  private final int bits;

  /**
   * @param kind    stable number of the view in model files
   * @param version bumped whenever the view's tokenization or hashing changes
   * @param bits    log2 of the number of hash buckets
   */
  HashedFeatures(int kind, int version, int bits) {
    if (bits < MIN_BITS || bits > MAX_BITS) {
      throw new IllegalArgumentException("bits must be in [" + MIN_BITS + ", " + MAX_BITS + "], got " + bits);
    }
    this.kind = kind;
    this.version = version;
    this.bits = bits;
  }

  final int kind() {
    return kind;
  }

  final int version() {
    return version;
  }

  final int bits() {
    return bits;
  }

  final int buckets() {
    return 1 << bits;
  }

  /** Hashed feature counts of a headline and a text; indices below {@link #buckets()}. */
  abstract SparseVector counts(String title, String text);

  /** A short description for benchmark and log output. */
  abstract String describe();

  /**
   * The view a model file names.
   *
   * @throws IllegalArgumentException for an unknown kind or bits out of range
   */
  static HashedFeatures of(int kind, int bits) {
    return switch (kind) {
      case TextFeatures.KIND -> new TextFeatures(bits);
      case CharNgramFeatures.KIND -> new CharNgramFeatures(bits);
      default -> throw new IllegalArgumentException("unknown feature kind " + kind);
    };
  }

  /** The version this build has of a kind, or -1 when it does not know the kind. */
  static int versionOf(int kind) {
    return switch (kind) {
      case TextFeatures.KIND -> TextFeatures.VERSION;
      case CharNgramFeatures.KIND -> CharNgramFeatures.VERSION;
      default -> -1;
    };
  }
}
