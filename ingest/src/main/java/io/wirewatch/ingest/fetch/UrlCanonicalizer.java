package io.wirewatch.ingest.fetch;

import io.wirewatch.model.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the many spellings of one article's URL into one, so that the article gets one id.
 *
 * <p>Resolves against a base, lowercases scheme and host, drops the default port, the fragment and
 * tracking parameters ({@code utm_*}, {@code fbclid}, ...), keeps every other parameter in its
 * order (some sites route on them), and gives an empty path as {@code /}.
 */
public final class UrlCanonicalizer {

  /** Parameters added by campaign and click tracking: they never select different content. */
  private static final Set<String> TRACKING = Set.of(
      "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid",
      "yclid", "_hsenc", "_hsmi", "mkt_tok", "ref_src", "cmpid", "ocid", "smid", "rss", "__twitter_impression");

  private UrlCanonicalizer() {}

  /** {@code href} resolved against {@code base} (may be null) and canonicalised. */
  public static URI canonicalize(URI base, String href) {
    if (href == null || href.isBlank()) {
      throw new IllegalArgumentException("href must not be blank");
    }
    URI raw;
    try {
      raw = new URI(href.trim().replace(" ", "%20"));
    } catch (URISyntaxException e) {
      throw new InvalidInputException("not a URL: '" + href + "' (" + e.getReason() + ")", e);
    }
    return canonicalize(base == null ? raw : base.resolve(raw));
  }

  public static URI canonicalize(URI url) {
    if (!url.isAbsolute()) {
      throw new InvalidInputException("url must be absolute, got '" + url + "'");
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("file")) {
      // A file has no query or fragment: whatever a feed appended names the same file.
      return URI.create("file:" + url.normalize().getRawPath());
    }
    String host = url.getHost() == null ? null : url.getHost().toLowerCase(Locale.ROOT);
    if (host == null) {
      throw new InvalidInputException("url has no host: '" + url + "'");
    }
    int port = url.getPort();
    if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
      port = -1;
    }
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String query = cleanQuery(url.getRawQuery());
    StringBuilder sb = new StringBuilder(scheme).append("://");
    if (url.getRawUserInfo() != null) {
      sb.append(url.getRawUserInfo()).append('@');
    }
    sb.append(host);
    if (port != -1) {
      sb.append(':').append(port);
    }
    sb.append(path);
    if (query != null) {
      sb.append('?').append(query);
    }
    return URI.create(sb.toString()).normalize();
  }

  private static String cleanQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return null;
    }
    List<String> kept = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
      if (!name.startsWith("utm_") && !TRACKING.contains(name)) {
        kept.add(pair);
      }
    }
    return kept.isEmpty() ? null : String.join("&", kept);
  }
}
