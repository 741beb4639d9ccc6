package io.wirewatch.process.clean;

import java.time.Instant;

/**
 * What the cleaner keeps of a page.
 *
 * @param title     the article's headline
 * @param byline    author(s), or null
 * @param published publication time, or null
 * @param language  the language the page declares ({@code <html lang>}), or null
 * @param text      main text, paragraphs separated by a blank line
 */
public record CleanedPage(String title, String byline, Instant published, String language, String text) {}
