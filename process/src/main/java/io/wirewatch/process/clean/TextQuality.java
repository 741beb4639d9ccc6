package io.wirewatch.process.clean;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a page is text at all, and whether what the cleaner kept of it reads as text: so that a
 * page of binary garbage or an empty page becomes a refusal with its reason, never an article (an
 * article of garbage was once classified as cyber, energy and trade, in Portuguese).
 *
 * <p>The thresholds, and why:
 * <ul>
 *   <li>not text: at least {@value #MAX_NOT_TEXT_PERCENT} % of the page's first
 *       {@value #SAMPLE} characters are control characters (other than line breaks and tabs), the
 *       replacement character U+FFFD, unpaired surrogates or unassigned code points. Random bytes
 *       decoded as UTF-8 come out above 50 % (most bytes are not valid UTF-8), decoded as
 *       windows-1252 at about 13 % (the 28 C0 controls and the undefined bytes); HTML, even with
 *       its accented letters decoded in the wrong charset, stays far below.
 *   <li>no readable text: neither headline nor text holds a word (two letters in a row).
 *   <li>not readable: fewer than {@value #MIN_TEXT_PERCENT} % of the kept text's characters are
 *       letters, digits, marks, spaces or punctuation. Prose in any script is above 95 %
 *       (Chinese and Japanese too: their letters and punctuation count, spaces are not needed);
 *       random bytes read as windows-1252 are about 65 %: the symbols and controls give them away.
 * </ul>
 */
final class TextQuality {

  static final int SAMPLE = 65_536;
  static final int MAX_NOT_TEXT_PERCENT = 10;
  static final int MIN_TEXT_PERCENT = 80;
  /** Below this many characters a share says little: a short text is judged by its words alone. */
  private static final int MIN_JUDGED_CHARS = 200;

  private TextQuality() {}

  /** Why {@code html} is not text at all, or empty when it is text. */
  static Optional<String> notText(String html) {
    if (html == null || html.isBlank()) {
      return Optional.of("no readable text: the page is empty");
    }
    int n = Math.min(html.length(), SAMPLE);
    int bad = 0;
    for (int i = 0; i < n; i++) {
      if (isNotText(html, i)) {
        bad++;
      }
    }
    int percent = (int) Math.round(100.0 * bad / n);
    return percent >= MAX_NOT_TEXT_PERCENT
        ? Optional.of(String.format(Locale.ROOT, "not text: %d %% control characters", percent))
        : Optional.empty();
  }

  private static boolean isNotText(String s, int i) {
    char c = s.charAt(i);
    if (c >= ' ' && c < 0x7F) {
      return false; // printable ASCII, nearly all of any page: decided without a table lookup
    }
    if (c == '\n' || c == '\r' || c == '\t' || c == '\f') {
      return false;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    int type = Character.getType(c);
    return c == '\uFFFD' || type == Character.CONTROL || type == Character.UNASSIGNED;
  }

  /** Why what the cleaner kept does not read as an article, or empty when it does. */
  static Optional<String> unreadable(String title, String text) {
    if (!hasWord(title) && !hasWord(text)) {
      return Optional.of("no readable text: no headline and no text with a word in it");
    }
    if (text.length() < MIN_JUDGED_CHARS) {
      return Optional.empty();
    }
    int textLike = 0;
    int n = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      n++;
      if (isTextLike(cp)) {
        textLike++;
      }
    }
    int percent = (int) Math.round(100.0 * textLike / n);
    return percent < MIN_TEXT_PERCENT
        ? Optional.of(String.format(Locale.ROOT,
            "no readable text: only %d %% of its characters are letters, digits, spaces or punctuation", percent))
        : Optional.empty();
  }

  private static boolean hasWord(String s) {
    if (s == null) {
      return false;
    }
    int run = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      run = Character.isLetter(cp) ? run + 1 : 0;
      // One ideograph is a word in Chinese or Japanese.
      if (run >= 2 || Character.isIdeographic(cp)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTextLike(int cp) {
    if (Character.isLetterOrDigit(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK,
          Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION, Character.CURRENCY_SYMBOL -> true;
      default -> false;
    };
  }
}
