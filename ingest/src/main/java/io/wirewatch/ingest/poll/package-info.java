/**
 * One poll of one source, start to finish.
 *
 * <p>{@link io.wirewatch.ingest.poll.FeedPoller} picks the strategy of the source's type:
 * {@code FeedPolling} (feeds, and {@code auto} sources whose feed is discovered on their page),
 * {@code PagePolling} (a single article page, emitted once) and {@code IndexPolling} (an index page
 * whose article links are followed); {@code ArticlePages} is what they share: fetch an article
 * page, emit it, mark it seen. The result is one {@link io.wirewatch.ingest.poll.Poll}: counts,
 * the server's hints, the records to write and the status record, built once after the scheduler
 * has set the next poll. {@link io.wirewatch.ingest.poll.SourceState} is what a source keeps
 * between polls (validators, failures in a row, the discovered feed).
 *
 * <p>This package decides: whether an entry is new, edited or already emitted (by
 * {@code dedup.ItemIdentity} and the seen-set), whether its page is fetched or the feed's content
 * used, what each failure is reported as (a dead letter with its {@code model.Stage} and reason;
 * the source's own failure in its status), and the article's URL: {@code RawArticle.url} is the
 * page's canonical URL as {@link io.wirewatch.ingest.fetch.HtmlPage} decides it, the only place it
 * is decided; downstream stages take it as given.
 *
 * <p>It must not: write to Kafka (it hands the poll to an {@link io.wirewatch.ingest.IngestSink}),
 * decide when to poll (the {@code schedule} package does), or let one entry's failure stop the
 * others.
 */
package io.wirewatch.ingest.poll;
