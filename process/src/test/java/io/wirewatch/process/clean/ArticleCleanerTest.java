package io.wirewatch.process.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArticleCleanerTest {

  private final ArticleCleaner cleaner = new ArticleCleaner();

  static String page(String name) {
    try (InputStream in = ArticleCleanerTest.class.getResourceAsStream("/pages/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("test page " + name + " missing", e);
    }
  }

  @Test
  void commentaryKeepsStoryAndDropsEveryKindOfBoilerplate() {
    CleanedPage p = cleaner.clean(page("commentary-boilerplate.html"), "https://example.org/c");
    assertThat(p.title()).isEqualTo("Commentary: Port talks stall again");
    assertThat(p.published()).isEqualTo(Instant.parse("2021-05-04T05:30:00Z"));
    assertThat(p.language()).isEqualTo("en");
    assertThat(p.text())
        .startsWith("HARBOURTOWN: Negotiations over the new port fees stalled")
        .contains("the money is needed to dredge the channel.")
        .endsWith("the dredging contract remains unsigned.");
    // skip link, menu, caption, photo credit, READ: teaser, related box, share bar, footer
    assertThat(p.text()).doesNotContainIgnoringCase("embargo")
        .doesNotContain("Skip to main content")
        .doesNotContain("READ:")
        .doesNotContain("(Photo:")
        .doesNotContain("Share this");
    assertThat(p.text().split("\n\n")).hasSize(3);
  }

  @Test
  void linkListsAreNotContent() {
    CleanedPage p = cleaner.clean(page("link-list.html"), "https://example.org/");
    assertThat(p.text()).isEqualTo(
        "This is the only paragraph of real prose on the page, and it is long enough to be chosen as content.");
  }

  @Test
  void schemaOrgArticleBodyWinsAndMetadataIsRead() {
    CleanedPage p = cleaner.clean(page("article-body.html"), "https://example.org/envoy");
    assertThat(p.text()).startsWith("The foreign ministry on Wednesday").doesNotContain("teaser");
    assertThat(p.title()).isEqualTo("Ministry names new envoy");
    assertThat(p.byline()).isEqualTo("Ana Lee");
    assertThat(p.published()).isEqualTo(Instant.parse("2022-01-12T00:00:00Z"));
  }

  @Test
  void textIsNormalised() {
    String html = "<html><body><article><h1>T</h1><p>Soft\u00ADhyphen and zero\u200Bwidth and  spaced\u00A0out "
        + "and cafe\u0301 and &amp; entity, long enough to count as a paragraph.</p></article></body></html>";
    String text = cleaner.clean(html, null).text();
    assertThat(text).isEqualTo(
        "Softhyphen and zerowidth and spaced out and caf\u00E9 and & entity, long enough to count as a paragraph.");
  }

  @Test
  void brokenHtmlYieldsItsTextNotAnError() {
    // An empty page is refused (anEmptyPageIsRefusedNotAnEmptyArticle); a broken one is read.
    assertThat(cleaner.clean("<html><body><p>unclosed <b>tags <i>everywhere", null).text())
        .isEqualTo("unclosed tags everywhere");
  }

  @Test
  void titleFallsBackToPageTitleWithoutSiteName() {
    String html = "<html><head><title>Floods close the coast road | Example News</title></head><body></body></html>";
    assertThat(cleaner.clean(html, null).title()).isEqualTo("Floods close the coast road");
  }

  private static final String FERRY_STORY = String.join("\n\n",
      "LAKEVIEW: The ferry between Lakeview and the northern islands sailed again on Monday, three weeks after a "
          + "storm damaged the main pier and left several hundred residents without a daily connection.",
      "The operator said repairs to the pier had cost more than expected, but that the timetable would return to "
          + "normal by the end of the month, with an extra evening crossing on Fridays.",
      "Island councillors welcomed the news, although some said the outage had shown how fragile the link remains, "
          + "and asked the regional government to fund a second landing stage.");

  static Stream<String> boilerplateKinds() {
    return Stream.of("navigation", "share-bar", "cookie-banner", "newsletter", "related-list", "read-teaser",
        "caption", "comments", "advert", "sidebar");
  }

  /** Each page holds the same story plus one kind of boilerplate, the only place "quarantine" appears. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("boilerplateKinds")
  void eachKindOfBoilerplateIsRemovedAndTheStoryKeptWhole(String kind) {
    CleanedPage p = cleaner.clean(page("boilerplate/" + kind + ".html"), "https://lakeview.example/ferry");
    assertThat(p.text()).isEqualTo(FERRY_STORY);
    assertThat(p.text()).doesNotContainIgnoringCase("quarantine");
    assertThat(p.title()).isEqualTo("Ferry service resumes on the northern route");
  }

  @Test
  void commentaryKeepsItsFourParagraphsAndReadsEveryMetadataField() {
    CleanedPage p = cleaner.clean(page("commentary-seed.html"), "https://ledger.example/commentary/river-freight");
    assertThat(p.title()).isEqualTo("Commentary: The quiet cost of cheap river freight");
    assertThat(p.byline()).isEqualTo("Mira Okafor, Tom Reyes");
    assertThat(p.published()).isEqualTo(Instant.parse("2023-09-14T00:15:00Z"));
    assertThat(p.modified()).isEqualTo(Instant.parse("2023-09-15T01:00:00Z"));
    assertThat(p.siteName()).isEqualTo("The Valley Ledger");
    assertThat(p.leadImage()).isEqualTo("https://ledger.example/img/barges.jpg");
    assertThat(p.language()).isEqualTo("en");
    String[] paragraphs = p.text().split("\n\n");
    assertThat(paragraphs).hasSize(4);
    assertThat(paragraphs[0]).startsWith("RIVERTON: Every autumn the barges");
    assertThat(paragraphs[3]).endsWith("one autumn at a time.");
    // menu, caption, photo credit, READ: link, share bar, "Also worth reading" box, footer
    assertThat(p.text()).doesNotContainIgnoringCase("tariff")
        .doesNotContain("Skip to main content")
        .doesNotContain("Photo")
        .doesNotContain("Share")
        .doesNotContain("Mira Okafor");
  }

  @Test
  void headlineIsTheArticlesOwnNotTheTitleWithSiteName() {
    String html = "<html><head><title>Dam opens its gates early - Riverside Daily</title>"
        + "<meta property=\"og:title\" content=\"Dam opens its gates early\"></head><body>"
        + "<h1>Riverside Daily</h1><article><h1>Dam opens its gates early</h1><p>x</p></article></body></html>";
    assertThat(cleaner.clean(html, null).title()).isEqualTo("Dam opens its gates early");
    String noH1 = "<html><head><title>Dam opens its gates early | Riverside Daily</title>"
        + "<meta property=\"og:site_name\" content=\"Riverside Daily\"></head><body></body></html>";
    assertThat(cleaner.clean(noH1, null).title()).isEqualTo("Dam opens its gates early");
  }

  @Test
  void paragraphsTypedWithoutPTagsAreFound() {
    String html = "<html><body><div class=\"col\"><ul><li><a href=\"/a\">Archive 2019</a></li><li><a href=\"/b\">Archive 2018</a></li></ul></div>"
        + "<div class=\"col\"><span class=\"title\">Well water tested</span>"
        + "<b>12/03/2020</b><br>The town tested the water of every public well this week, after residents "
        + "complained about the taste, and found no trace of contamination in any of them.<br><br>"
        + "The council will publish the full results on Friday, together with a schedule for repeat tests.</div>"
        + "</body></html>";
    String text = cleaner.clean(html, null).text();
    assertThat(text).contains("The town tested the water").contains("repeat tests.").doesNotContain("Archive");
  }

  @Test
  void subheadingsAndQuotesInsideTheStoryAreKept() {
    String html = "<html><body><article><h1>Budget passes</h1>"
        + "<p>The assembly passed the budget on Thursday after a debate that lasted, with breaks, nearly twenty hours.</p>"
        + "<h2>What changes for schools</h2>"
        + "<p>Schools will receive a larger share of the capital budget, mostly for repairs, heating and new roofs.</p>"
        + "<blockquote><p>This is the first budget in years that fixes buildings instead of announcing them.</p></blockquote>"
        + "</article></body></html>";
    assertThat(cleaner.clean(html, null).text().split("\n\n"))
        .containsExactly(
            "The assembly passed the budget on Thursday after a debate that lasted, with breaks, nearly twenty hours.",
            "What changes for schools",
            "Schools will receive a larger share of the capital budget, mostly for repairs, heating and new roofs.",
            "This is the first budget in years that fixes buildings instead of announcing them.");
  }

  private static final String PROSE =
      "This is a sentence of prose, with commas, clauses, and enough length to count as a paragraph of the story. ";

  @Test
  void aStoryTypedIntoTheBodyBetweenBreaksBesideSectionsIsCleanedNotACrash() {
    // The body itself ranks first here; climbing from it to a shared ancestor once left the
    // measured tree (html has no measured size) and threw a NullPointerException.
    String html = "<html><body><div>" + ("<p>" + PROSE + "</p>").repeat(3) + "</div>" + PROSE + "<br>"
        + "<div>" + ("<p>" + PROSE + "</p>").repeat(3) + "</div>" + PROSE + "<br></body></html>";
    CleanedPage p = cleaner.clean(html, "https://news.example/a");
    assertThat(p.text()).contains("This is a sentence of prose");
  }

  @Test
  void anEmptyPageIsRefusedNotAnEmptyArticle() {
    assertThatThrownBy(() -> cleaner.clean("", "https://news.example/a"))
        .isInstanceOf(UnreadablePageException.class).hasMessage("no readable text: the page is empty");
    assertThatThrownBy(() -> cleaner.clean("<html><head><title></title></head><body><div></div></body></html>", null))
        .isInstanceOf(UnreadablePageException.class)
        .hasMessage("no readable text: no headline and no text with a word in it");
  }

  @Test
  void binaryGarbageIsRefusedWithItsShareOfControlCharacters() {
    byte[] garbage = new byte[50_000];
    new Random(7).nextBytes(garbage);
    assertThatThrownBy(() -> cleaner.clean(new String(garbage, StandardCharsets.UTF_8), "https://news.example/a"))
        .isInstanceOf(UnreadablePageException.class).hasMessageMatching("not text: [5-9]\\d % control characters");
    assertThatThrownBy(() -> cleaner.clean(new String(garbage, "windows-1252"), "https://news.example/a"))
        .isInstanceOf(UnreadablePageException.class).hasMessageMatching("not text: 1\\d % control characters");
  }

  @Test
  void textOfSymbolsIsRefusedButTextInAnyScriptIsKept() {
    String symbols = "<html><body><p>" + "§±©®°¶×÷¤¦¬¨¯´¸µ¹²³¼½¾ abc ".repeat(20) + "</p></body></html>";
    assertThatThrownBy(() -> cleaner.clean(symbols, "https://news.example/a"))
        .isInstanceOf(UnreadablePageException.class)
        .hasMessageMatching("no readable text: only \\d+ % of its characters are letters, digits, spaces or punctuation");
    String chinese = "<html><body><h1>朝鲜撤出联络办公室</h1><p>" + "朝鲜周五撤出了与韩国共同运营的联络办公室的人员，此前美国宣布了新的制裁措施。".repeat(8)
        + "</p></body></html>";
    assertThat(cleaner.clean(chinese, "https://news.example/zh").text()).startsWith("朝鲜周五撤出");
    assertThat(cleaner.clean("<h1>Headline only</h1>", "https://news.example/h").title()).isEqualTo("Headline only");
  }

  @Test
  void aPageOfMoreTagsThanAnArticleHasIsRefusedBeforeItIsParsed() {
    String flood = "<html><body><h1>Flood</h1><p>" + PROSE + "</p>"
        + "<b>x</b>".repeat(ArticleCleaner.MAX_TAGS / 2) + "</body></html>";
    assertThatThrownBy(() -> cleaner.clean(flood, "https://news.example/a"))
        .isInstanceOf(UnreadablePageException.class)
        .hasMessageStartingWith("not an article: more than " + ArticleCleaner.MAX_TAGS + " tags");
    // Stray closing tags are elements to the parser: they count too.
    String stray = "<html><body><h1>Stray</h1><p>" + PROSE + "</p>" + "</p>".repeat(ArticleCleaner.MAX_TAGS)
        + "</body></html>";
    assertThatThrownBy(() -> cleaner.clean(stray, "https://news.example/a"))
        .isInstanceOf(UnreadablePageException.class).hasMessageStartingWith("not an article");
    // Just under the limit the page is cleaned; "<" before anything but a letter or "/" is no tag.
    String many = "<html><body><h1>Many</h1><p>" + PROSE + " 1 < 2 </p>"
        + "<b>x</b>".repeat(ArticleCleaner.MAX_TAGS / 2 - 10) + "</body></html>";
    assertThat(ArticleCleaner.tags(many)).isEqualTo(ArticleCleaner.MAX_TAGS - 20 + 8); // html, body, h1, p
    assertThat(cleaner.clean(many, "https://news.example/b").title()).isEqualTo("Many");
  }

  @Test
  void tagsAreCountedUpToOnePastTheLimit() {
    assertThat(ArticleCleaner.tags("<a".repeat(ArticleCleaner.MAX_TAGS))).isEqualTo(ArticleCleaner.MAX_TAGS);
    assertThat(ArticleCleaner.tags("<a".repeat(ArticleCleaner.MAX_TAGS + 5))).isEqualTo(ArticleCleaner.MAX_TAGS + 1);
    assertThat(ArticleCleaner.tags("a < b <3 <")).isZero();
  }
}
