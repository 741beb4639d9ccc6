package io.wirewatch.process.clean;

import java.time.Instant;

/**
 * What the cleaner keeps of a page.
 *
 * @param title        the article's headline (not the page title with the site name appended)
 * @param byline       author(s), or null
 * @param published    publication time in UTC, or null
 * @param language     the language the page declares ({@code <html lang>}, meta, JSON-LD), or null
 * @param text         main text, paragraphs separated by a blank line
 * @param modified     last modification time in UTC, or null
 * @param siteName     the publication's name, or null
 * @param leadImage    the lead image URL (absolute), or null
 */
public record CleanedPage(
    String title,
    String byline,
    Instant published,
    String language,
    String text,
    Instant modified,
    String siteName,
    String leadImage) {

  /** The fields every consumer has always had; the others unknown. */
  public CleanedPage(String title, String byline, Instant published, String language, String text) {
    this(title, byline, published, language, text, null, null, null);
  }
}
