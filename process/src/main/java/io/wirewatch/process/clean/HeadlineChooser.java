package io.wirewatch.process.clean;

import java.util.ArrayList;
import java.util.List;
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
    List<String> h1s = new ArrayList<>();
    for (Element h1 : doc.getElementsByTag("h1")) {
      String h = TextNormalizer.normalize(h1.text());
      if (h.length() >= 3) {
        h1s.add(h);
      }
      if (h1s.size() >= 5) {
        break;
      }
    }
    // Why: the declared headline is the strongest witness; the <title> also carries the site name,
    // which a logo h1 would match, so it is consulted second and without its suffix.
    for (String h : h1s) {
      if (agrees(h, declared)) {
        return h;
      }
    }
    String bareTitle = withoutSite(title, meta.siteName());
    for (String h : h1s) {
      if (agrees(h, bareTitle)) {
        return h;
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
    // Containment counts only when the shorter covers most of the longer: a kicker or a dropped
    // subtitle, not a site name inside a headline.
    return !a.isEmpty() && !b.isEmpty() && (a.equals(b)
        || (b.contains(a) && a.length() >= 0.6 * b.length())
        || (a.contains(b) && b.length() >= 0.6 * a.length()));
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
