package io.wirewatch.console.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.ingest.source.Source;
import io.wirewatch.model.InvalidInputException;
import io.wirewatch.model.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EditorsTest {

  private final List<Rule> rules = new ArrayList<>();
  private final List<Source> sources = new ArrayList<>();

  private final RuleEditor ruleEditor = new RuleEditor(new RuleEditor.RuleWriter() {
    @Override
    public void publish(List<Rule> list) {
      rules.addAll(list);
    }

    @Override
    public void remove(String id) {}
  });

  private final SourceEditor sourceEditor = new SourceEditor(new SourceEditor.SourceWriter() {
    @Override
    public void put(List<Source> list) {
      sources.addAll(list);
    }

    @Override
    public void remove(String id) {}
  }, false);

  @Test
  void aRuleIsCheckedByTheMatchingEngineEvenWhenDisabled() {
    Rule broken = new Rule("b", "title:(sanctions", null, null, false, null, null, 0);
    assertThatThrownBy(() -> ruleEditor.put(broken)).isInstanceOfSatisfying(RuleRejected.class, e -> {
      assertThat(e.problem().message()).contains("sanctions");
      assertThat(e.problem().line()).isEqualTo(1);
    });
    assertThat(rules).isEmpty();
    ruleEditor.put(new Rule("ok", "\"liaison office\"~3"));
    assertThat(rules).extracting(Rule::id).containsExactly("ok");
  }

  @Test
  void queryProblemsWithoutAPositionKeepTheirMessage() {
    QueryProblem p = QueryProblem.of("too many clauses");
    assertThat(p.line()).isNull();
    assertThat(p.message()).isEqualTo("too many clauses");
  }

  @Test
  void intervalsInEitherFormat() {
    assertThat(sourceEditor.put(new SourceEditor.SourceInput("a", "https://a.example/f", null, "90s")).interval())
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(sourceEditor.put(new SourceEditor.SourceInput("b", "https://b.example/f", "atom", "PT5M")).interval())
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(sourceEditor.put(new SourceEditor.SourceInput("c", "https://c.example/f", "page", null)).type())
        .isEqualTo(Source.Type.PAGE);
    assertThatThrownBy(() -> sourceEditor.validate(new SourceEditor.SourceInput("d", "https://d.example/", null, "often")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("interval");
    assertThatThrownBy(() -> sourceEditor.validate(new SourceEditor.SourceInput("e", "ht tp://bad", null, null)))
        .isInstanceOf(InvalidInputException.class);
    assertThat(sources).extracting(Source::id).containsExactly("a", "b", "c");
  }

  @Test
  void fileUrlsOnlyWhenAllowed() {
    SourceEditor allowing = new SourceEditor(new SourceEditor.SourceWriter() {
      @Override
      public void put(List<Source> list) {}

      @Override
      public void remove(String id) {}
    }, true);
    SourceEditor.SourceInput local = new SourceEditor.SourceInput("local", "FILE:/srv/feeds/x.xml", null, null);
    assertThat(allowing.validate(local).id()).isEqualTo("local");
    assertThatThrownBy(() -> sourceEditor.validate(local)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("console.sources.allow-file-urls");
  }
}
