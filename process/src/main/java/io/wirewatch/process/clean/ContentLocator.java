package io.wirewatch.process.clean;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Finds the element(s) that hold the story. Paragraph evidence (length, commas) is credited to the
 * ancestors of every paragraph, weighted by distance; candidates are then discounted by their link
 * density and by what their class/id says; the winner may climb to a parent that gathers more of the
 * same evidence, and its siblings are added when they read as more of the story. Sizes are measured
 * in one bottom-up pass, so the cost stays linear in the page.
 */
final class ContentLocator {

  /** Shorter blocks are labels, buttons or bylines, not evidence of prose. */
  private static final int MIN_PARAGRAPH_CHARS = 25;
  /** Credit for a paragraph's ancestors by distance: a story's paragraphs share a close container. */
  private static final double[] ANCESTOR_WEIGHT = {1, 0.5, 1 / 6.0, 1 / 9.0, 1 / 12.0};
  /** Block tags: an element containing none of these is itself a paragraph (div-as-p templates). */
  private static final Set<String> BLOCKS = Set.of(
      "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset", "figure", "footer",
      "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
      "section", "table", "tbody", "thead", "tr", "td", "th", "ul");

  /** Sizes of one element's text, measured once. */
  static final class Size {
    int chars;
    int linkChars;
    int commas;
    boolean hasBlockChild;
    /** Text in this element outside its block children: a paragraph written without a {@code <p>}. */
    int inlineChars;
    int inlineLinkChars;

    double linkDensity() {
      return chars == 0 ? 0 : (double) linkChars / chars;
    }
  }

  /** The chosen containers, in document order, and the measured sizes for later steps. */
  record Located(List<Element> roots, Map<Element, Size> sizes) {}

  Located locate(Document doc, Element marked) {
    Element body = doc.body();
    Map<Element, Size> sizes = measure(body);
    if (marked != null) {
      // Why: schema.org articleBody is the publisher saying where the story is; trust it when it has text.
      Size s = sizes.get(marked);
      if (s != null && s.chars >= 200) {
        return new Located(List.of(marked), sizes);
      }
    }
    Map<Element, Double> scores = score(body, sizes);
    if (scores.isEmpty()) {
      return new Located(body == null ? List.of() : List.of(body), sizes);
    }
    List<Map.Entry<Element, Double>> ranked = new ArrayList<>(scores.entrySet());
    ranked.replaceAll(e -> Map.entry(e.getKey(), e.getValue() * (1 - sizes.get(e.getKey()).linkDensity())));
    ranked.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
    Element top = ranked.get(0).getKey();
    top = climbToSharedAncestor(top, ranked, sizes);
    top = climbWhileParentScoresHigher(top, scores, sizes);
    return new Located(withSiblings(top, scores, sizes), sizes);
  }

