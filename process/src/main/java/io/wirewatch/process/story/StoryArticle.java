package io.wirewatch.process.story;

import java.time.Instant;

/** An article as a story lists it among its latest ones. */
public record StoryArticle(String id, String url, String title, String source, Instant published) {}
