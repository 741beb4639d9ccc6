package io.wirewatch.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A benchmark rule in structured form, so that it can be written both as a Lucene query (for the
 * matcher under test) and as regular expressions (for the naive baseline), with the same meaning
 * as far as the two can share one.
 *
 * @param kind  TERM, PHRASE, AND, OR, NEAR, TITLE or NOT
 * @param words the analysed words it is built from (one or two)
 */
record GeneratedRule(Kind kind, List<String> words) {

  enum Kind { TERM, PHRASE, AND, OR, NEAR, TITLE, NOT }

  /** Words between the two words of a NEAR rule at most. */
  static final int SLOP = 4;

  String lucene() {
    String a = words.get(0);
    String b = words.size() > 1 ? words.get(1) : null;
    return switch (kind) {
      case TERM -> a;
      case PHRASE -> "\"" + a + " " + b + "\"";
      case AND -> a + " AND " + b;
      case OR -> a + " OR " + b;
      case NEAR -> "\"" + a + " " + b + "\"~" + SLOP;
      case TITLE -> "title:" + a;
      case NOT -> a + " AND NOT " + b;
    };
  }

  /**
   * The naive way: one regular expression per word or phrase, run over the whole text for every
   * rule. Plurals are allowed the way the analyser allows them (an optional s / es).
   */
  Predicate<BenchArticle> regex() {
    String a = words.get(0);
    String b = words.size() > 1 ? words.get(1) : null;
    return switch (kind) {
      case TERM -> anywhere(word(a));
      case PHRASE -> anywhere(word(a) + "\\W+" + word(b));
      case AND -> anywhere(word(a)).and(anywhere(word(b)));
      case OR -> anywhere(word(a)).or(anywhere(word(b)));
      case NEAR -> anywhere(word(a) + "\\W+(?:\\w+\\W+){0," + SLOP + "}?" + word(b)
          + "|" + word(b) + "\\W+(?:\\w+\\W+){0," + SLOP + "}?" + word(a));
      case TITLE -> {
        Pattern p = compile(word(a));
        yield art -> p.matcher(art.title()).find();
      }
      case NOT -> anywhere(word(a)).and(anywhere(word(b)).negate());
    };
  }

  private static String word(String w) {
    return "\\b" + Pattern.quote(w) + "(?:s|es)?\\b";
  }

  private static Pattern compile(String regex) {
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private static Predicate<BenchArticle> anywhere(String regex) {
    Pattern p = compile(regex);
    return art -> p.matcher(art.title()).find() || p.matcher(art.text()).find();
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT) + ":" + words.stream().collect(Collectors.joining(" "));
  }
}
