package io.wirewatch.process.clean;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The article's own headline. The visible {@code <h1>} is what readers see, but pages also use h1
 * for the logo or a section name, so an h1 is trusted when it agrees with what the page declares
 * (JSON-LD headline, og:title, {@code <title>}); otherwise the declared headline wins, with the
 * " | Site" suffix taken off.
 */
final class HeadlineChooser {

  /** "Headline | Site", "Headline - Site", "Headline — Site", "Headline · Site", "Headline :: Site". */
  private static final Pattern SITE_SUFFIX = Pattern.compile("\\s+(?:[|\\-–—·•»]|::)\\s+[^|\\-–—·•»]{2,60}$");
  /** "Site | Headline": a few sites put their name first. */
  private static final Pattern SITE_PREFIX = Pattern.compile("^[^|–—·•»]{2,40}\\s+[|–—·•»]\\s+");

  String choose(Document doc, PageMetadata meta) {
    String declared = meta.headline();
    String title = TextNormalizer.normalize(doc.title());
    int seen = 0;
    for (Element h1 : doc.getElementsByTag("h1")) {
      String h = TextNormalizer.normalize(h1.text());
      if (h.length() < 3) {
        continue;
      }
      if (agrees(h, declared) || agrees(h, title)) {
        return h;
      }
      if (++seen >= 5) {
        break;
      }
    }
    if (declared != null) {
      return withoutSite(declared, meta.siteName());
    }
    Element h1 = doc.selectFirst("article h1, main h1, h1");
    if (h1 != null && !TextNormalizer.normalize(h1.text()).isEmpty()) {
      return TextNormalizer.normalize(h1.text());
    }
    return withoutSite(title, meta.siteName());
  }

  /** Same headline, give or take the site name, case or quotes. */
  private static boolean agrees(String h1, String other) {
    if (other == null || other.isEmpty()) {
      return false;
    }
    String a = key(h1);
    String b = key(other);
    return !a.isEmpty() && (a.equals(b) || (a.length() >= 12 && b.contains(a)) || (b.length() >= 12 && a.contains(b)));
  }

  private static String key(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
  }

  static String withoutSite(String title, String siteName) {
    if (title == null) {
      return "";
    }
    String t = title;
    if (siteName != null && !siteName.isBlank() && !t.equalsIgnoreCase(siteName)) {
      String s = Pattern.quote(siteName);
      String stripped = t.replaceFirst("(?i)\\s*(?:[|\\-–—·•»:]|::)\\s*" + s + "\\s*$", "")
          .replaceFirst("(?i)^\\s*" + s + "\\s*(?:[|\\-–—·•»:]|::)\\s*", "");
      if (!stripped.isBlank() && !stripped.equals(t)) {
        return stripped.trim();
      }
    }
    String noSuffix = SITE_SUFFIX.matcher(t).replaceFirst("");
    if (!noSuffix.equals(t) && noSuffix.length() >= 10) {
      return noSuffix;
    }
    String noPrefix = SITE_PREFIX.matcher(t).replaceFirst("");
    if (!noPrefix.equals(t) && noPrefix.length() > t.length() / 2) {
      return noPrefix;
    }
    return t;
  }
}
