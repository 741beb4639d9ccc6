package io.wirewatch.process.clean;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Keeps the blocks that tell this story; each rule below removes one kind of leftover boilerplate. */
final class BlockFilter {

  /** Teasers, labels and credits are short; a longer block that starts like one is prose. */
  private static final int SHORT = 120;
  /** Text of its own, beside its links, that makes a block a sentence rather than a link label. */
  private static final int OWN_WORDS_CHARS = 30;

  List<String> keep(List<BlockCollector.Block> blocks, String title) {
    String titleKey = title == null ? "" : title.toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (BlockCollector.Block b : blocks) {
      String t = TextNormalizer.normalize(b.text());
      if (t.isEmpty() || isHeadline(t, titleKey) || isLinkList(b, t) || isTeaser(t) || isCredit(t)
          || isBylineOrDateline(t) || isLegal(t) || isSymbolsOnly(t) || isCallToAction(t) || isDateLine(t)
          || isShortcode(t)) {
        continue;
      }
      // Why: pull quotes and mobile/desktop twins repeat a block verbatim; the story has it once.
      if (t.length() > 20 && !seen.add(t)) {
        continue;
      }
      out.add(t);
    }
    return out;
  }

  /** Why: the headline is returned on its own; repeated in the text it would count twice. */
  private static boolean isHeadline(String t, String titleKey) {
    return !titleKey.isEmpty() && t.toLowerCase(Locale.ROOT).equals(titleKey);
  }

  /**
   * Why: a block that is mostly link text points at other pages (menus, "more stories" lists); a
   * sentence that merely links a long phrase still has words of its own around the link.
   */
  private static boolean isLinkList(BlockCollector.Block b, String t) {
    if (b.linkChars() == 0) {
      return false;
    }
    double density = (double) b.linkChars() / Math.max(1, t.length());
    int own = t.length() - b.linkChars();
    return density > 0.9 || (density > 0.5 && own < OWN_WORDS_CHARS);
  }

  /** Why: "READ: ...", "Also worth reading", "Sign up" announce other content or actions. */
  private static boolean isTeaser(String t) {
    return t.length() < SHORT && BoilerplatePatterns.TEASER.matcher(t).lookingAt();
  }

  /** Why: photo captions and credits describe an image, not the story. */
  private static boolean isCredit(String t) {
    return t.length() < 2 * SHORT && BoilerplatePatterns.CREDIT.matcher(t).find();
  }

  /** Why: "By Jane Doe", "Updated 10:40" repeat the metadata the page states above the story. */
  private static boolean isBylineOrDateline(String t) {
    return t.length() < 100 && BoilerplatePatterns.BYLINE_OR_DATELINE.matcher(t).matches();
  }

  /** Why: copyright lines are the publisher's, not the story's. */
  private static boolean isLegal(String t) {
    return t.length() < 2 * SHORT && BoilerplatePatterns.LEGAL.matcher(t).find();
  }

  /** Why: "Click here", "Sign up", "Subscribe today" address the reader about the site, not the story. */
  private static boolean isCallToAction(String t) {
    return t.length() < 2 * SHORT && BoilerplatePatterns.CALL_TO_ACTION.matcher(t).find();
  }

  /** Why: a bare date is the publication stamp, which the metadata already carries. */
  private static boolean isDateLine(String t) {
    return t.length() < 60 && BoilerplatePatterns.DATE_LINE.matcher(t).matches();
  }

  /** Why: unexpanded CMS shortcodes are template syntax. */
  private static boolean isShortcode(String t) {
    return BoilerplatePatterns.SHORTCODE.matcher(t).lookingAt();
  }

  /** Why: separators and icon glyphs ("•", "|", "…") carry no words. */
  private static boolean isSymbolsOnly(String t) {
    for (int i = 0; i < t.length(); i++) {
      if (Character.isLetterOrDigit(t.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
