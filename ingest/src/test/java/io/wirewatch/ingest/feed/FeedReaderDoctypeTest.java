package io.wirewatch.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import io.wirewatch.ingest.TestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Feeds with a DOCTYPE: internal entities are expanded, nothing outside the document is read
 * (a real local server counts every request made to it), and entity bombs are refused.
 */
class FeedReaderDoctypeTest {

  private static final URI FEED_URL = URI.create("https://news.example.com/feeds/world.xml");

  private final FeedReader reader = new FeedReader();
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void startServer() throws Exception {
    server = TestServer.create();
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      byte[] body = "<!ENTITY leak \"LEAKED-FROM-SERVER\">".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    TestServer.stop(server);
  }

  private String serverUrl(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private List<FeedEntry> read(String xml) throws FeedParseException {
    return reader.read(xml.getBytes(StandardCharsets.UTF_8), "application/rss+xml", FEED_URL);
  }

  private static String feed(String doctype, String itemTitle, String guid) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        %s
        <rss version="2.0"><channel><title>Desk</title><link>https://news.example.com/</link>
          <description>d</description>
          <item><title>%s</title><link>https://news.example.com/a</link>
            <guid isPermaLink="false">%s</guid></item>
        </channel></rss>
        """.formatted(doctype, itemTitle, guid);
  }

  @Test
  void internalEntityDeclaredAndUsedIsExpanded() throws Exception {
    String xml = feed("<!DOCTYPE rss [\n  <!ENTITY id \"tag:news.example.com,\">\n"
        + "  <!ENTITY co \"Smith &amp; Sons\">\n]>", "Profits at &co; rise", "&id;2024-05-01:/item-1");

    FeedEntry e = read(xml).get(0);

    assertThat(e.guid()).isEqualTo("tag:news.example.com,2024-05-01:/item-1");
    assertThat(e.title()).isEqualTo("Profits at Smith & Sons rise");
  }

  @Test
  void doctypeNamingAnExternalDtdAndAnInternalSubsetParsesWithoutFetchingTheDtd() throws Exception {
    String xml = feed("<!DOCTYPE rss SYSTEM \"" + serverUrl("/rss.dtd") + "\" [ <!ENTITY w \"world\"> ]>",
        "Hello &w;", "g-1");

    assertThat(read(xml).get(0).title()).isEqualTo("Hello world");
    assertThat(requests).hasValue(0);
  }

  @Test
  void externalParameterEntityIsNeverFetchedAndTheRestOfTheSubsetStillParses() throws Exception {
    // the shape of a public entity set (XHTML Latin-1) pulled into the subset: never loaded
    String xml = feed("<!DOCTYPE rss [\n  <!ENTITY % lat1 PUBLIC \"-//Example//ENTITIES Latin 1//EN\" \""
        + serverUrl("/lat1.ent") + "\">\n  %lat1;\n  <!ENTITY w \"world\">\n]>", "Hello &w;", "g-1");

    assertThat(read(xml).get(0).title()).isEqualTo("Hello world");
    assertThat(requests).hasValue(0);
  }

  @Test
  void entityDeclaredOnlyInAnExternalParameterEntityIsNotTakenFromIt() {
    String xml = feed("<!DOCTYPE rss [ <!ENTITY % ext SYSTEM \"" + serverUrl("/ext.dtd") + "\"> %ext; ]>",
        "&leak;", "g-1");

    List<FeedEntry> entries = null;
    try {
      entries = read(xml);
    } catch (FeedParseException refused) {
      assertThat(refused).hasMessageNotContaining("LEAKED");
    }
    if (entries != null) {
      assertThat(entries.toString()).doesNotContain("LEAKED");
    }
    assertThat(requests).hasValue(0);
  }

  @Test
  void externalGeneralEntityOverHttpIsRefusedAndNeverFetched() {
    String xml = feed("<!DOCTYPE rss [ <!ENTITY xxe SYSTEM \"" + serverUrl("/secret") + "\"> ]>", "&xxe;", "g-1");

    FeedParseException e = assertThrows(FeedParseException.class, () -> read(xml));

    assertThat(e).hasMessageContaining("external entity 'xxe'").hasMessageContaining("refused")
        .hasMessageNotContaining("LEAKED");
    assertThat(requests).hasValue(0);
  }

  @Test
  void externalGeneralEntityOnAFileIsRefusedEvenWhenNeverReferenced(@TempDir Path dir) throws Exception {
    String secret = "TOP-SECRET-" + System.nanoTime();
    Path secretFile = Files.writeString(dir.resolve("secret.txt"), secret);
    String xml = feed("<!DOCTYPE rss [ <!ENTITY xxe SYSTEM \"" + secretFile.toUri() + "\"> ]>", "Plain", "g-1");

    FeedParseException e = assertThrows(FeedParseException.class, () -> read(xml));

    assertThat(e).hasMessageContaining("refused").hasMessageNotContaining(secret);
  }

  @Test
  void billionLaughsIsRefusedFastWithAClearReason() {
    String xml = feed("<!DOCTYPE rss [\n" + nestedEntities(9, 10) + "]>", "&lol9;", "g-1");

    FeedParseException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(FeedParseException.class, () -> read(xml)));

    assertThat(e).hasMessageContaining("entity expansion beyond the reader's limits")
        .hasMessageContaining(FEED_URL.toString());
  }

  @Test
  void expansionsAboveTheReadersLimitButBelowTheJdkDefaultAreRefused() {
    // 10 + 100 + 1,000 + 10,000 = 11,110 expansions: over our 10,000, under the JDK's 64,000, so
    // this fails if the reader's own limit is not in force on the parser
    String xml = feed("<!DOCTYPE rss [\n" + nestedEntities(4, 10) + "]>", "&lol4;", "g-1");

    FeedParseException e = assertThrows(FeedParseException.class, () -> read(xml));

    assertThat(e).hasMessageContaining("entity expansion beyond the reader's limits");
  }

  @Test
  void manyEntityReferencesWithinTheLimitsParse() throws Exception {
    // 1 + 10 + 100 + 1,000 = 1,111 expansions of a 3-character entity
    String xml = feed("<!DOCTYPE rss [\n" + nestedEntities(3, 10) + "]>", "&lol3;", "g-1");

    assertThat(read(xml).get(0).title()).isEqualTo("lol".repeat(1000));
  }

  /**
   * The quadratic blow-up: no nesting, one ~50 KB entity referenced many times. 100 references
   * (5 MB) are under the JDK's default total of 50 MB, so that case fails if the reader's own total
   * limit is not in force; 5,000 references (250 MB) is the attack as usually written.
   */
  @ParameterizedTest
  @ValueSource(ints = {100, 5_000})
  void quadraticBlowUpIsRefused(int references) {
    String big = "a".repeat(50_000);
    String xml = feed("<!DOCTYPE rss [ <!ENTITY big \"" + big + "\"> ]>", "&big;".repeat(references), "g-1");

    FeedParseException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(FeedParseException.class, () -> read(xml)));

    assertThat(e).hasMessageContaining("entity expansion beyond the reader's limits");
  }

  @Test
  void cdataQuotingADoctypeIsTextNotADoctype() throws Exception {
    String xml = "<rss version=\"2.0\"><channel><title>t</title><link>https://n.example/</link>"
        + "<description>d</description><item><title>Quoted</title><link>https://n.example/q</link>"
        + "<description><![CDATA[ <!DOCTYPE ]]></description></item></channel></rss>";

    FeedEntry e = read(xml).get(0);

    assertThat(e.title()).isEqualTo("Quoted");
    assertThat(e.summary()).isEqualTo("<!DOCTYPE");
  }

  @Test
  void externalOnlyDoctypeAfterCommentsIsDropped() {
    String xml = "<?xml version=\"1.0\"?>\n<!-- a > b -->\n<!DOCTYPE rss PUBLIC \"-//Example//DTD RSS 0.91//EN\" \"x.dtd\">\n<rss/>";

    assertThat(FeedText.stripExternalDoctype(xml))
        .isEqualTo("<?xml version=\"1.0\"?>\n<!-- a > b -->\n\n<rss/>");
    assertThat(FeedText.stripExternalDoctype("<rss><![CDATA[<!DOCTYPE x>]]></rss>"))
        .isEqualTo("<rss><![CDATA[<!DOCTYPE x>]]></rss>");
    assertThat(FeedText.stripExternalDoctype("<!DOCTYPE rss [<!ENTITY a \"b\">]><rss/>"))
        .isEqualTo("<!DOCTYPE rss [<!ENTITY a \"b\">]><rss/>");
  }

  /** lol0 = "lol", lolN = lol(N-1) written {@code fanOut} times. */
  private static String nestedEntities(int levels, int fanOut) {
    StringBuilder dtd = new StringBuilder("<!ENTITY lol0 \"lol\">\n");
    for (int i = 1; i <= levels; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(fanOut))
          .append("\">\n");
    }
    return dtd.toString();
  }
}
