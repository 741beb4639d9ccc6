/**
 * What an article is about: categories from a weighted-evidence taxonomy
 * ({@link io.wirewatch.process.classify.Taxonomy}), the countries it mentions
 * ({@link io.wirewatch.process.classify.CountryGazetteer}), its language
 * ({@link io.wirewatch.process.classify.LanguageGuesser}, Lingua) and, with a model trained by
 * {@code wirewatch train}, a learned topic ({@link io.wirewatch.process.classify.TopicModel}).
 *
 * <p>Decides the scores and the thresholds; category terms are queries matched by the one engine
 * of {@code process.match}, asked for matched words and counts only. The topic model's features
 * ({@code TextFeatures}, {@code CharNgramFeatures}) and solver stay inside this package: a model
 * file is versioned, and a user of the package trains, reads, writes and predicts.
 *
 * <p>Must not touch alerts or rules: a category is a label on an article, not a notification.
 */
package io.wirewatch.process.classify;
