/**
 * The one matching engine: many stored queries against one article at a time, on Lucene's
 * Monitor. Used by the alert rules ({@code process.alert.RuleBook}) and by the taxonomy's category
 * terms ({@code process.classify.Taxonomy}), so an analyst learns one query language.
 *
 * <p>{@link io.wirewatch.process.match.QueryMatcher} is a small facade over named parts:
 * {@link io.wirewatch.process.match.NewsQueryParser} (what a query means, and why one is refused),
 * {@link io.wirewatch.process.match.NewsAnalyzer} (the one analysis of queries and articles),
 * {@code QueryIndex} (the Monitor, batched changes, compaction), {@code ArticleDocument} (the
 * fields an article is matched on), {@code PostingsMatcher} (the check of each candidate) and
 * {@code MatchDescriber} (matched words, counts, snippets). A query that fails while matching is
 * reported per query in {@link io.wirewatch.process.match.MatchResult#failures()}, never dropped.
 *
 * <p>Decides what matches and where. Does not know what a query stands for (a rule, a category
 * term: the caller's payload), nor filters, severities or flood control.
 */
package io.wirewatch.process.match;
