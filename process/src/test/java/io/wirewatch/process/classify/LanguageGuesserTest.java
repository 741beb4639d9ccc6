package io.wirewatch.process.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageGuesserTest {

  private static final LanguageGuesser GUESSER = new LanguageGuesser(List.of("en", "fr", "de", "es"));

  @Test
  void detectsLanguagesOfNewsSentences() {
    assertThat(GUESSER.guess("North Korea withdrew its staff from the liaison office on Friday.")).isEqualTo("en");
    assertThat(GUESSER.guess("La Corée du Nord a retiré son personnel du bureau de liaison vendredi.")).isEqualTo("fr");
    assertThat(GUESSER.guess("Nordkorea hat am Freitag seine Mitarbeiter aus dem Verbindungsbüro abgezogen.")).isEqualTo("de");
  }

  @Test
  void aLeadOfNamesLeavesTheDecisionToTheText() {
    String names = "Emmanuel Macron, Angela Merkel, Pedro Sánchez, Theresa May, Giuseppe Conte, Mark Rutte, "
        + "Charles Michel, Donald Tusk, Jean-Claude Juncker, Michel Barnier. ";
    String french = "Les dirigeants européens se sont réunis jeudi à Bruxelles pour un sommet consacré au budget "
        + "de l'Union, sans parvenir à un accord sur la répartition des fonds entre les États membres, "
        + "qui devront se retrouver le mois prochain pour une nouvelle tentative.";
    assertThat(names.length()).isGreaterThan(LanguageGuesser.SHORT_SAMPLE);
    assertThat(GUESSER.guess(names)).as("the names alone do not say French").isNotEqualTo("fr");
    assertThat(GUESSER.guess(names + french)).isEqualTo("fr");
  }

  @Test
  void tooShortIsUndetermined() {
    assertThat(GUESSER.guess("OK")).isEqualTo(LanguageGuesser.UNDETERMINED);
    assertThat(GUESSER.guess(null)).isEqualTo(LanguageGuesser.UNDETERMINED);
  }

  @Test
  void unknownCodeIsNamed() {
    assertThatThrownBy(() -> new LanguageGuesser(List.of("en", "xx"))).hasMessageContaining("'xx'");
  }
}
