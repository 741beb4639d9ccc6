package io.wirewatch.ingest.feed;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Reads RSS 0.9x/1.0/2.0 and Atom feeds into {@link FeedEntry}s, in three steps with one job each:
 * {@link FeedText} decodes the bytes and tidies the prolog, {@link RomeParser} parses (Rome on a
 * hardened XML parser, with the healer retry, refusals and the lenient fallback), and
 * {@link EntryMapper} maps Rome's entries, correcting what Rome's model loses.
 */
public final class FeedReader {

  /** Entries returned from one feed at most: a feed with a million items is an attack, not news. */
  public static final int MAX_ENTRIES = 5_000;

  public List<FeedEntry> read(byte[] body, String contentType, URI feedUrl) throws FeedParseException {
    return readFeed(body, contentType, feedUrl).entries();
  }

  /** The entries and the feed-level hints (RSS {@code <ttl>}). */
  public ParsedFeed readFeed(byte[] body, String contentType, URI feedUrl) throws FeedParseException {
    String text = FeedText.of(body, contentType, feedUrl);
    RomeParser.Parsed parsed = RomeParser.parse(text, feedUrl);
    if (parsed.feed() == null) {
      List<FeedEntry> entries = parsed.lenientEntries();
      return new ParsedFeed(null, entries.size() > MAX_ENTRIES ? entries.subList(0, MAX_ENTRIES) : entries, null);
    }
    return new ParsedFeed(EntryMapper.blankToNull(parsed.feed().getTitle()),
        EntryMapper.entries(parsed.feed(), text, feedUrl, MAX_ENTRIES), EntryMapper.ttl(parsed.feed()));
  }

  /** A feed's entries with what it says about itself. {@code ttl} is RSS's minutes-to-cache, or null. */
  public record ParsedFeed(String title, List<FeedEntry> entries, Duration ttl) {}
}
