package io.wirewatch.process.story;

import io.wirewatch.model.CountryMention;
import java.util.List;

/**
 * What the analyzer reads from one article, before any statistic of the stream is applied: raw
 * (sublinear) term frequencies, the proper-noun terms, countries and a near-duplicate signature.
 * It depends on the article alone, so it can be computed anywhere (for instance upstream, in the
 * partitioned part of a topology) and handed to {@link StoryAssigner#assign(StoryItem, TextAnalysis, java.time.Instant)}.
 *
 * @param text      1 + ln(tf) of every term of headline and body (stop words removed, stemmed)
 * @param title     the same for the headline alone
 * @param entities  the same for terms written with a capital inside a sentence (empty without usable capitals)
 * @param cased     whether the text has usable capitals (neither all lower nor all upper case, nor all title case)
 * @param countries countries the gazetteer finds (it needs capitals, so lower-cased text has none)
 * @param signature MinHash of the article's three-term shingles
 */
public record TextAnalysis(
    TermVector text, TermVector title, TermVector entities, boolean cased, List<CountryMention> countries, int[] signature) {

  public TextAnalysis {
    countries = List.copyOf(countries);
  }
}
