package io.wirewatch.process.classify;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import io.wirewatch.model.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Detects an article's language with Lingua, limited to the configured languages and in its
 * low-accuracy mode: that loads only trigram models, a fraction of the memory of all models,
 * and news articles are long enough for trigrams to decide.
 */
public final class LanguageGuesser {

  /** ISO 639-1 "undetermined", used when the text is too short or mixed to tell. */
  public static final String UNDETERMINED = "und";

  /** Below this many letters a guess is noise. */
  private static final int MIN_CHARS = 20;

  /**
   * Lingua only needs a sentence or two; longer text costs time without changing the answer. Its
   * time grows with the text's trigrams (each a hash lookup per candidate language, mostly cache
   * misses in a busy process): at 2,000 characters it was a quarter of the process stage's CPU
   * ({@code bench pipeline --profile}), at 300 still 15 %. So the first 150 characters decide, and
   * only when they leave the top two languages closer than {@link #MIN_DISTANCE} does a 1,000
   * character sample decide instead. On the 181 Zyte pages this gives the answer of 2,000 characters
   * on every page (300 characters alone missed one), with 6 pages taking the second look, at
   * 0.22 instead of 0.40 ms a page on one thread.
   */
  static final int SHORT_SAMPLE = 150;
  static final int LONG_SAMPLE = 1_000;
  /** Lingua's relative distance between the top two languages below which the short sample abstains. */
  static final double MIN_DISTANCE = 0.05;

  private final LanguageDetector quick;
  private final LanguageDetector detector;

  /** @param isoCodes ISO 639-1 codes, e.g. {@code en, fr, de}; unknown codes fail with their name */
  public LanguageGuesser(List<String> isoCodes) {
    List<Language> langs = new ArrayList<>();
    for (String code : isoCodes) {
      try {
        langs.add(Language.getByIsoCode639_1(IsoCode639_1.valueOf(code.trim().toUpperCase(Locale.ROOT))));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("unknown language code '" + code + "' (expected ISO 639-1, e.g. en)", e);
      }
    }
    if (langs.size() < 2) {
      throw new InvalidInputException("languages needs at least two codes, got " + isoCodes);
    }
    // Lingua keeps its language models in one place per JVM: the two detectors share them.
    this.quick = LanguageDetectorBuilder.fromLanguages(langs.toArray(Language[]::new))
        .withLowAccuracyMode()
        .withMinimumRelativeDistance(MIN_DISTANCE)
        .build();
    this.detector = LanguageDetectorBuilder.fromLanguages(langs.toArray(Language[]::new))
        .withLowAccuracyMode()
        .build();
  }

  /** ISO 639-1 code of {@code text}, or {@link #UNDETERMINED}. */
  public String guess(String text) {
    if (text == null || text.codePoints().filter(Character::isLetter).limit(MIN_CHARS).count() < MIN_CHARS) {
      return UNDETERMINED;
    }
    Language l = quick.detectLanguageOf(sample(text, SHORT_SAMPLE));
    if (l == Language.UNKNOWN) { // for a short text, the same text without the abstention
      l = detector.detectLanguageOf(sample(text, LONG_SAMPLE));
    }
    return l == Language.UNKNOWN ? UNDETERMINED : l.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
  }

  private static String sample(String text, int chars) {
    return text.length() > chars ? text.substring(0, chars) : text;
  }
}
