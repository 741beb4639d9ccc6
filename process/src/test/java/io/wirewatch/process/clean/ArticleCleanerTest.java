package io.wirewatch.process.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

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
  void emptyOrBrokenHtmlYieldsEmptyTextNotAnError() {
    assertThat(cleaner.clean("", null).text()).isEmpty();
    assertThat(cleaner.clean("<html><body><p>unclosed <b>tags <i>everywhere", null).text())
        .isEqualTo("unclosed tags everywhere");
  }

  @Test
  void titleFallsBackToPageTitleWithoutSiteName() {
    String html = "<html><head><title>Floods close the coast road | Example News</title></head><body></body></html>";
    assertThat(cleaner.clean(html, null).title()).isEqualTo("Floods close the coast road");
  }
}