  /** One bottom-up pass: characters, link characters and commas of every element. */
  static Map<Element, Size> measure(Element root) {
    Map<Element, Size> sizes = new IdentityHashMap<>();
    if (root == null) {
      return sizes;
    }
    List<Size> stack = new ArrayList<>();
    int[] linkDepth = {0};
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof Element e) {
          Size s = new Size();
          sizes.put(e, s);
          stack.add(s);
          if (e.normalName().equals("a")) {
            linkDepth[0]++;
          }
        } else if (node instanceof TextNode t && !stack.isEmpty()) {
          Size s = stack.get(stack.size() - 1);
          String w = t.getWholeText();
          int n = visibleLength(w);
          s.chars += n;
          if (linkDepth[0] > 0) {
            s.linkChars += n;
          }
          s.commas += commas(w);
          s.inlineChars += n;
          if (linkDepth[0] > 0) {
            s.inlineLinkChars += n;
          }
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element e) {
          Size s = stack.remove(stack.size() - 1);
          if (e.normalName().equals("a")) {
            linkDepth[0]--;
          }
          if (!stack.isEmpty()) {
            Size parent = stack.get(stack.size() - 1);
            parent.chars += s.chars;
            parent.linkChars += s.linkChars;
            parent.commas += s.commas;
            boolean block = BLOCKS.contains(e.normalName());
            parent.hasBlockChild |= block;
            if (!block) {
              parent.inlineChars += s.chars;
              parent.inlineLinkChars += s.linkChars;
            }
          }
        }
      }
    }, root);
    return sizes;
  }

  /** Length with whitespace runs counted as one, as a reader sees the text. */
  static int visibleLength(String s) {
    int n = 0;
    boolean space = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00A0') {
        if (!space) {
          n++;
          space = true;
        }
      } else {
        n++;
        space = false;
      }
    }
    return n;
  }

  private static int commas(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == '，' || c == '、' || c == '،') {
        n++;
      }
    }
    return n;
  }

  /** Step: every paragraph credits its ancestors; the container of many paragraphs wins. */
  private static Map<Element, Double> score(Element body, Map<Element, Size> sizes) {
    Map<Element, Double> scores = new IdentityHashMap<>();
    for (Map.Entry<Element, Size> entry : sizes.entrySet()) {
      Element e = entry.getKey();
      Size s = entry.getValue();
      Element a;
      int chars;
      if (s.chars >= MIN_PARAGRAPH_CHARS && isParagraph(e, s)) {
        // Why: a paragraph that is mostly links is a menu or a list of headlines, not prose.
        if (s.linkDensity() > 0.5) {
          continue;
        }
        a = e.parent();
        chars = s.chars;
      } else if (s.hasBlockChild && s.inlineChars >= 2 * MIN_PARAGRAPH_CHARS
          && s.inlineLinkChars < 0.3 * s.inlineChars) {
        // Why: text typed straight into a container between <br>s is a paragraph of that container.
        a = e;
        chars = s.inlineChars;
      } else {
        continue;
      }
      // Why: commas and length are evidence of sentences; capped so one huge block cannot decide alone.
      double credit = 1 + Math.min(s.commas, chars / 30) + Math.min(chars / 100.0, 3);
      for (int level = 0; level < ANCESTOR_WEIGHT.length && a != null; level++, a = a.parent()) {
        Double prior = scores.get(a);
        double base = prior != null ? prior : initialScore(a);
        scores.put(a, base + credit * ANCESTOR_WEIGHT[level]);
        if (a == body) {
          break;
        }
      }
    }
    return scores;
  }

  private static boolean isParagraph(Element e, Size s) {
    String tag = e.normalName();
    return switch (tag) {
      case "p", "pre", "td" -> true;
      case "div", "section", "article", "span", "font", "center" -> !s.hasBlockChild;
      default -> false;
    };
  }

  /** Why: the tag and the class/id are priors: a div is a likely story container, a list or heading is not. */
  private static double initialScore(Element e) {
    double score = switch (e.normalName()) {
      case "div", "article", "section", "main" -> 5;
      case "pre", "td", "blockquote" -> 3;
      case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
      case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
      default -> 0;
    };
    String marks = PagePruner.marks(e);
    if (!marks.isEmpty()) {
      if (BoilerplatePatterns.BOILERPLATE_CLASS.matcher(marks).find()) {
        score -= 25;
      }
      if (BoilerplatePatterns.CONTENT_CLASS.matcher(marks).find()) {
        score += 25;
      }
    }
    if ("articleBody".equalsIgnoreCase(e.attr("itemprop"))) {
      score += 50;
    }
    return score;
  }

  /**
   * Step: when several of the best candidates sit under one ancestor, the story is split into
   * sections (one div per paragraph group) and that ancestor is the real container.
   */
  private static Element climbToSharedAncestor(Element top, List<Map.Entry<Element, Double>> ranked,
      Map<Element, Size> sizes) {
    double topScore = ranked.get(0).getValue();
    List<Element> close = new ArrayList<>();
    for (int i = 1; i < Math.min(5, ranked.size()); i++) {
      if (ranked.get(i).getValue() >= 0.75 * topScore) {
        close.add(ranked.get(i).getKey());
      }
    }
    if (close.size() < 2) {
      return top;
    }
    // Never above the measured tree: when the body itself ranks first, its parent (html) was never
    // measured, and a page that types its story into <body> between <br>s once crashed here.
    for (Element a = top.parent(); a != null && isInside(a, sizes); a = a.parent()) {
      int contained = 0;
      for (Element c : close) {
        if (c.parents().contains(a)) {
          contained++;
        }
      }
      if (contained >= 2) {
        return a;
      }
    }
    return top;
  }

  /**
   * Whether {@code e} is a container below the body, where the steps may climb: measured (inside
   * the body, whatever element Jsoup made the body) and not the body itself.
   */
  private static boolean isInside(Element e, Map<Element, Size> sizes) {
    return sizes.containsKey(e) && !e.normalName().equals("body") && e.parent() != null && sizes.containsKey(e.parent());
  }

  /** Step: a parent whose own score beats the child's holds more of the story than the child does. */
  private static Element climbWhileParentScoresHigher(Element top, Map<Element, Double> scores, Map<Element, Size> sizes) {
    double last = scores.getOrDefault(top, 0.0) * (1 - sizes.get(top).linkDensity());
    for (Element p = top.parent(); p != null && isInside(p, sizes); p = p.parent()) {
      Double ps = scores.get(p);
      if (ps == null) {
        break;
      }
      double parentScore = ps * (1 - sizes.get(p).linkDensity());
      if (parentScore < last / 3) {
        break;
      }
      if (parentScore > last) {
        return p;
      }
      last = parentScore;
    }
    // Why: a lone child adds nothing; its parent may also carry the story's first lines.
    while (top.parent() != null && isInside(top.parent(), sizes) && top.parent().childrenSize() == 1) {
      top = top.parent();
    }
    return top;
  }

  /** Step: siblings of the winner that score well or read as clean prose are more of the story. */
  private static List<Element> withSiblings(Element top, Map<Element, Double> scores, Map<Element, Size> sizes) {
    Element parent = top.parent();
    if (parent == null) {
      return List.of(top);
    }
    double topScore = scores.getOrDefault(top, 0.0);
    double threshold = Math.max(10, topScore * 0.2);
    String topClass = top.className();
    List<Element> out = new ArrayList<>();
    for (Element sib : parent.children()) {
      if (sib == top) {
        out.add(sib);
        continue;
      }
      Size s = sizes.get(sib);
      if (s == null || s.chars == 0) {
        continue;
      }
      double bonus = !topClass.isEmpty() && topClass.equals(sib.className()) ? topScore * 0.2 : 0;
      Double sc = scores.get(sib);
      if (sc != null && sc * (1 - s.linkDensity()) + bonus >= threshold) {
        out.add(sib);
      } else if (sib.normalName().equals("p")) {
        double ld = s.linkDensity();
        String text = sib.text();
        if ((s.chars > 80 && ld < 0.25) || (s.chars > 0 && ld == 0 && text.matches("(?s).*[.!?…\"”»]\\s*$"))) {
          out.add(sib);
        }
      }
    }
    return out;
  }
}
