package io.wirewatch.console.preview;

import java.time.Instant;
import java.util.List;

/**
 * One retained article the previewed rule matches.
 *
 * @param articleId     the article's id
 * @param url           its URL
 * @param title         its headline
 * @param sourceId      its source
 * @param published     its publication time, else when it was fetched
 * @param terms         the words that matched, in order of first appearance
 * @param snippet       text around the first match, the match marked «like this»
 * @param hits          how many times the query matched in headline and text (each term or phrase
 *                      of it at most 1,000 times)
 * @param storyId       its story, or null when it has none
 * @param storyHeadline that story's headline, or null
 */
public record PreviewMatch(String articleId, String url, String title, String sourceId, Instant published,
    List<String> terms, String snippet, int hits, String storyId, String storyHeadline) {}
