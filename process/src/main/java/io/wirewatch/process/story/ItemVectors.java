package io.wirewatch.process.story;

/**
 * An article's views weighted by the stream's IDF at the time it arrives, each of unit length,
 * and the terms it looks up in the candidate index.
 *
 * @param text        headline and body
 * @param title       headline
 * @param entities    proper nouns
 * @param queryTerms  heaviest text terms, heaviest first (ties by term)
 * @param queryWeights their weights
 * @param numbers     the article's numbers worth comparing ({@link StoryFeatures#number})
 */
public record ItemVectors(
    TermVector text, TermVector title, TermVector entities, String[] queryTerms, float[] queryWeights, String[] numbers) {}
