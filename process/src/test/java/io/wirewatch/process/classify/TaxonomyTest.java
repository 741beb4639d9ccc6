package io.wirewatch.process.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.model.config.ConfigException;
import io.wirewatch.process.ProcessComponents;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaxonomyTest {

  private Taxonomy taxonomy;

  @AfterEach
  void close() {
    if (taxonomy != null) {
      taxonomy.close();
    }
  }

  private static Taxonomy parse(String yaml) {
    return Taxonomy.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }

  private List<String> categories(String yaml, String title, String text) {
    taxonomy = parse(yaml);
    return taxonomy.categorize(title, text);
  }

  private static Taxonomy bundled() {
    InputStream in = TaxonomyTest.class.getClassLoader().getResourceAsStream(ProcessComponents.DEFAULT_TAXONOMY);
    assertThat(in).as("bundled taxonomy on the classpath").isNotNull();
    return Taxonomy.read(in, ProcessComponents.DEFAULT_TAXONOMY);
  }

  private static final String SANCTIONS = """
      categories:
        - id: sanctions
          threshold: 3
          terms: {embargo: 2, blacklist: 1, '"asset freeze"': 3}
      """;

  @Test
  void categoryNeedsItsThresholdNotJustOneWeakTerm() {
    assertThat(categories(SANCTIONS, "", "The ministry announced an embargo.")).isEmpty();
    assertThat(taxonomy.categorize("", "An embargo, and a blacklist of ten firms.")).containsExactly("sanctions");
    assertThat(taxonomy.classify("", "An embargo, and a blacklist of ten firms."))
        .singleElement().satisfies(c -> {
          assertThat(c.score()).isEqualTo(2.0 + 1.0);
          assertThat(c.terms()).containsExactly("embargo", "blacklist");
        });
  }

  @Test
  void eachHitCountsInTitleAndText() {
    assertThat(categories(SANCTIONS, "", "A blacklist was published.")).isEmpty();
    assertThat(taxonomy.classify("Embargo widened", "The embargo now covers fuel."))
        .singleElement().satisfies(c -> assertThat(c.score()).isEqualTo(2 * 2.0));
  }

  @Test
  void hitsOfOneTermAreCapped() {
    String yaml = """
        categories:
          - id: energy
            threshold: 4
            terms: {oil: 1, opec: 2}
        """;
    String oily = "Oil rose. " + "Oil traders bought oil and more oil. ".repeat(5);
    assertThat(categories(yaml, "", oily)).as("one term repeated cannot reach the threshold alone").isEmpty();
    assertThat(taxonomy.classify("", oily + " OPEC met.")).singleElement()
        .satisfies(c -> assertThat(c.score()).isEqualTo(Taxonomy.MAX_HITS_PER_TERM * 1.0 + 2.0));
  }

  @Test
  void phraseNeedsItsWordsTogetherAndCountsOncePerOccurrence() {
    assertThat(categories(SANCTIONS, "", "A freeze on new asset purchases was lifted.")).isEmpty();
    assertThat(taxonomy.classify("", "The asset freeze stays.")).singleElement()
        .satisfies(c -> assertThat(c.score()).isEqualTo(3.0));
  }

  @Test
  void pluralsAndCaseMatchTheSingularTerm() {
    assertThat(categories(SANCTIONS, "", "New ASSET FREEZES.")).containsExactly("sanctions");
    assertThat(taxonomy.categorize("", "Embargoed goods and black lists.")).isEmpty();
  }

  @Test
  void requiredQueryMustMatch() {
    String yaml = """
        categories:
          - id: terrorism
            threshold: 2
            terms: {attack: 1, hostage: 2}
            required: ['terrorist OR militant']
        """;
    assertThat(categories(yaml, "", "Hostages were taken in the attack on the bank.")).isEmpty();
    assertThat(taxonomy.categorize("", "Militants took hostages in the attack on the bank."))
        .containsExactly("terrorism");
  }

  @Test
  void excludedQueryVetoesTheCategory() {
    String yaml = """
        categories:
          - id: sanctions
            threshold: 2
            terms: {sanctions: 2, '"sanctions relief"': 1}
            excluded: ['"sanctions relief" AND sport']
        """;
    assertThat(categories(yaml, "", "Sanctions relief was discussed for the sport federation.")).isEmpty();
    assertThat(taxonomy.categorize("", "Sanctions relief was discussed for the oil sector."))
        .containsExactly("sanctions");
    assertThat(taxonomy.categorize("", "New sanctions hit sport and shipping alike."))
        .as("the exclusion is the whole query, not each word").containsExactly("sanctions");
  }

  @Test
  void severalCategoriesComeSortedById() {
    String yaml = """
        categories:
          - id: trade
            threshold: 2
            terms: {tariff: 2}
          - id: diplomacy
            threshold: 2
            terms: {envoy: 2}
        """;
    assertThat(categories(yaml, "Envoy arrives", "Tariffs are on the agenda.")).containsExactly("diplomacy", "trade");
    assertThat(taxonomy.categorize("Envoy arrives", "The agenda is open.")).containsExactly("diplomacy");
  }

  @Test
  void badQueryIsRejectedNamingCategoryAndTerm() {
    assertThatThrownBy(() -> parse("""
        categories:
          - id: sanctions
            threshold: 3
            terms: {embargo: 2, '"asset freeze': 3}
        """)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("test.yaml").hasMessageContaining("category 'sanctions'")
        .hasMessageContaining("term '\"asset freeze'").hasMessageContaining("does not parse");
    assertThatThrownBy(() -> parse("""
        categories:
          - id: sanctions
            threshold: 3
            terms: {embargo: 2}
            excluded: ['(sport OR']
        """)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("category 'sanctions'").hasMessageContaining("excluded query '(sport OR'");
  }

  @Test
  void missingThresholdIsRejected() {
    assertThatThrownBy(() -> parse("""
        categories:
          - id: trade
            terms: {tariff: 2}
        """)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("category 'trade'").hasMessageContaining("threshold is missing");
  }

  @Test
  void nonPositiveWeightIsRejected() {
    for (String weight : List.of("0", "-1", "'heavy'")) {
      assertThatThrownBy(() -> parse("""
          categories:
            - id: trade
              threshold: 2
              terms: {tariff: 2, quota: %s}
          """.formatted(weight))).isInstanceOf(ConfigException.class)
          .hasMessageContaining("category 'trade'").hasMessageContaining("term 'quota'")
          .hasMessageContaining("weight must be a number > 0");
    }
  }

  @Test
  void otherMistakesAreRejectedWithTheCategory() {
    assertThatThrownBy(() -> parse("categories:\n  - id: a\n    threshold: 0\n    terms: {x: 1}\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("category 'a'").hasMessageContaining("threshold");
    assertThatThrownBy(() -> parse("categories:\n  - id: a\n    threshold: 1\n    terms: {}\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("category 'a'").hasMessageContaining("terms");
    assertThatThrownBy(() -> parse("categories:\n  - id: a\n    threshold: 1\n    terms: {x: 1}\n    exclude: [y]\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'exclude'");
    assertThatThrownBy(() -> parse("categories:\n  - id: a\n    threshold: 1\n    terms: {x: 1, x: 2}\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("test.yaml");
    assertThatThrownBy(() -> parse("""
        categories:
          - {id: a, threshold: 1, terms: {x: 1}}
          - {id: a, threshold: 1, terms: {y: 1}}
        """)).isInstanceOf(ConfigException.class).hasMessageContaining("category 'a'").hasMessageContaining("twice");
    assertThatThrownBy(() -> parse("rules: []\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("no 'categories:' list");
  }

  // --- the bundled taxonomy ---

  private static final String SEED_TITLE = "North Korea pulls out of liaison office after new US sanctions";
  private static final String SEED_TEXT = """
      North Korea withdrew its staff from the joint liaison office in Kaesong on Friday, a day after the \
      US Treasury imposed sanctions on two Chinese shipping firms accused of helping Pyongyang evade \
      sanctions.

      The withdrawal is a setback for Seoul's diplomacy. The nuclear talks between Washington and \
      Pyongyang have stalled since the Hanoi summit ended without a deal on denuclearization.""";

  @Test
  void bundledTaxonomyCoversGeopoliticsSecurityAndEconomy() {
    taxonomy = bundled();
    assertThat(taxonomy.categories()).extracting(Category::id).hasSizeGreaterThanOrEqualTo(10)
        .contains("sanctions", "nuclear", "diplomacy", "military", "trade", "cyber", "elections",
            "disasters", "energy", "health");
  }

  @Test
  void seedShapedStoryIsSanctionsDiplomacyAndNuclear() {
    taxonomy = bundled();
    List<CategoryScore> found = taxonomy.classify(SEED_TITLE, SEED_TEXT);
    assertThat(found).extracting(CategoryScore::id).contains("diplomacy", "nuclear", "sanctions")
        .doesNotContain("disasters", "health", "elections", "cyber", "sports");
    assertThat(found).allSatisfy(c -> assertThat(c.score()).isGreaterThanOrEqualTo(
        taxonomy.categories().stream().filter(k -> k.id().equals(c.id())).findFirst().orElseThrow().threshold()));
    assertThat(found).filteredOn(c -> c.id().equals("diplomacy")).singleElement()
        .satisfies(c -> assertThat(c.terms()).contains("liaison office", "summit"));
  }

  @Test
  void sportsStoryGetsNoCategory() {
    taxonomy = bundled();
    assertThat(taxonomy.categorize("United beat City in the cup final", """
        The striker scored twice as United beat City 3-1 in the cup final on Saturday, ending a run of \
        four defeats. Their attack was relentless and the defence held firm in the closing minutes.

        The coach praised the energy of his players and said the squad had voted the captain player of \
        the season. Fans celebrated outside the stadium long after the final whistle.""")).isEmpty();
  }

  @Test
  void bundledRequiredAndExcludedQueriesWork() {
    taxonomy = bundled();
    assertThat(taxonomy.categorize("Gunman takes hostages",
        "A gunman took hostages at a bank; police said the attack was a robbery and the hostages were freed."))
        .doesNotContain("terrorism");
    assertThat(taxonomy.categorize("Militants take hostages",
        "Militants took hostages at a hotel; the government called the attack an act of terrorism."))
        .contains("terrorism");
    assertThat(taxonomy.categorize("FIFA election", "FIFA members voted in the presidential election; the ballot was secret."))
        .doesNotContain("elections");
    assertThat(taxonomy.categorize("Presidential election", "Voters cast their ballot in the presidential election."))
        .contains("elections");
  }

  @Test
  void bundledTermsNeedTheirPhrase() {
    taxonomy = bundled();
    assertThat(taxonomy.categorize("Hackers hit the port", "A ransomware attack stopped the port's computers."))
        .contains("cyber");
    assertThat(taxonomy.categorize("Port reopens", "The port reopened after the storm; the attack on the title was stopped."))
        .doesNotContain("cyber");
    assertThat(taxonomy.categorize("Typhoon nears coast", "A typhoon is expected to make landfall; thousands were evacuated."))
        .contains("disasters");
    assertThat(taxonomy.categorize("Landslide victory", "The party won a landslide in the vote."))
        .doesNotContain("disasters");
  }
}
