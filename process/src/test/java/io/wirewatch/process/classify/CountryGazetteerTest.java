package io.wirewatch.process.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.model.CountryMention;
import io.wirewatch.model.config.ConfigException;
import java.io.StringReader;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CountryGazetteerTest {

  private static final CountryGazetteer G = CountryGazetteer.bundled();

  private static Map<String, Integer> counts(String... texts) {
    return G.mentions(texts).stream().collect(Collectors.toMap(CountryMention::code, CountryMention::count));
  }

  @Test
  void coversEveryIsoCountry() {
    assertThat(G.codes()).containsAll(java.util.List.of(Locale.getISOCountries()));
    assertThat(G.name("KP")).contains("North Korea");
  }

  @Test
  void seedShapedStoryNamesKoreasUsChinaAndVietnam() {
    String title = "North Korea pulls staff from liaison office as US sanctions tighten";
    String text = "SEOUL: North Korea withdrew its staff from the joint liaison office on Friday. "
        + "Some Chinese shipping companies had found loopholes, and Washington tightened its sanctions on the DPRK. "
        + "South Korean officials said Pyongyang gave no reason. The United States and North Korean leader "
        + "Kim Jong Un failed to agree at the Hanoi summit in February, in Vietnam.";
    Map<String, Integer> c = counts(title, text);
    assertThat(c).containsOnlyKeys("KP", "KR", "US", "CN", "VN");
    assertThat(c.get("KP")).isEqualTo(5); // North Korea x2, DPRK, Pyongyang, North Korean
    assertThat(c.get("KR")).isEqualTo(2); // SEOUL, South Korean
    assertThat(c.get("US")).isEqualTo(3); // US, Washington, United States
    assertThat(G.mentions(title, text).get(0).code()).isEqualTo("KP");
  }

  @Test
  void longestMatchConsumesTheShorterName() {
    assertThat(counts("North Korea and South Korea met.")).containsExactlyInAnyOrderEntriesOf(Map.of("KP", 1, "KR", 1));
    assertThat(counts("A South Korean delegation.")).containsOnlyKeys("KR");
    assertThat(counts("Pago Pago, American Samoa.")).containsOnlyKeys("AS");
    assertThat(counts("Guinea-Bissau and Papua New Guinea")).containsOnlyKeys("GW", "PG");
  }

  @Test
  void wholeWordsOnly() {
    assertThat(counts("Nigeria and Romania")).containsOnlyKeys("NG", "RO");
    assertThat(counts("Nigeria")).doesNotContainKey("NE");
  }

  @Test
  void lowerCaseCommonNounsAreNotCountries() {
    assertThat(counts("We ate turkey off fine china with us.")).isEmpty();
    assertThat(counts("Turkey and China signed a deal.")).containsOnlyKeys("TR", "CN");
  }

  @Test
  void blockersHideTheCountryInside() {
    assertThat(counts("Flights from New Mexico and New Jersey to Latin America.")).isEmpty();
    assertThat(counts("Patrols in the South China Sea.")).isEmpty();
  }

  @Test
  void ambiguousNamesNeedAnUnambiguousMention() {
    assertThat(counts("Michael Jordan scored 40 points in Georgia; Chad Smith played drums.")).isEmpty();
    assertThat(counts("Jordan closed the border. Officials in Amman said Jordan would reopen it."))
        .containsExactlyInAnyOrderEntriesOf(Map.of("JO", 3));
    assertThat(counts("Georgia's president spoke in Tbilisi.")).containsExactlyInAnyOrderEntriesOf(Map.of("GE", 2));
  }

  @Test
  void accentsAndCapitalsAreFolded() {
    assertThat(counts("Talks in Pyŏngyang")).containsOnlyKeys("KP");
    assertThat(counts("CÔTE D'IVOIRE and Cote d'Ivoire")).containsExactlyInAnyOrderEntriesOf(Map.of("CI", 2));
    assertThat(counts("NORTH KOREA TESTS MISSILE")).containsOnlyKeys("KP");
  }

  @Test
  void demonymPluralsCount() {
    assertThat(counts("Americans and Iraqis, Swiss and Chinese")).containsOnlyKeys("US", "IQ", "CH", "CN");
  }

  @Test
  void formGivenToTwoCountriesIsRejected() {
    String tsv = "AA\tFreedonia\tSpringfield\nBB\tSylvania\tSpringfield\n";
    assertThatThrownBy(() -> CountryGazetteer.read(new StringReader(tsv), "test.tsv"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("test.tsv line 2").hasMessageContaining("Springfield");
  }

  @Test
  void badCodeIsRejectedWithItsLine() {
    assertThatThrownBy(() -> CountryGazetteer.read(new StringReader("# c\nfoo\tBar\n"), "test.tsv"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("line 2").hasMessageContaining("'foo'");
  }
}
