package io.wirewatch.process.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.monitor.HighlightsMatch;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.junit.jupiter.api.Test;

/**
 * The hand-written candidate check, and the whole {@link QueryMatcher} with its word-pair
 * presearcher, must say exactly what Lucene says: the same rules match, with
 * the same hits (proximity rules: the same matches). Random rules of every shape the rule language has, over random texts drawn from
 * a small vocabulary so that matches, near misses and repeated words are all common.
 */
class PostingsMatcherTest {

  private static final String[] WORDS = {
      "sanctions", "office", "liaison", "korea", "north", "talks", "staff", "pyongyang", "seoul",
      "summit", "withdrawal", "treasury", "ships", "officials", "the", "of", "and"};

  @Test
  void agreesWithLuceneHighlightsOnRandomRulesAndTexts() throws Exception {
    Random random = new Random(20261122);
    NewsQueryParser parser = new NewsQueryParser();
    List<String> rules = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      rules.add(rule(random));
    }
    int compared = 0;
    int matched = 0;
    int fallbacks = 0;
    String[] asQueries = new String[2 * rules.size()];
    for (int i = 0; i < rules.size(); i++) {
      asQueries[2 * i] = "r" + i;
      asQueries[2 * i + 1] = rules.get(i);
    }
    try (Monitor monitor = new Monitor(NewsAnalyzer.create(), new MultipassTermFilteredPresearcher(2));
        QueryMatcher<String> matcher = TestQueries.matcher(asQueries)) {
      List<MonitorQuery> queries = new ArrayList<>();
      for (int i = 0; i < rules.size(); i++) {
        queries.add(new MonitorQuery("r" + i, parser.parse(rules.get(i)), rules.get(i), Map.of()));
        fallbacks += rules.get(i).contains("*") || rules.get(i).matches(".*\"\\w+ \\w+ \\w+\"~.*") ? 1 : 0;
      }
      monitor.register(queries);
      for (int d = 0; d < 150; d++) {
        String title = text(random, 3 + random.nextInt(5));
        String body = text(random, 20 + random.nextInt(60));
        Document doc = ArticleDocument.plain(title, body);
        MatchingQueries<HighlightsMatch> lucene = monitor.match(doc, HighlightsMatch.MATCHER);
        MatchingQueries<QueryHits> ours = monitor.match(doc, PostingsMatcher.FACTORY);
        assertThat(ours.getErrors()).isEmpty();
        Map<String, Map<String, Set<HighlightsMatch.Hit>>> expected = new TreeMap<>();
        lucene.getMatches().forEach(m -> expected.put(m.getQueryId(), new TreeMap<>(m.getHits())));
        Map<String, Map<String, Set<HighlightsMatch.Hit>>> actual = new TreeMap<>();
        for (QueryHits m : ours.getMatches()) {
          Map<String, Set<HighlightsMatch.Hit>> byField = new TreeMap<>();
          m.fields().forEach(f -> byField.put(f, new TreeSet<>(m.hits(f))));
          actual.put(m.getQueryId(), byField);
        }
        assertThat(actual.keySet()).as("rules matched by document %d", d).isEqualTo(expected.keySet());
        // The whole matcher, with its own presearcher (word pairs for phrases), selects no fewer.
        assertThat(new TreeSet<>(TestQueries.ids(matcher, title, body)))
            .as("rules matched by QueryMatcher in document %d", d).isEqualTo(expected.keySet());
        for (String id : expected.keySet()) {
          String rule = rules.get(Integer.parseInt(id.substring(1)));
          if (rule.contains("~")) {
            // Proximity: which windows between the occurrences are reported may differ; matching may not.
            continue;
          }
          assertThat(actual.get(id)).as("hits of %s in document %d", rule, d).isEqualTo(expected.get(id));
        }
        compared += expected.size();
        matched += expected.isEmpty() ? 0 : 1;
      }
    }
    // The comparison means something only if plenty of rules matched, most of them not through the fallback.
    assertThat(compared).isGreaterThan(2000);
    assertThat(matched).isGreaterThan(100);
    assertThat(fallbacks).isLessThan(rules.size() / 5);
  }

  @Test
  void aWordRepeatedBeyondTheCapKeepsTheFirstHitsAndEveryOtherWordOfTheQuery() throws Exception {
    int repeats = 3 * PostingsMatcher.MAX_HITS_PER_CLAUSE;
    String body = "liaison office sanctions ".repeat(repeats) + "embargo";
    NewsQueryParser parser = new NewsQueryParser();
    try (Monitor monitor = new Monitor(NewsAnalyzer.create())) {
      monitor.register(new MonitorQuery("or", parser.parse("sanctions OR embargo")),
          new MonitorQuery("phrase", parser.parse("\"liaison office\"")),
          new MonitorQuery("near", parser.parse("\"office liaison\"~2")));
      Map<String, QueryHits> found = new TreeMap<>();
      monitor.match(ArticleDocument.plain("", body), PostingsMatcher.FACTORY).getMatches()
          .forEach(m -> found.put(m.getQueryId(), m));
      assertThat(found).containsOnlyKeys("or", "phrase", "near");
      List<HighlightsMatch.Hit> or = new ArrayList<>(found.get("or").hits(NewsQueryParser.TEXT));
      // Every word of the query is still there (embargo, once, at the very end); each capped.
      assertThat(or).hasSize(PostingsMatcher.MAX_HITS_PER_CLAUSE + 1);
      assertThat(or).anyMatch(h -> h.startPosition == 3 * repeats);
      assertThat(found.get("phrase").hits(NewsQueryParser.TEXT)).hasSize(PostingsMatcher.MAX_HITS_PER_CLAUSE)
          .first().isEqualTo(new HighlightsMatch.Hit(0, 0, 1, "liaison office".length()));
      assertThat(found.get("near").hits(NewsQueryParser.TEXT)).hasSize(PostingsMatcher.MAX_HITS_PER_CLAUSE);
    }
  }

  @Test
  void rejectsABatchOfSeveralDocuments() throws Exception {
    NewsQueryParser parser = new NewsQueryParser();
    try (Monitor monitor = new Monitor(NewsAnalyzer.create())) {
      monitor.register(new MonitorQuery("r", parser.parse("sanctions")));
      Document doc = new Document();
      doc.add(new TextField(NewsQueryParser.TEXT, "sanctions", Field.Store.NO));
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> monitor.match(new Document[] {doc, doc}, PostingsMatcher.FACTORY))
          .hasMessageContaining("one article at a time");
    }
  }

  private static String rule(Random r) {
    String a = word(r);
    String b = word(r);
    String c = word(r);
    return switch (r.nextInt(13)) {
      case 0 -> a;
      case 1 -> "\"" + a + " " + b + "\"";
      case 2 -> "\"" + a + " " + b + " " + c + "\"";
      case 3 -> "\"" + a + " " + b + "\"~" + (1 + r.nextInt(4));
      case 4 -> "\"" + a + " " + b + " " + c + "\"~2";
      case 5 -> a + " AND " + b;
      case 6 -> a + " OR " + b;
      case 7 -> a + " AND NOT " + b;
      case 8 -> "(" + a + " OR " + b + ") AND " + c;
      case 9 -> "title:" + a;
      case 10 -> a.substring(0, Math.min(3, a.length())) + "*";
      case 11 -> a + " AND (" + b + " OR \"" + c + " " + a + "\")";
      default -> "title:" + a + " AND NOT \"" + b + " " + c + "\"~3";
    };
  }

  private static String word(Random r) {
    // Rules name the common words less often, as analysts do.
    int i = r.nextInt(WORDS.length);
    return i >= WORDS.length - 3 && r.nextBoolean() ? WORDS[r.nextInt(WORDS.length - 3)] : WORDS[i];
  }

  private static String text(Random r, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      String w = WORDS[r.nextInt(WORDS.length)];
      sb.append(i == 0 ? "" : r.nextInt(8) == 0 ? ". " : " ")
          .append(r.nextInt(5) == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
    }
    return sb.toString();
  }
}
