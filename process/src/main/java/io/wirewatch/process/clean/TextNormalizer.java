package io.wirewatch.process.clean;

import java.text.Normalizer;
import java.util.regex.Pattern;

/** NFC, invisible characters removed, whitespace collapsed: text compares equal however it was typed. */
final class TextNormalizer {

  /** Soft hyphen, zero-width space/joiners, word joiner, BOM: invisible, but they split words for search. */
  private static final Pattern INVISIBLE = Pattern.compile("[\\u00AD\\u200B-\\u200D\\u2060\\uFEFF]");
  private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\u3000]+");

  private TextNormalizer() {}

  static String normalize(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    // Most text is already NFC: the quick check avoids a copy per block.
    String n = Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
    n = INVISIBLE.matcher(n).replaceAll("");
    return SPACES.matcher(n).replaceAll(" ").trim();
  }
}
