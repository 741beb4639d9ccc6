package io.wirewatch.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmlBaseTest {

  @Test
  void rssItemLinksResolveAgainstNestedXmlBase() throws Exception {
    String rss = """
        <?xml version="1.0"?>
        <rss version="2.0"><channel xml:base="http://news.example/world/"><title>t</title><link>http://news.example/</link>
        <description>d</description>
        <item><title>a</title><link>korea/liaison-office.html</link></item>
        <item xml:base="/asia/"><title>b</title><link>story-b.html#top</link></item>
        </channel></rss>
        """;
    List<FeedEntry> e = new FeedReader().read(rss.getBytes(StandardCharsets.UTF_8), "application/rss+xml",
        URI.create("http://feeds.example/feed.xml"));
    assertThat(e).extracting(FeedEntry::link).containsExactly(
        URI.create("http://news.example/world/korea/liaison-office.html"),
        URI.create("http://news.example/asia/story-b.html"));
  }

  @Test
  void atomXhtmlTitleLosesItsWrapper() {
    assertThat(EntryMapper.title("<div xmlns=\"http://www.w3.org/1999/xhtml\">A <b>bold</b> move</div>"))
        .isEqualTo("A <b>bold</b> move");
    assertThat(EntryMapper.title("  plain ")).isEqualTo("plain");
  }
}
