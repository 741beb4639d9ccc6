package io.wirewatch.ingest.poll;

import io.wirewatch.ingest.source.Source;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.SeenItem;
import io.wirewatch.model.SourceStatus;
import io.wirewatch.model.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of one source, the only type that describes it: filled in by the poller while it runs
 * (counts, the server's hints, the records to write), then read by the scheduler (when to poll
 * again) and handed whole to the sink, which writes it in one transaction. Its status record is
 * built once, when the sink asks for it, after the scheduler has set {@link #nextPollAt}.
 *
 * <p>Written by the one thread polling the source, read after the poll returns.
 */
public final class Poll {

  private static final Logger LOG = LoggerFactory.getLogger(Poll.class);

  /** A dead letter with the record key it is written under. */
  public record Letter(String key, DeadLetter letter) {}

  private final Source source;
  private final Instant startedAt;
  private final long startNanos = System.nanoTime();
  private final List<RawArticle> articles = new ArrayList<>();
  private final List<SeenItem> seen = new ArrayList<>();
  private final List<Letter> deadLetters = new ArrayList<>();
  private final List<Runnable> undo = new ArrayList<>();

  int httpStatus;
  int entries;
  int emitted;
  int updated;
  int seenCount;
  int failed;
  long bytes;
  private String error;
  Duration maxAge;
  Duration ttl;
  Duration retryAfter;

  private long durationMs = -1;
  private int consecutiveFailures;
  private boolean healthy;
  private String etag;
  private String lastModified;
  private Instant nextPollAt;
  private SourceStatus status;

  Poll(Source source, Instant startedAt) {
    this.source = source;
    this.startedAt = startedAt;
  }

  // --- while polling (the strategies) -------------------------------------------------------

  /** The source itself failed: the poll's error, and a dead letter. */
  void sourceFailed(Stage stage, String subject, Exception e, Instant at) {
    LOG.warn("{} failed for {}: {}", stage, subject, e.getMessage());
    error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    failed++;
    deadLetters.add(new Letter(subject, DeadLetter.of(stage, subject, e, null, at)));
  }

  /** One article page failed: a dead letter; the poll itself still succeeded. */
  void pageFailed(String subject, Exception e, Instant at) {
    LOG.warn("{} failed for {}: {}", Stage.INGEST_PAGE, subject, e.getMessage());
    failed++;
    deadLetters.add(new Letter(subject, DeadLetter.of(Stage.INGEST_PAGE, subject, e, null, at)));
  }

  /** A dead letter that is not the source's failure (an entry, a page refused by robots.txt). */
  void deadLetter(String key, DeadLetter letter) {
    failed++;
    deadLetters.add(new Letter(key, letter));
  }

  void article(RawArticle a) {
    articles.add(a);
    if (a.update()) {
      updated++;
    } else {
      emitted++;
    }
  }

  /** An item marked seen, and how to take that back if the poll's transaction is aborted. */
  void seen(SeenItem item, Runnable forget) {
    seen.add(item);
    undo.add(forget);
  }

  /** Closes the poll with what the source's state says after it. */
  void finish(SourceState state, int unhealthyAfter) {
    durationMs = (System.nanoTime() - startNanos) / 1_000_000;
    consecutiveFailures = state.consecutiveFailures;
    healthy = consecutiveFailures < unhealthyAfter;
    etag = state.validators.etag();
    lastModified = state.validators.lastModified();
  }

  Source source() {
    return source;
  }

  // --- after polling (the scheduler and the sink) -------------------------------------------

  public String sourceId() {
    return source.id();
  }

  /** Whether the source itself failed (a failed article page alone does not fail the poll). */
  public boolean failedPoll() {
    return error != null;
  }

  /** The source's failure, or null. */
  public String error() {
    return error;
  }

  /** Entries the feed listed (1 for a page source). */
  public int entries() {
    return entries;
  }

  /** Articles handed to the sink, new and updated. */
  public int emitted() {
    return emitted + updated;
  }

  /** Entries or fetches that became dead letters. */
  public int failed() {
    return failed;
  }

  /** The server's {@code Cache-Control: max-age}, or null. */
  public Duration maxAge() {
    return maxAge;
  }

  /** The feed's RSS {@code <ttl>}, or null. */
  public Duration ttl() {
    return ttl;
  }

  /** The server's {@code Retry-After} on a failure, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  public List<RawArticle> articles() {
    return Collections.unmodifiableList(articles);
  }

  public List<SeenItem> seenItems() {
    return Collections.unmodifiableList(seen);
  }

  public List<Letter> deadLetters() {
    return Collections.unmodifiableList(deadLetters);
  }

  /** When the source will be polled next; set by the scheduler before the poll is published. */
  public synchronized void nextPollAt(Instant at) {
    if (status != null) {
      throw new IllegalStateException("the status of the poll of " + source.id() + " is already built");
    }
    nextPollAt = at;
  }

  /** The record for {@code news.source-status}, built on first use. */
  public synchronized SourceStatus status() {
    if (durationMs < 0) {
      throw new IllegalStateException("the poll of " + source.id() + " is not finished");
    }
    if (status == null) {
      status = new SourceStatus(source.id(), startedAt, source.url().toString(), httpStatus, emitted, updated,
          seenCount, bytes, durationMs, error, consecutiveFailures, healthy, etag, lastModified, nextPollAt);
    }
    return status;
  }

  /** Undoes the in-memory bookkeeping of this poll, when the transaction holding it is aborted. */
  public void undo() {
    undo.forEach(Runnable::run);
  }
}
