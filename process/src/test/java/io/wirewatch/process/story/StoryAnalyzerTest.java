package io.wirewatch.process.story;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoryAnalyzerTest {

  private final StoryAnalyzer analyzer = StoryAnalyzer.bundled();

  @Test
  void termsAreLowerCasedStemmedAndWithoutFunctionWords() {
    assertThat(analyzer.terms("The quakes were felt in Bushehr's villages, officials said."))
        .containsExactly("quake", "felt", "bushehr", "village", "official");
  }

  @Test
  void namesComeFromCapitalsInsideSentencesNotFromSentenceStarts() {
    TextAnalysis a = analyzer.analyze("Lindsay Lohan checks into rehab",
        "Police said the actress Lindsay Lohan arrived at Betty Ford on Thursday. Rehab will last 90 days.");
    assertThat(a.cased()).isTrue();
    assertThat(a.entities().terms()).contains("lindsay", "lohan", "betty", "ford", "thursday")
        .doesNotContain("police", "rehab");
  }

  @Test
  void headlineInTitleCaseGivesNoNamesButBodyStillDoes() {
    TextAnalysis a = analyzer.analyze("Actress Checks Into Rehab Clinic In California",
        "The actress checked into a clinic in Malibu on Tuesday.");
    assertThat(a.entities().terms()).containsExactlyInAnyOrder("malibu", "tuesday");
  }

  @Test
  void lowerCaseTextHasNoNamesNoCountriesAndTheSameTerms() {
    String title = "North Korea pulls staff out of liaison office";
    String text = "North Korea withdrew its staff from the liaison office in Kaesong, officials in Seoul said.";
    TextAnalysis cased = analyzer.analyze(title, text);
    TextAnalysis lower = analyzer.analyze(title.toLowerCase(), text.toLowerCase());

    assertThat(cased.countries()).extracting(c -> c.code()).contains("KP");
    assertThat(lower.cased()).isFalse();
    assertThat(lower.entities().isEmpty()).isTrue();
    assertThat(lower.countries()).isEmpty();
    assertThat(lower.text()).isEqualTo(cased.text());
    assertThat(lower.signature()).isEqualTo(cased.signature());
  }

  @Test
  void sentenceStartsAfterStopsLineBreaksAndQuotes() {
    assertThat(StoryAnalyzer.sentenceStart("He left. Police came", 9)).isTrue();
    assertThat(StoryAnalyzer.sentenceStart("first line\nSecond", 11)).isTrue();
    assertThat(StoryAnalyzer.sentenceStart("He said \"Police came", 9)).isFalse();
    assertThat(StoryAnalyzer.sentenceStart("\"Police came", 1)).isTrue();
    assertThat(StoryAnalyzer.sentenceStart("met Police chief", 4)).isFalse();
  }
}
