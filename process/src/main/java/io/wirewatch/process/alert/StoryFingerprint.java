package io.wirewatch.process.alert;

import io.wirewatch.model.ArticleId;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A hash of an article's words, blind to case, punctuation, spacing and markup, so that one
 * story syndicated by several outlets (same headline and text, different pages) has one
 * fingerprint. Exact copies only: an edited copy is a different story for flood control.
 */
public final class StoryFingerprint {

  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private StoryFingerprint() {}

  public static String of(String title, String text) {
    String joined = (title == null ? "" : title) + " " + (text == null ? "" : text);
    String words = NOT_WORD.matcher(Normalizer.normalize(joined, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT))
        .replaceAll(" ").trim();
    return ArticleId.of(words.isEmpty() ? "(empty)" : words);
  }
}
