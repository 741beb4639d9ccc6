package io.wirewatch.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The article-body metric of the Zyte (scrapinghub) article extraction benchmark, re-implemented so
 * that our extractor and the saved outputs of other extractors are scored by the same code: tokens
 * are runs of word characters with case kept, documents are compared as multisets of 4-token
 * shingles, each document's TP/FP/FN is normalised by their sum (a long article weighs no more than
 * a short one), precision and recall are averaged over documents and F1 is the harmonic mean of the
 * two averages. Accuracy is the share of documents whose token sequence equals the truth exactly.
 */
public final class ShingleScorer {

  /** Shingle length of the benchmark. */
  public static final int SHINGLE = 4;

  /** One document's normalised counts. */
  public record Counts(double tp, double fp, double fn, boolean exact) {

    /** Precision as the benchmark defines it: 1 when both sides are empty, 0 when nothing matched. */
    double precision() {
      if (fp == 0 && fn == 0) {
        return 1;
      }
      if (tp == 0 && fp == 0) {
        return 0;
      }
      return tp / (tp + fp);
    }

    double recall() {
      if (fp == 0 && fn == 0) {
        return 1;
      }
      if (tp == 0 && fn == 0) {
        return 0;
      }
      return tp / (tp + fn);
    }

    /** This document's own F1, used to rank the worst pages. */
    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
  }

  /** Averages over a corpus. */
  public record Score(double precision, double recall, double f1, double accuracy, int documents) {}

  /**
   * Word characters as Python's Unicode {@code \w} sees them (letters, numbers of every kind, and
   * the underscore): Java's {@code \w}, even with UNICODE_CHARACTER_CLASS, differs on combining
   * marks and on No/Nl numbers, so a hand-written test keeps our figures comparable to published ones.
   */
  static boolean isWordChar(int cp) {
    if (cp == '_') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
      default -> false;
    };
  }

  public static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    int start = -1;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (isWordChar(cp)) {
        if (start < 0) {
          start = i;
        }
      } else if (start >= 0) {
        out.add(text.substring(start, i));
        start = -1;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) {
      out.add(text.substring(start));
    }
    return out;
  }

  /** Shingle multiset; a text shorter than a shingle is one short shingle, as in the benchmark. */
  static Map<List<String>, Integer> shingles(List<String> tokens) {
    Map<List<String>, Integer> counts = new HashMap<>();
    for (int i = 0; i < Math.max(1, tokens.size() - SHINGLE + 1); i++) {
      List<String> s = tokens.subList(i, Math.min(tokens.size(), i + SHINGLE));
      if (!s.isEmpty()) {
        counts.merge(List.copyOf(s), 1, Integer::sum);
      }
    }
    return counts;
  }

  public Counts compare(String truth, String predicted) {
    List<String> t = tokens(truth);
    List<String> p = tokens(predicted);
    Map<List<String>, Integer> ts = shingles(t);
    Map<List<String>, Integer> ps = shingles(p);
    double tp = 0;
    double fp = 0;
    double fn = 0;
    for (Map.Entry<List<String>, Integer> e : ts.entrySet()) {
      int tc = e.getValue();
      int pc = ps.getOrDefault(e.getKey(), 0);
      tp += Math.min(tc, pc);
      fn += Math.max(0, tc - pc);
    }
    for (Map.Entry<List<String>, Integer> e : ps.entrySet()) {
      fp += Math.max(0, e.getValue() - ts.getOrDefault(e.getKey(), 0));
    }
    double sum = tp + fp + fn;
    if (sum > 0) {
      tp /= sum;
      fp /= sum;
      fn /= sum;
    }
    return new Counts(tp, fp, fn, t.equals(p));
  }

  /** Corpus averages; a document enters the precision mean only if it predicted or matched something. */
  public Score score(List<Counts> docs) {
    if (docs.isEmpty()) {
      throw new IllegalArgumentException("docs: nothing to score");
    }
    double pSum = 0;
    int pN = 0;
    double rSum = 0;
    int rN = 0;
    int exact = 0;
    for (Counts c : docs) {
      if (c.tp() + c.fp() > 0) {
        pSum += c.precision();
        pN++;
      }
      if (c.tp() + c.fn() > 0) {
        rSum += c.recall();
        rN++;
      }
      exact += c.exact() ? 1 : 0;
    }
    double p = pN == 0 ? 0 : pSum / pN;
    double r = rN == 0 ? 0 : rSum / rN;
    double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
    return new Score(p, r, f1, (double) exact / docs.size(), docs.size());
  }
}
