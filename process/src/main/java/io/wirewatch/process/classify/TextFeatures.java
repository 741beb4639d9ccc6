package io.wirewatch.process.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * Turns a headline and a text into hashed token unigrams and bigrams (the "hashing trick" of
 * fastText and Vowpal Wabbit): no vocabulary to build or ship, a fixed number of buckets, and an
 * n-gram never seen in training simply lands in a bucket with a small weight.
 *
 * <p>Tokens are, in text order:
 * <ul>
 *   <li>words: maximal runs of letters or digits, lowercased and reduced to their Snowball (Porter 2)
 *       English stem, so that "stocks", "stocked" and "stock" share a bucket: with a few thousand
 *       training texts most inflected forms are rare, and pooling them measurably helps;</li>
 *   <li>punctuation: maximal runs of other visible characters, with a space on the side where the
 *       text has one, so that the dash of a dateline ("LONDON - ") differs from a hyphen
 *       ("high-tech"). Punctuation is house style: how a wire or a desk writes datelines, credits
 *       ("(Reuters)"), scores ("21-18"), prices and quotes. Each desk covers its own topics, and
 *       word-punctuation bigrams such as "(ap" or "ap )" carry that.</li>
 * </ul>
 * Headline tokens are hashed twice: as ordinary tokens and as headline tokens, because a headline
 * word says more about the topic than one in the body.
 *
 * <p>Measured by {@code bench classify} on AG News (5-fold accuracy): words only 0.8951, stemmed
 * 0.8966, with punctuation tokens 0.9003. Punctuation was also chosen by nested cross-validation
 * (C, beta and the token set picked on inner folds of each training fold only): every outer fold's
 * inner folds preferred it (0.891 against 0.888). Words in capitals hashed as written and dateline
 * shapes made no difference on the inner folds and were left out. Matching rules
 * stay unstemmed (see the README); this only concerns the topic model. The result holds raw counts;
 * {@link TopicModel} weighs them.
 *
 * <p>The hash is written out here rather than taken from {@link String#hashCode()} so that the
 * mapping is defined by this class alone: a model file is only valid with the exact hashing it was
 * trained with, and {@link #VERSION} names that hashing.
 */
final class TextFeatures extends HashedFeatures {

  /** Kind number in model files. */
  public static final int KIND = 1;

  /**
   * Bumped whenever tokenization or hashing changes; stored in model files. 2: stemmed words;
   * 3: punctuation tokens.
   */
  public static final int VERSION = 3;

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final long BIGRAM_SALT = 0x9e3779b97f4a7c15L;
  private static final long TITLE_SALT = 0xc2b2ae3d27d4eb4fL;

  public TextFeatures(int bits) {
    super(KIND, VERSION, bits);
  }

  @Override
  String describe() {
    return "uni+bigrams of stemmed words and punctuation, headline tokens apart (2^" + bits() + " buckets)";
  }

  /** Hashed n-gram counts of a headline and a text. */
  @Override
  SparseVector counts(String title, String text) {
    int[] raw = new int[64];
    int n = 0;
    long[] titleHashes = hashes(tokens(title));
    long[] bodyHashes = hashes(tokens(text));
    for (long[] hs : List.of(titleHashes, bodyHashes)) {
      for (int i = 0; i < hs.length; i++) {
        raw = grow(raw, n + 2);
        raw[n++] = bucket(hs[i]);
        if (i > 0) {
          raw[n++] = bucket(mix(hs[i - 1] * 31 + hs[i] + BIGRAM_SALT));
        }
      }
    }
    raw = grow(raw, n + titleHashes.length);
    for (long h : titleHashes) {
      raw[n++] = bucket(mix(h ^ TITLE_SALT));
    }
    return count(raw, n);
  }

  /** The first {@code n} buckets of {@code raw} (reordered) as sorted buckets with their counts. */
  static SparseVector count(int[] raw, int n) {
    Arrays.sort(raw, 0, n);
    int[] idx = new int[n];
    float[] val = new float[n];
    int m = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j < n && raw[j] == raw[i]) {
        j++;
      }
      idx[m] = raw[i];
      val[m] = j - i;
      m++;
      i = j;
    }
    return new SparseVector(Arrays.copyOf(idx, m), Arrays.copyOf(val, m));
  }

  /** Stemmed lowercase words and punctuation tokens of {@code s}, in order. */
  static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    if (s == null) {
      return out;
    }
    // A Snowball stemmer holds state, so each call gets its own; this keeps TopicModel thread-safe.
    EnglishStemmer stemmer = new EnglishStemmer();
    int length = s.length();
    int i = 0;
    while (i < length) {
      if (Character.isWhitespace(s.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      if (Character.isLetterOrDigit(s.charAt(i))) {
        while (i < length && Character.isLetterOrDigit(s.charAt(i))) {
          i++;
        }
        stemmer.setCurrent(s.substring(start, i).toLowerCase(Locale.ROOT));
        stemmer.stem();
        out.add(stemmer.getCurrent());
      } else {
        while (i < length && !Character.isWhitespace(s.charAt(i)) && !Character.isLetterOrDigit(s.charAt(i))) {
          i++;
        }
        boolean spaceBefore = start == 0 || Character.isWhitespace(s.charAt(start - 1));
        boolean spaceAfter = i == length || Character.isWhitespace(s.charAt(i));
        out.add((spaceBefore ? " " : "") + s.substring(start, i) + (spaceAfter ? " " : ""));
      }
    }
    return out;
  }

  private static long[] hashes(List<String> words) {
    long[] h = new long[words.size()];
    for (int i = 0; i < h.length; i++) {
      h[i] = fnv(words.get(i));
    }
    return h;
  }

  static long fnv(String s) {
    long h = FNV_OFFSET;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      h = (h ^ (c & 0xff)) * FNV_PRIME;
      h = (h ^ (c >>> 8)) * FNV_PRIME;
    }
    return mix(h);
  }

  /** MurmurHash3's 64-bit finalizer: spreads FNV's weak low bits over the whole word. */
  static long mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  private int bucket(long h) {
    return (int) (h >>> (64 - bits()));
  }

  private static int[] grow(int[] a, int need) {
    return need <= a.length ? a : Arrays.copyOf(a, Math.max(need, a.length * 2));
  }
}
