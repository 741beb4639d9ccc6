package io.wirewatch.process.clean;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * Walks the chosen containers and cuts their text into blocks at block-level elements, keeping for
 * each block how much of it is link text: the block filter needs that to tell prose from teasers.
 */
final class BlockCollector {

  /** Elements that start a new block of text. */
  private static final Set<String> BREAKS = Set.of(
      "address", "article", "blockquote", "dd", "div", "dl", "dt", "h1", "h2", "h3", "h4", "h5", "h6",
      "header", "hr", "li", "main", "ol", "p", "pre", "section", "table", "tr", "td", "th", "ul", "center",
      "details", "summary", "caption", "tbody", "thead");

  /** A run of text between two block boundaries, and the tag of the block that holds it. */
  record Block(String text, int linkChars, String tag) {}

  List<Block> collect(List<Element> roots) {
    List<Block> out = new ArrayList<>();
    for (Element root : roots) {
      collect(root, out);
    }
    return out;
  }

  private static void collect(Element root, List<Block> out) {
    StringBuilder buf = new StringBuilder();
    int[] links = {0};
    int[] linkDepth = {0};
    List<String> tags = new ArrayList<>();
    tags.add(root.normalName());
    Runnable flush = () -> {
      if (!buf.isEmpty()) {
        String t = buf.toString();
        if (!t.isBlank()) {
          out.add(new Block(t, links[0], tags.get(tags.size() - 1)));
        }
        buf.setLength(0);
        links[0] = 0;
      }
    };
    root.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node instanceof TextNode t) {
          String w = t.getWholeText();
          buf.append(w);
          if (linkDepth[0] > 0) {
            links[0] += ContentLocator.visibleLength(w);
          }
          return FilterResult.CONTINUE;
        }
        if (!(node instanceof Element e)) {
          return FilterResult.CONTINUE;
        }
        String tag = e.normalName();
        // Why: the headline is returned on its own; repeated in the text it would count twice.
        if (tag.equals("h1")) {
          return FilterResult.SKIP_ENTIRELY;
        }
        if (tag.equals("a")) {
          linkDepth[0]++;
        } else if (tag.equals("br")) {
          buf.append(' ');
        } else if (BREAKS.contains(tag)) {
          flush.run();
          tags.add(tag);
        } else if (tag.equals("img")) {
          buf.append(' ');
        }
        return FilterResult.CONTINUE;
      }

      @Override
      public FilterResult tail(Node node, int depth) {
        if (node instanceof Element e) {
          String tag = e.normalName();
          if (tag.equals("a")) {
            linkDepth[0]--;
          } else if (BREAKS.contains(tag) && e != root) {
            flush.run();
            tags.remove(tags.size() - 1);
          }
        }
        return FilterResult.CONTINUE;
      }
    });
    flush.run();
  }
}
