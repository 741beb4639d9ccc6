package io.wirewatch.ingest.fetch;

import java.io.IOException;
import java.net.URI;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A fetched HTML page decoded to text, with the URL that identifies it.
 *
 * @param canonicalUrl the page's own {@code <link rel="canonical">} (else {@code og:url}) when it
 *                     points to the same host, else the canonicalised fetch URL
 * @param html         the page text, decoded with the charset {@link CharsetSniffer} settled on
 */
public record HtmlPage(URI canonicalUrl, String html) {

  public static HtmlPage decode(FetchedPage page) throws IOException {
    String html = page.text();
    Document doc = Jsoup.parse(html, page.finalUrl().toString());
    return new HtmlPage(canonical(doc, page.finalUrl()), html);
  }

  private static URI canonical(Document doc, URI fetched) {
    URI own = UrlCanonicalizer.canonicalize(fetched);
    for (String selector : new String[] {"link[rel=canonical]", "meta[property=og:url]"}) {
      Element e = doc.selectFirst(selector);
      String href = e == null ? "" : e.hasAttr("href") ? e.absUrl("href") : e.absUrl("content");
      if (href.isEmpty()) {
        continue;
      }
      try {
        URI declared = UrlCanonicalizer.canonicalize(null, href);
        // A page may only rename itself within its own site; otherwise any page could claim
        // another outlet's article id and overwrite it downstream.
        if (sameSite(declared, own)) {
          return declared;
        }
      } catch (IllegalArgumentException ignoredBadCanonical) {
        // a malformed canonical link is common and harmless: the fetch URL identifies the page
      }
    }
    return own;
  }

  private static boolean sameSite(URI a, URI b) {
    if (a.getHost() == null || b.getHost() == null) {
      return false;
    }
    return stripWww(a.getHost()).equals(stripWww(b.getHost()));
  }

  private static String stripWww(String host) {
    return host.startsWith("www.") ? host.substring(4) : host;
  }
}
