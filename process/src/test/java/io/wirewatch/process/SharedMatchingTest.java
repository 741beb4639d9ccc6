package io.wirewatch.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.model.Rule;
import io.wirewatch.process.alert.RuleBook;
import io.wirewatch.process.alert.RuleMatch;
import io.wirewatch.process.classify.Taxonomy;
import io.wirewatch.process.match.MatchResult;
import io.wirewatch.process.match.QueryMatcher;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules and categories in one matcher say what they say apart, from one match of the article. */
class SharedMatchingTest {

  private static final String TITLE = "North Korea pulls staff from liaison office after new sanctions";
  private static final String TEXT = "Pyongyang withdrew its officials from the inter-Korean liaison office on Friday, "
      + "a day after the US Treasury added sanctions on two shipping companies. Seoul called the move regrettable "
      + "and said talks on the nuclear programme should resume.";

  private static Taxonomy bundled(QueryMatcher<Object> shared) throws Exception {
    try (InputStream in = ProcessComponents.class.getClassLoader().getResourceAsStream(ProcessComponents.DEFAULT_TAXONOMY)) {
      return Taxonomy.read(in, "bundled", shared);
    }
  }

  @Test
  void oneMatchGivesTheCategoriesAndTheRulesThatTwoMatchesGive() throws Exception {
    List<Rule> rules = List.of(new Rule("sanctions", "sanctions"), new Rule("liaison", "\"liaison office\""),
        // the id of one of the taxonomy's own queries: ids of the two kinds never meet
        new Rule("sanctions#0", "talks"));
    try (Taxonomy alone = bundled(null); RuleBook book = new RuleBook(rules);
        QueryMatcher<Object> shared = new QueryMatcher<>(); Taxonomy taxonomy = bundled(shared);
        RuleBook sharedBook = new RuleBook(shared)) {
      rules.forEach(sharedBook::put);
      MatchResult<Object> found = shared.match(TITLE, TEXT, RuleBook::detail);

      assertThat(taxonomy.classify(found)).isEqualTo(alone.classify(TITLE, TEXT)).isNotEmpty();
      List<RuleMatch> once = sharedBook.matchDetailed(found).matches();
      assertThat(once).isEqualTo(book.match(TITLE, TEXT));
      assertThat(once).extracting(m -> m.rule().id()).containsExactly("liaison", "sanctions", "sanctions#0");
      assertThat(once).allSatisfy(m -> assertThat(m.snippet()).contains("«"));
      assertThat(sharedBook.size()).isEqualTo(3);
      assertThat(sharedBook.rules()).extracting(Rule::id).containsExactly("liaison", "sanctions", "sanctions#0");
    }
  }
}
