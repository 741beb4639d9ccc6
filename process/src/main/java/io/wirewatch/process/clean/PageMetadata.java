package io.wirewatch.process.clean;

import java.time.Instant;

/** What a page says about itself in its head, JSON-LD and {@code <time>} elements, read before pruning. */
record PageMetadata(
    String headline,
    String byline,
    Instant published,
    Instant modified,
    String siteName,
    String language,
    String leadImage,
    String articleBody) {}
