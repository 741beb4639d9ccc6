/**
 * Stories: groups articles from every outlet about the same real-world event, online, in arrival
 * order. Plain Java, no Kafka: the topology (or {@code wirewatch cluster}) feeds a
 * {@link io.wirewatch.process.story.StoryAssigner} one article at a time, per language, and
 * publishes what it returns.
 *
 * <h2>What it decides</h2>
 * <ul>
 *   <li>Which active story an article joins, or that it starts one ({@link io.wirewatch.process.story.StoryAssignment});
 *       a story's id is its first article's id.</li>
 *   <li>When a story closes: after {@link io.wirewatch.process.story.StoryConfig#window()} without an
 *       article, in event time; {@link io.wirewatch.process.story.StoryAssigner#closeExpired} drops it.</li>
 *   <li>What a story shows: headline of its most central article, first/last seen, counts, sources,
 *       latest articles, countries, top terms ({@link io.wirewatch.process.story.Story}).</li>
 * </ul>
 *
 * <h2>How</h2>
 * <ol>
 *   <li>{@link io.wirewatch.process.story.StoryAnalyzer}: Lucene analysis (stop words, KStem) of headline and
 *       body; proper nouns from capitals inside sentences; countries from the gazetteer; a MinHash of
 *       three-term shingles. Depends on the article alone.</li>
 *   <li>TF-IDF with document frequencies learned from the stream ({@link io.wirewatch.process.story.StoryState}).</li>
 *   <li>Candidates: the article's heaviest terms looked up in an inverted index of each story's top terms
 *       (a bounded number of stories is scored, however many are active).</li>
 *   <li>Score: a logistic model over pairwise article-vs-story features
 *       ({@link io.wirewatch.process.story.StoryFeatures}, {@link io.wirewatch.process.story.StoryModel}),
 *       learned on gold-labelled streams by {@link io.wirewatch.process.story.StoryModelTrainer}; a near-copy
 *       (shingle Jaccard at or above a bound) joins whatever the model says.</li>
 * </ol>
 *
 * <h2>What it must not do</h2>
 * Read the clock, iterate a hash map where order could change a result, keep state outside
 * {@link io.wirewatch.process.story.StoryState} (the candidate index is derived from it and rebuilt on
 * restore), or let any per-story field grow with the number of articles. It knows nothing of Kafka,
 * topics, alerts or bursts: the topology does that with what the assigner returns.
 */
package io.wirewatch.process.story;
