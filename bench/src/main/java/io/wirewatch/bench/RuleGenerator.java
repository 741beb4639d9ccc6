package io.wirewatch.bench;

import io.wirewatch.model.InvalidInputException;
import io.wirewatch.process.match.NewsAnalyzer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Draws realistic stored searches from a corpus's own vocabulary: terms, phrases and near pairs
 * that occur in it, conjunctions, disjunctions, negations and title scopes. Real stored searches
 * are selective, so words are drawn from those found in few documents: an article matches on
 * average well under 1 % of the rules, which the benchmark prints so that it can be checked.
 */
final class RuleGenerator {

  /** Words in at most this share of the articles are "rare": the words stored searches are made of. */
  private static final double RARE_DF = 0.02;
  /** Conjunctions may use commoner words: their combination is what makes them selective. */
  private static final double COMMON_DF = 0.25;

  private final List<String> rare = new ArrayList<>();
  private final List<String> common = new ArrayList<>();
  private final List<String[]> phrases = new ArrayList<>();
  private final List<String[]> nearPairs = new ArrayList<>();

  RuleGenerator(List<BenchArticle> articles) {
    Map<String, Integer> df = new HashMap<>();
    Set<String> phraseSet = new HashSet<>();
    Set<String> nearSet = new HashSet<>();
    try (Analyzer analyzer = NewsAnalyzer.create()) {
      for (BenchArticle a : articles) {
        List<String> tokens = tokens(analyzer, a.text());
        new HashSet<>(tokens).forEach(t -> df.merge(t, 1, Integer::sum));
        for (int i = 0; i + 1 < tokens.size(); i++) {
          if (usable(tokens.get(i)) && usable(tokens.get(i + 1))) {
            phraseSet.add(tokens.get(i) + " " + tokens.get(i + 1));
          }
          int j = i + 3;
          if (j < tokens.size() && usable(tokens.get(i)) && usable(tokens.get(j))) {
            nearSet.add(tokens.get(i) + " " + tokens.get(j));
          }
        }
      }
    }
    int n = articles.size();
    df.forEach((t, f) -> {
      if (!usable(t)) {
        return;
      }
      if (f <= Math.max(1, RARE_DF * n)) {
        rare.add(t);
      } else if (f <= COMMON_DF * n) {
        common.add(t);
      }
    });
    rare.sort(null);
    common.sort(null);
    phraseSet.stream().sorted().forEach(p -> phrases.add(p.split(" ")));
    nearSet.stream().sorted().forEach(p -> nearPairs.add(p.split(" ")));
    if (rare.isEmpty() || common.isEmpty() || phrases.isEmpty()) {
      throw new InvalidInputException("corpus too small to draw rules from (" + n + " articles)");
    }
  }

  /** Letters only, at least 4: numbers and short function words make no one's stored search. */
  private static boolean usable(String t) {
    return t.length() >= 4 && t.chars().allMatch(Character::isLetter);
  }

  static List<String> tokens(Analyzer analyzer, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** {@code count} rules, the same for the same seed. */
  List<GeneratedRule> generate(int count, long seed) {
    Random r = new Random(seed);
    List<GeneratedRule> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int dice = r.nextInt(100);
      GeneratedRule rule;
      if (dice < 30) {
        rule = new GeneratedRule(GeneratedRule.Kind.TERM, List.of(pick(rare, r)));
      } else if (dice < 50) {
        String[] p = phrases.get(r.nextInt(phrases.size()));
        rule = new GeneratedRule(GeneratedRule.Kind.PHRASE, List.of(p[0], p[1]));
      } else if (dice < 70) {
        rule = new GeneratedRule(GeneratedRule.Kind.AND, List.of(pick(common, r), pick(common, r)));
      } else if (dice < 80) {
        rule = new GeneratedRule(GeneratedRule.Kind.OR, List.of(pick(rare, r), pick(rare, r)));
      } else if (dice < 90) {
        String[] p = nearPairs.isEmpty() ? phrases.get(r.nextInt(phrases.size())) : nearPairs.get(r.nextInt(nearPairs.size()));
        rule = new GeneratedRule(GeneratedRule.Kind.NEAR, List.of(p[0], p[1]));
      } else if (dice < 95) {
        rule = new GeneratedRule(GeneratedRule.Kind.TITLE, List.of(pick(common, r)));
      } else {
        rule = new GeneratedRule(GeneratedRule.Kind.NOT, List.of(pick(rare, r), pick(common, r)));
      }
      out.add(rule);
    }
    return out;
  }

  private static String pick(List<String> words, Random r) {
    return words.get(r.nextInt(words.size()));
  }
}
