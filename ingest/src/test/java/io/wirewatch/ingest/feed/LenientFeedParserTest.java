package io.wirewatch.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Well-formed feeds Rome alone rejects, read through {@link FeedReader}'s second pass. */
class LenientFeedParserTest {

  private static final URI FEED = URI.create("http://news.example/feed");

  private static List<FeedEntry> read(String xml) throws FeedParseException {
    return new FeedReader().read(xml.getBytes(StandardCharsets.UTF_8), "application/xml", FEED);
  }

  @Test
  void rssWithoutChannelStillYieldsItsItems() throws Exception {
    List<FeedEntry> e = read("<rss version=\"2.0\"><item><title>Loose item</title><link>/a/loose-item-1</link>"
        + "<pubDate>Wed, 01 May 2024 10:00:00 GMT</pubDate></item></rss>");
    assertThat(e).singleElement().satisfies(x -> {
      assertThat(x.title()).isEqualTo("Loose item");
      assertThat(x.link()).isEqualTo(URI.create("http://news.example/a/loose-item-1"));
      assertThat(x.published()).isEqualTo(java.time.Instant.parse("2024-05-01T10:00:00Z"));
    });
  }

  @Test
  void atom03Base64SummaryIsDecoded() throws Exception {
    List<FeedEntry> e = read("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry><title>t</title>"
        + "<summary mode=\"base64\">\n  RXhhbXBsZSA8Yj5BdG9tPC9iPg==\n</summary></entry></feed>");
    assertThat(e).singleElement().satisfies(x -> assertThat(x.summary()).isEqualTo("Example <b>Atom</b>"));
  }

  @Test
  void externalOnlyDoctypeIsDroppedAndAnInternalSubsetIsParsedSafely() throws Exception {
    List<FeedEntry> e = read("<?xml version=\"1.0\"?>\n<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" "
        + "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n<rss version=\"0.91\"><channel><title>c</title>"
        + "<link>http://news.example/</link><description>d</description><item><title>Old</title>"
        + "<link>http://news.example/old-school-item</link></item></channel></rss>");
    assertThat(e).extracting(FeedEntry::title).containsExactly("Old");
    // a channel without items: Rome maps it, the internal entity expands, nothing else is read
    assertThat(read("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x \"boom\">]><rss version=\"2.0\">"
        + "<channel><title>&x;</title><item><title>Big &x;</title></item></channel></rss>"))
        .extracting(FeedEntry::title).containsExactly("Big boom");
    // an internal subset declaring an external entity is refused whole
    assertThatThrownBy(() -> read("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
        + "<rss version=\"2.0\"><channel><title>&x;</title></channel></rss>")).isInstanceOf(FeedParseException.class)
        .hasMessageContaining("refused");
  }

  @Test
  void wellFormedXmlThatIsNoFeedIsStillRefused() {
    assertThatThrownBy(() -> read("<note><to>x</to></note>")).isInstanceOf(FeedParseException.class);
  }
}
