package io.wirewatch.process.clean;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;

/**
 * Removes the parts of a page that are never article text, before any scoring, so that a menu or a
 * related-links box can neither win the content vote nor leak a keyword into the text.
 */
final class PagePruner {

  /**
   * A container named like boilerplate is still kept when it holds this share of the page's prose:
   * some templates wrap the whole story in e.g. "story-with-sidebar".
   */
  private static final double GUARD_SHARE = 0.5;

  void prune(Document doc) {
    Element body = doc.body();
    if (body == null) {
      return;
    }
    removeNeverContent(body);
    Map<Element, ContentLocator.Size> sizes = ContentLocator.measure(body);
    removeNamedBoilerplate(body, sizes, prose(sizes.get(body)));
  }

  /** Step: tags that never carry article text, hidden elements, ARIA furniture, HTML comments. */
  private static void removeNeverContent(Element body) {
    List<Node> doomed = new ArrayList<>();
    body.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node instanceof Comment) {
          doomed.add(node);
          return FilterResult.SKIP_ENTIRELY;
        }
        if (!(node instanceof Element e) || e == body) {
          return FilterResult.CONTINUE;
        }
        if (BoilerplatePatterns.NEVER_CONTENT.contains(e.normalName()) || isHidden(e) || isFurniture(e)
            || isSiteHeader(e)) {
          doomed.add(e);
          return FilterResult.SKIP_ENTIRELY;
        }
        return FilterResult.CONTINUE;
      }

      @Override
      public FilterResult tail(Node node, int depth) {
        return FilterResult.CONTINUE;
      }
    });
    doomed.forEach(Node::remove);
  }

  /** Why: display:none, [hidden] and aria-hidden content is not what a reader sees. */
  static boolean isHidden(Element e) {
    if (e.hasAttr("hidden") || "true".equals(e.attr("aria-hidden"))) {
      return true;
    }
    String style = e.attr("style");
    if (style.isEmpty()) {
      return false;
    }
    String s = style.toLowerCase(Locale.ROOT).replace(" ", "");
    return s.contains("display:none") || s.contains("visibility:hidden");
  }

  /** Why: ARIA landmark roles for navigation, banners and sidebars are written for exactly this purpose. */
  private static boolean isFurniture(Element e) {
    String role = e.attr("role");
    return !role.isEmpty() && BoilerplatePatterns.FURNITURE_ROLE.matcher(role).matches();
  }

  /** Why: a {@code <header>} without the h1 is the site's masthead, not the article's header. */
  private static boolean isSiteHeader(Element e) {
    return e.normalName().equals("header") && e.getElementsByTag("h1").isEmpty();
  }

  /** Text that is not link text: what a reader reads rather than clicks. */
  private static int prose(ContentLocator.Size s) {
    return s == null ? 0 : s.chars - s.linkChars;
  }

  /** Step: containers whose class or id names boilerplate, unless they hold most of the prose. */
  private static void removeNamedBoilerplate(Element body, Map<Element, ContentLocator.Size> sizes, int total) {
    List<Element> doomed = new ArrayList<>();
    // Templates repeat the same few class strings hundreds of times: match each string once.
    Map<String, Boolean> named = new HashMap<>();
    body.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (!(node instanceof Element e) || e == body) {
          return FilterResult.CONTINUE;
        }
        String tag = e.normalName();
        if (tag.equals("article") || tag.equals("main") || e.hasAttr("itemprop")
            && e.attr("itemprop").equalsIgnoreCase("articleBody")) {
          return FilterResult.CONTINUE;
        }
        String marks = marks(e);
        if (marks.isEmpty()
            || !named.computeIfAbsent(marks, m -> BoilerplatePatterns.BOILERPLATE_CLASS.matcher(m).find())) {
          return FilterResult.CONTINUE;
        }
        if (holdsStory(e, sizes, total)) {
          return FilterResult.CONTINUE;
        }
        doomed.add(e);
        return FilterResult.SKIP_ENTIRELY;
      }

      @Override
      public FilterResult tail(Node node, int depth) {
        return FilterResult.CONTINUE;
      }
    });
    doomed.forEach(Element::remove);
  }

  static String marks(Element e) {
    String cls = e.attr("class");
    String id = e.id();
    return cls.isEmpty() ? id : id.isEmpty() ? cls : cls + " " + id;
  }

  /** Why: a wrong guess about a name must not cost the whole story; prose outweighs naming. */
  private static boolean holdsStory(Element e, Map<Element, ContentLocator.Size> sizes, int total) {
    if (total == 0) {
      return false;
    }
    int inside = prose(sizes.get(e));
    if (inside >= GUARD_SHARE * total) {
      return true;
    }
    return inside > 0 && !e.getElementsByAttributeValueMatching("itemprop", "(?i)articleBody").isEmpty();
  }
}
