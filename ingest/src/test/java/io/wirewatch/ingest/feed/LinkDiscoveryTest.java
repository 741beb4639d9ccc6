package io.wirewatch.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LinkDiscoveryTest {

  private static final URI PAGE = URI.create("https://www.news.example/world/");

  @Test
  void findsTheAlternateFeedLink() {
    String html = "<html><head><link rel=\"stylesheet\" href=\"/s.css\">"
        + "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"World\" href=\"/world/rss.xml?utm_source=x\">"
        + "</head><body></body></html>";
    assertThat(LinkDiscovery.feedLink(html, PAGE)).isEqualTo(URI.create("https://www.news.example/world/rss.xml"));
    assertThat(LinkDiscovery.feedLink("<html><head></head></html>", PAGE)).isNull();
  }

  @Test
  void keepsSameSiteArticleLinksAndDropsNavigation() {
    String html = """
        <html><body>
        <nav><a href="/">Home</a> <a href="/world/">World</a> <a href="/tag/korea">Korea</a>
        <a href="/about">About</a> <a href="/login">Log in</a></nav>
        <a href="/world/2024/05/01/liaison-office-closes">Liaison office closes</a>
        <a href="https://news.example/world/asia/sanctions-tightened-again-today#comments">Sanctions</a>
        <a href="/world/2024/05/01/liaison-office-closes?utm_medium=email">Same story again</a>
        <a href="https://other.example/world/2024/05/01/their-story">Another site</a>
        <a href="/media/photo-of-the-day.jpg">Photo</a>
        <a href="mailto:desk@news.example">Mail</a>
        </body></html>
        """;
    assertThat(LinkDiscovery.articleLinks(html, PAGE)).containsExactly(
        URI.create("https://www.news.example/world/2024/05/01/liaison-office-closes"),
        URI.create("https://news.example/world/asia/sanctions-tightened-again-today"));
  }
}
