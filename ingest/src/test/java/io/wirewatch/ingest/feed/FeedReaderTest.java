package io.wirewatch.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedReaderTest {

  private static final URI FEED_URL = URI.create("https://news.example.com/feeds/world.xml");

  private final FeedReader reader = new FeedReader();

  private List<FeedEntry> read(String xml, String contentType) throws FeedParseException {
    return reader.read(xml.getBytes(StandardCharsets.UTF_8), contentType, FEED_URL);
  }

  private static final String RSS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0">
        <channel>
          <title>World desk</title>
          <link>https://news.example.com/</link>
          <description>Latest</description>
          <item>
            <title>  Summit ends without deal  </title>
            <link>/world/summit.html?utm_source=rss&amp;id=7#top</link>
            <guid isPermaLink="false">wire-1001</guid>
            <pubDate>Wed, 01 May 2024 09:30:00 GMT</pubDate>
            <author>desk@example.com (Desk)</author>
            <description>&lt;p&gt;Talks collapsed.&lt;/p&gt;</description>
          </item>
          <item>
            <title>Markets rally</title>
            <link>https://Markets.Example.com:443/rally</link>
            <guid isPermaLink="false">wire-1002</guid>
            <pubDate>Thu, 02 May 2024 18:05:00 +0200</pubDate>
          </item>
          <item>
            <title>Briefing without a link</title>
            <guid isPermaLink="false">wire-1003</guid>
          </item>
        </channel>
      </rss>
      """;

  private static final String ATOM = """
      <?xml version="1.0" encoding="utf-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom">
        <title>Science</title>
        <id>urn:uuid:feed-science</id>
        <updated>2024-05-03T12:00:00Z</updated>
        <entry>
          <title>Probe reaches orbit</title>
          <id>urn:uuid:entry-1</id>
          <link rel="alternate" href="stories/probe.html?fbclid=abc"/>
          <published>2024-05-03T08:00:00Z</published>
          <updated>2024-05-03T11:00:00Z</updated>
          <content type="html">&lt;p&gt;It worked.&lt;/p&gt;</content>
        </entry>
        <entry>
          <title>Only updated</title>
          <id>urn:uuid:entry-2</id>
          <link href="https://science.example.org/updated"/>
          <updated>2024-05-03T10:15:00+02:00</updated>
        </entry>
        <entry>
          <title>No link at all</title>
          <id>urn:uuid:entry-3</id>
          <updated>2024-05-03T10:00:00Z</updated>
        </entry>
      </feed>
      """;

  @Test
  void itemWithoutGuidHasNoGuidEvenThoughRomeFillsItsId() throws Exception {
    List<FeedEntry> entries = read("""
        <rss version="2.0"><channel><title>t</title>
        <item><title>no guid</title><link>/story.html</link></item>
        </channel></rss>""", "application/rss+xml");
    assertThat(entries).singleElement().satisfies(e -> {
      assertThat(e.guid()).isNull();
      assertThat(e.link()).hasToString("https://news.example.com/story.html");
    });
  }

  @Test
  void readsRss2Entries() throws Exception {
    List<FeedEntry> entries = read(RSS, "application/rss+xml");

    assertThat(entries).hasSize(3);

    FeedEntry first = entries.get(0);
    assertThat(first.title()).isEqualTo("Summit ends without deal");
    assertThat(first.guid()).isEqualTo("wire-1001");
    // relative link resolved against the feed URL, tracking parameter and fragment dropped
    assertThat(first.link()).isEqualTo(URI.create("https://news.example.com/world/summit.html?id=7"));
    assertThat(first.published()).isEqualTo(Instant.parse("2024-05-01T09:30:00Z"));
    assertThat(first.summary()).isEqualTo("<p>Talks collapsed.</p>");

    FeedEntry second = entries.get(1);
    assertThat(second.link()).isEqualTo(URI.create("https://markets.example.com/rally"));
    assertThat(second.published()).isEqualTo(Instant.parse("2024-05-02T16:05:00Z"));
  }

  @Test
  void rssEntryWithoutLinkHasNullLinkButIsKept() throws Exception {
    FeedEntry third = read(RSS, "application/rss+xml").get(2);

    assertThat(third.link()).isNull();
    assertThat(third.guid()).isEqualTo("wire-1003");
    assertThat(third.title()).isEqualTo("Briefing without a link");
    assertThat(third.published()).isNull();
  }

  @Test
  void readsAtomEntries() throws Exception {
    List<FeedEntry> entries = read(ATOM, "application/atom+xml");

    assertThat(entries).extracting(FeedEntry::guid)
        .containsExactly("urn:uuid:entry-1", "urn:uuid:entry-2", "urn:uuid:entry-3");

    FeedEntry first = entries.get(0);
    assertThat(first.title()).isEqualTo("Probe reaches orbit");
    assertThat(first.link()).isEqualTo(URI.create("https://news.example.com/feeds/stories/probe.html"));
    assertThat(first.published()).isEqualTo(Instant.parse("2024-05-03T08:00:00Z"));
    assertThat(first.summary()).isEqualTo("<p>It worked.</p>");

    FeedEntry second = entries.get(1);
    assertThat(second.link()).isEqualTo(URI.create("https://science.example.org/updated"));
    // no <published>: the update time stands in
    assertThat(second.published()).isEqualTo(Instant.parse("2024-05-03T08:15:00Z"));

    assertThat(entries.get(2).link()).isNull();
  }

  @Test
  void unusableLinkBecomesNullInsteadOfFailingTheFeed() throws Exception {
    String rss = """
        <rss version="2.0"><channel><title>t</title><link>https://news.example.com/</link><description>d</description>
          <item><title>bad</title><link>http://exa&lt;mple.com/</link><guid isPermaLink="false">g1</guid></item>
          <item><title>good</title><link>/ok.html</link><guid isPermaLink="false">g2</guid></item>
        </channel></rss>
        """;

    List<FeedEntry> entries = read(rss, "application/xml");

    assertThat(entries).extracting(FeedEntry::title).containsExactly("bad", "good");
    assertThat(entries.get(0).link()).isNull();
    assertThat(entries.get(1).link()).isEqualTo(URI.create("https://news.example.com/ok.html"));
  }

  @Test
  void malformedXmlIsAParseErrorNamingTheFeed() {
    String broken = "<rss version=\"2.0\"><channel><title>cut off";

    FeedParseException e = assertThrows(FeedParseException.class, () -> read(broken, "application/rss+xml"));

    assertThat(e).hasMessageContaining(FEED_URL.toString());
  }

  @Test
  void htmlInsteadOfAFeedIsAParseError() {
    FeedParseException e = assertThrows(FeedParseException.class,
        () -> read("<html><body><p>Not a feed<br></body></html>", "text/html"));

    assertThat(e).hasMessageContaining(FEED_URL.toString());
  }

  @Test
  void wellFormedXmlThatIsNoFeedIsAParseError() {
    FeedParseException e = assertThrows(FeedParseException.class,
        () -> read("<catalog><book/></catalog>", "application/xml"));

    assertThat(e).hasMessageContaining("no feed").hasMessageContaining("<catalog>");
  }

  @Test
  void emptyBodyIsAParseError() {
    assertThrows(FeedParseException.class,
        () -> reader.read(new byte[0], "application/xml", FEED_URL));
  }

  @Test
  void externalEntityIsRefusedAndNeverRead(@TempDir Path dir) throws Exception {
    String secret = "TOP-SECRET-" + System.nanoTime();
    Path secretFile = Files.writeString(dir.resolve("secret.txt"), secret);
    String xxe = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE rss [ <!ENTITY xxe SYSTEM "%s"> ]>
        <rss version="2.0"><channel><title>&xxe;</title><link>https://news.example.com/</link>
          <description>&xxe;</description>
          <item><title>&xxe;</title><link>https://news.example.com/a</link><description>&xxe;</description></item>
        </channel></rss>
        """.formatted(secretFile.toUri());

    FeedParseException e = assertThrows(FeedParseException.class, () -> read(xxe, "application/rss+xml"));

    assertThat(e).hasMessageContaining(FEED_URL.toString()).hasMessageNotContaining(secret);
    assertThat(e.getCause()).isNotNull();
    assertThat(String.valueOf(e.getCause().getMessage())).doesNotContain(secret);
  }

  @Test
  void externalEntityPointingAtEtcPasswdIsRefused() {
    String xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <rss version="2.0"><channel><title>t</title><link>https://n.example/</link><description>d</description>
          <item><title>&xxe;</title><link>https://n.example/a</link></item>
        </channel></rss>
        """;

    FeedParseException e = assertThrows(FeedParseException.class, () -> read(xxe, null));

    assertThat(e).hasMessageNotContaining("root:");
  }

  @Test
  void billionLaughsIsRefusedQuickly() {
    StringBuilder dtd = new StringBuilder("<!ENTITY lol0 \"lollollollollollollollollollol\">\n");
    for (int i = 1; i <= 9; i++) {
      String prev = "&lol" + (i - 1) + ";";
      dtd.append("<!ENTITY lol").append(i).append(" \"").append(prev.repeat(10)).append("\">\n");
    }
    String bomb = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [
        %s]>
        <rss version="2.0"><channel><title>&lol9;</title><link>https://n.example/</link><description>&lol9;</description>
          <item><title>&lol9;</title><link>https://n.example/a</link></item>
        </channel></rss>
        """.formatted(dtd);

    FeedParseException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(FeedParseException.class, () -> read(bomb, "application/rss+xml")));

    assertThat(e).hasMessageContaining(FEED_URL.toString());
  }

  @Test
  void latin1FeedIsDecodedFromItsXmlDeclaration() throws Exception {
    String xml = """
        <?xml version="1.0" encoding="ISO-8859-1"?>
        <rss version="2.0"><channel><title>Presse</title><link>https://news.example.com/</link><description>d</description>
          <item><title>Café à Genève, été</title><link>/geneve.html</link></item>
        </channel></rss>
        """;
    byte[] latin1 = xml.getBytes(StandardCharsets.ISO_8859_1);
    assertThat(latin1).doesNotContain((byte) 0xC3); // really single-byte é, not UTF-8

    assertThat(reader.read(latin1, "application/rss+xml", FEED_URL).get(0).title())
        .isEqualTo("Café à Genève, été");
    assertThat(reader.read(latin1, null, FEED_URL).get(0).title())
        .isEqualTo("Café à Genève, été");
  }

  @Test
  void utf8FeedWithCharsetInContentType() throws Exception {
    String xml = """
        <rss version="2.0"><channel><title>Intl</title><link>https://news.example.com/</link><description>d</description>
          <item><title>Zürich — naïve ✓ 東京</title><link>/intl.html</link></item>
        </channel></rss>
        """;

    List<FeedEntry> entries = read(xml, "text/xml; charset=utf-8");

    assertThat(entries.get(0).title()).isEqualTo("Zürich — naïve ✓ 東京");
  }

  @Test
  void utf8ByteOrderMarkIsHonoured() throws Exception {
    byte[] body = ("\uFEFF<rss version=\"2.0\"><channel><title>t</title><link>https://n.example/</link>"
        + "<description>d</description><item><title>Ärger</title><link>/a</link></item></channel></rss>")
        .getBytes(StandardCharsets.UTF_8);

    assertThat(reader.read(body, "application/xml", FEED_URL).get(0).title()).isEqualTo("Ärger");
  }

  @Test
  void utf8FeedServedAsTextXmlWithoutCharset() throws Exception {
    String xml = """
        <rss version="2.0"><channel><title>Intl</title><link>https://news.example.com/</link><description>d</description>
          <item><title>Zürich — naïve ✓</title><link>/intl.html</link></item>
        </channel></rss>
        """;

    assertThat(read(xml, "text/xml").get(0).title()).isEqualTo("Zürich — naïve ✓");
  }

  @Test
  void entriesAreCappedAtMaxEntries() throws Exception {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < FeedReader.MAX_ENTRIES + 10; i++) {
      items.append("<item><title>n").append(i).append("</title><link>/n/").append(i).append("</link></item>");
    }
    String xml = "<rss version=\"2.0\"><channel><title>t</title><link>https://n.example/</link>"
        + "<description>d</description>" + items + "</channel></rss>";

    List<FeedEntry> entries = read(xml, "application/xml");

    assertThat(entries).hasSize(FeedReader.MAX_ENTRIES);
    assertThat(entries.get(0).title()).isEqualTo("n0");
  }

  private static String rssItem(String itemXml) {
    return "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Desk</title>"
        + "<link>https://news.example.com/</link><description>d</description><item>" + itemXml
        + "</item></channel></rss>";
  }

  private static String atomEntry(String feedAttrs, String entryXml) {
    return "<feed xmlns=\"http://www.w3.org/2005/Atom\"" + feedAttrs + "><title>Desk</title><id>urn:x</id>"
        + "<updated>2024-05-01T00:00:00Z</updated><entry><id>urn:e1</id><updated>2024-05-01T00:00:00Z</updated>"
        + entryXml + "</entry></feed>";
  }

  @Test
  void cdataTitleKeepsEscapedMarkupExactlyAsWritten() throws Exception {
    FeedEntry e = read(rssItem("<title><![CDATA[Rates &amp; &lt;b&gt;bonds&lt;/b&gt;]]></title>"), null).get(0);

    assertThat(e.title()).isEqualTo("Rates &amp; &lt;b&gt;bonds&lt;/b&gt;");
  }

  @Test
  void htmlEntityOutsideCdataStillParsesThroughRomesHealer() throws Exception {
    FeedEntry e = read(rssItem("<title>Caf&eacute;&nbsp;opens</title>"), null).get(0);

    assertThat(e.title()).isEqualTo("Caf\u00e9\u00a0opens");
  }

  @Test
  void titleWithChildElementsKeepsItsMarkupAndText() throws Exception {
    FeedEntry e = read(rssItem("<title>Storm <em>warning</em> issued</title>"), null).get(0);

    assertThat(e.title()).isEqualTo("Storm <em>warning</em> issued");
  }

  @Test
  void dcTitleStandsInForAMissingTitle() throws Exception {
    FeedEntry e = read(rssItem("<dc:title>Council votes</dc:title><guid>g-1</guid>"), null).get(0);

    assertThat(e.title()).isEqualTo("Council votes");
  }

  @Test
  void base64TitleWithBinaryMimeTypeIsDecoded() throws Exception {
    String encoded = java.util.Base64.getEncoder().encodeToString("Flood <i>update</i>".getBytes(StandardCharsets.UTF_8));
    FeedEntry e = read(atomEntry("", "<title type=\"application/octet-stream\">" + encoded + "</title>"), null).get(0);

    assertThat(e.title()).isEqualTo("Flood <i>update</i>");
  }

  @Test
  void titleWithMadeUpMimeTypeThatIsNotBase64TextStaysAsWritten() throws Exception {
    FeedEntry e = read(atomEntry("", "<title type=\"application/x-whatever\">news</title>"), null).get(0);

    assertThat(e.title()).isEqualTo("news");
  }

  @Test
  void relativeLinksInTitleMarkupResolveAgainstXmlBase() throws Exception {
    String xhtml = "<title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">See <a href=\"story.html\">this</a></div></title>";
    FeedEntry inherited = read(atomEntry(" xml:base=\"https://news.example.com/world/\"", xhtml), null).get(0);
    FeedEntry own = read(atomEntry("", "<title type=\"html\" xml:base=\"https://news.example.com/sport/\">"
        + "Match <a href=\"report.html\">report</a></title>"), null).get(0);

    assertThat(inherited.title()).isEqualTo("See <a href=\"https://news.example.com/world/story.html\">this</a>");
    assertThat(own.title()).isEqualTo("Match <a href=\"https://news.example.com/sport/report.html\">report</a>");
  }

  @Test
  void atom03LinkWithoutRelIsTheEntryLink() throws Exception {
    String xml = "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>Desk</title>"
        + "<modified>2024-05-01T00:00:00Z</modified><entry><title>Old format</title>"
        + "<link type=\"text/html\" href=\"https://news.example.com/old.html\"/><id>urn:e1</id>"
        + "<modified>2024-05-01T00:00:00Z</modified><issued>2024-05-01T00:00:00Z</issued></entry></feed>";

    assertThat(read(xml, null).get(0).link()).isEqualTo(URI.create("https://news.example.com/old.html"));
  }

  @Test
  void atomPublishedInsideAnRssItemIsItsDate() throws Exception {
    String xml = "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>Desk</title>"
        + "<link>https://news.example.com/</link><description>d</description>"
        + "<item><title>a</title><atom:published>2024-05-01T09:30:00+02:00</atom:published></item>"
        + "<item><title>b</title><atom:updated>2024-05-02T10:00:00Z</atom:updated></item></channel></rss>";

    List<FeedEntry> entries = read(xml, null);

    assertThat(entries.get(0).published()).isEqualTo(Instant.parse("2024-05-01T07:30:00Z"));
    assertThat(entries.get(1).published()).isEqualTo(Instant.parse("2024-05-02T10:00:00Z"));
  }
}
