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
   * Lingua only needs a few sentences; longer text costs time without changing the answer. Its
   * time grows with the text's trigrams: at 2,000 characters it was a quarter of the process stage's
   * CPU ({@code bench pipeline --profile}), at 500 still a sixth. 300 characters are two or three
   * sentences of a news lead, where Lingua's low-accuracy mode is reliable (its authors give 120);
   * on the 181 Zyte pages they give the language 2,000 give on every page but one, an Indonesian
   * text outside the configured languages.
   */
  static final int MAX_CHARS = 300;

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
    this.detector = LanguageDetectorBuilder.fromLanguages(langs.toArray(Language[]::new))
        .withLowAccuracyMode()
        .build();
  }

  /** ISO 639-1 code of {@code text}, or {@link #UNDETERMINED}. */
  public String guess(String text) {
    if (text == null || text.codePoints().filter(Character::isLetter).count() < MIN_CHARS) {
      return UNDETERMINED;
    }
    String sample = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    Language l = detector.detectLanguageOf(sample);
    return l == Language.UNKNOWN ? UNDETERMINED : l.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
  }
}
