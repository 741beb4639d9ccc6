/**
 * Turns an article page into its headline, metadata and main text, without navigation, captions,
 * teasers or other boilerplate.
 *
 * <p>Decides what of a page is the article: {@link io.wirewatch.process.clean.ArticleCleaner} runs
 * small steps, each with its reason in the code — {@code MetadataReader} (JSON-LD, OpenGraph,
 * {@code <time>}), {@code HeadlineChooser}, {@code PagePruner} (tags and containers that never hold
 * the story), {@code ContentLocator} (where the prose is), {@code BlockCollector} and
 * {@code BlockFilter} (link lists, captions, credits, calls to action). No rule names a site, a URL
 * or a page-specific id.
 *
 * <p>Does not decide the page's URL or canonical URL (ingest does, once, in
 * {@code ingest.fetch.HtmlPage}; {@code RawArticle.url} is already canonical), nor its language
 * among many (classify does, with the page's {@code lang} only as a fallback). Plain Jsoup, no Kafka.
 */
package io.wirewatch.process.clean;
