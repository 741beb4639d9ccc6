package io.wirewatch.process.classify;

import java.util.Arrays;
import java.util.Locale;

/**
 * Hashed character n-grams of 3 to 6 characters within each whitespace-separated token, the token
 * lowercased and padded with a space on each side: fastText's subword range ({@code minn 3, maxn 6})
 * and its boundary markers. "Microsoft's" yields " mi", "mic", "icro", ..., "t's ", so that
 * inflections, compounds, names and numbers unseen in training still share most of their n-grams
 * with words that were seen.
 *
 * <p>Why a separate view rather than more features of {@link TextFeatures}: added to the word
 * vector, six times as many character features drown the words (the previous attempt lost accuracy);
 * trained as their own regression and averaged with the word model, they correct some of its
 * errors. Measured by {@code bench classify} on AG News (5-fold, shuffle seeds 1 to 4): words alone
 * 0.8976, character n-grams alone 0.8920, the two averaged 0.8997.
 *
 * <p>2^18 buckets by default: every n-gram shape of 6,000 texts fills most of them, and the model
 * keeps a block of numbers per filled bucket, so more buckets cost memory (measured for 3-6-grams
 * across word boundaries: 2^20 buckets 0.8995 with the word model, 2^18 0.8993).
 */
final class CharNgramFeatures extends HashedFeatures {

  /** Kind number in model files. */
  public static final int KIND = 2;
  /** Bumped whenever tokenization or hashing changes; stored in model files. */
  public static final int VERSION = 1;
  public static final int MIN_N = 3;
  public static final int MAX_N = 6;

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  public CharNgramFeatures(int bits) {
    super(KIND, VERSION, bits);
  }

  @Override
  String describe() {
    return "character " + MIN_N + "-" + MAX_N + "-grams within words (2^" + bits() + " buckets)";
  }

  @Override
  SparseVector counts(String title, String text) {
    int[] raw = new int[256];
    int n = 0;
    for (String s : new String[] {title, text}) {
      if (s == null || s.isBlank()) {
        continue;
      }
      for (String token : s.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
        String padded = " " + token + " ";
        for (int len = MIN_N; len <= MAX_N; len++) {
          for (int i = 0; i + len <= padded.length(); i++) {
            if (n == raw.length) {
              raw = Arrays.copyOf(raw, n * 2);
            }
            long h = FNV_OFFSET;
            for (int j = i; j < i + len; j++) {
              h = (h ^ padded.charAt(j)) * FNV_PRIME;
            }
            raw[n++] = (int) (TextFeatures.mix(h + len) >>> (64 - bits()));
          }
        }
      }
    }
    return TextFeatures.count(raw, n);
  }
}
