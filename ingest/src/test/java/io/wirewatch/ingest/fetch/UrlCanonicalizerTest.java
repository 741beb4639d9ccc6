package io.wirewatch.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlCanonicalizerTest {

  private static final URI FEED = URI.create("https://news.example.com/world/feed.xml");

  private static String canon(URI base, String href) {
    return UrlCanonicalizer.canonicalize(base, href).toString();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "story.html,                 https://news.example.com/world/story.html",
      "../politics/vote.html,      https://news.example.com/politics/vote.html",
      "/top/1,                     https://news.example.com/top/1",
      "//cdn.example.com/a.html,   https://cdn.example.com/a.html",
      "?page=2,                    https://news.example.com/world/?page=2",
      "http://other.example.org/x, http://other.example.org/x",
  })
  void resolvesRelativeLinksAgainstTheBase(String href, String expected) {
    assertThat(canon(FEED, href)).isEqualTo(expected);
  }

  @Test
  void nullBaseAcceptsAbsoluteHrefs() {
    assertThat(canon(null, "https://example.com/a")).isEqualTo("https://example.com/a");
  }

  @Test
  void relativeHrefWithoutBaseIsRejected() {
    assertThatThrownBy(() -> UrlCanonicalizer.canonicalize(null, "story.html"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absolute")
        .hasMessageContaining("story.html");
  }

  @Test
  void lowercasesSchemeAndHostButNotPathOrQuery() {
    assertThat(canon(null, "HTTPS://News.Example.COM/World/Story?ID=Ab"))
        .isEqualTo("https://news.example.com/World/Story?ID=Ab");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "http://example.com:80/a,     http://example.com/a",
      "https://example.com:443/a,   https://example.com/a",
      "HTTP://example.com:80/a,     http://example.com/a",
      "http://example.com:8080/a,   http://example.com:8080/a",
      "https://example.com:80/a,    https://example.com:80/a",
      "http://example.com:443/a,    http://example.com:443/a",
  })
  void dropsOnlyTheDefaultPortOfTheScheme(String href, String expected) {
    assertThat(canon(null, href)).isEqualTo(expected);
  }

  @Test
  void dropsTheFragment() {
    assertThat(canon(null, "https://example.com/a?x=1#comments")).isEqualTo("https://example.com/a?x=1");
    assertThat(canon(FEED, "story.html#top")).isEqualTo("https://news.example.com/world/story.html");
  }

  @Test
  void dropsTrackingParametersAndKeepsOthersInOrder() {
    String href = "https://example.com/a?utm_source=rss&id=42&fbclid=abc&UTM_Medium=x&page=2"
        + "&gclid=zz&utm_campaign=c&b=&z=last";
    assertThat(canon(null, href)).isEqualTo("https://example.com/a?id=42&page=2&b=&z=last");
  }

  @Test
  void keepsParametersThatOnlyLookLikeTrackers() {
    // utm without the underscore, and a parameter whose value is "fbclid", select real content.
    assertThat(canon(null, "https://example.com/a?utmost=1&q=fbclid&xgclid=2"))
        .isEqualTo("https://example.com/a?utmost=1&q=fbclid&xgclid=2");
  }

  @Test
  void queryOfOnlyTrackingParametersDisappearsEntirely() {
    assertThat(canon(null, "https://example.com/a?utm_source=x&gclid=y")).isEqualTo("https://example.com/a");
    assertThat(canon(null, "https://example.com/a?")).isEqualTo("https://example.com/a");
  }

  @Test
  void sameArticleSpelledManyWaysGetsOneUrl() {
    String expected = "https://example.com/story?id=7";
    assertThat(canon(null, "https://EXAMPLE.com:443/story?utm_source=tw&id=7#x")).isEqualTo(expected);
    assertThat(canon(URI.create("https://example.com/a/b/c"), "../../story?id=7&fbclid=1")).isEqualTo(expected);
    assertThat(canon(null, "  https://example.com/story?id=7  ")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "http://example.com,          http://example.com/",
      "https://Example.com:443,     https://example.com/",
      "http://example.com?a=1,      http://example.com/?a=1",
      "http://example.com#frag,     http://example.com/",
  })
  void emptyPathBecomesSlash(String href, String expected) {
    assertThat(canon(null, href)).isEqualTo(expected);
  }

  @Test
  void normalisesDotSegments() {
    assertThat(canon(null, "https://example.com/a/./b/../c")).isEqualTo("https://example.com/a/c");
  }

  @Test
  void encodesSpacesInsteadOfFailing() {
    assertThat(canon(null, "https://example.com/a b.html")).isEqualTo("https://example.com/a%20b.html");
  }

  @Test
  void fileUrlsLoseQueryAndFragment() {
    assertThat(canon(null, "file:///data/feeds/page.html?utm_source=x&id=3#part"))
        .isEqualTo("file:/data/feeds/page.html");
    assertThat(canon(URI.create("file:///data/feeds/feed.xml"), "../pages/a.html?x=1"))
        .isEqualTo("file:/data/pages/a.html");
    assertThat(canon(null, "FILE:/data/x.html")).isEqualTo("file:/data/x.html");
  }

  @Test
  void canonicalisingIsIdempotent() {
    URI once = UrlCanonicalizer.canonicalize(null, "HTTPS://Example.com:443/a/../b?utm_x=1&k=v#f");
    assertThat(UrlCanonicalizer.canonicalize(once)).isEqualTo(once);
    assertThat(UrlCanonicalizer.canonicalize(null, once.toString())).isEqualTo(once);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "\t\n"})
  void blankHrefIsRejectedWithAMessageSayingSo(String href) {
    assertThatThrownBy(() -> UrlCanonicalizer.canonicalize(FEED, href))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://exa<mple.com/", "http://[not-ipv6/x", "https://example.com/a|b\"c"})
  void unparseableHrefIsRejectedNamingTheHref(String href) {
    assertThatThrownBy(() -> UrlCanonicalizer.canonicalize(FEED, href))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a URL")
        .hasMessageContaining(href);
  }

  @Test
  void urlWithoutHostIsRejected() {
    assertThatThrownBy(() -> UrlCanonicalizer.canonicalize(null, "mailto:desk@example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no host")
        .hasMessageContaining("mailto:desk@example.com");
  }

  @Test
  void resolvesAgainstABaseWithEmptyPath() {
    assertThat(canon(URI.create("https://example.com"), "story.html"))
        .isEqualTo("https://example.com/story.html");
  }
}
