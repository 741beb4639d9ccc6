package io.wirewatch.ingest;

import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.SeenItem;
import io.wirewatch.model.SourceStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one poll produces, handed to the sink at once so that it lands in one Kafka
 * transaction: the articles, the seen-set entries that say they were emitted, the dead letters and
 * the status record. Either all of them are committed or none (and the poll is repeated).
 */
public final class PollBatch {

  record Letter(String key, DeadLetter letter) {}

  final List<RawArticle> articles = new ArrayList<>();
  final List<SeenItem> seen = new ArrayList<>();
  final List<Letter> deadLetters = new ArrayList<>();
  SourceStatus status;
  /** Run when the transaction holding this batch is aborted: undoes in-memory bookkeeping. */
  Runnable onAbort = () -> {};

  public List<RawArticle> articles() {
    return articles;
  }

  public List<SeenItem> seen() {
    return seen;
  }

  public SourceStatus status() {
    return status;
  }

  /** Replaces the status record, once the scheduler knows when the next poll is due. */
  public void setStatus(SourceStatus status) {
    this.status = status;
  }

  public Runnable onAbort() {
    return onAbort;
  }

  void deadLetter(String key, DeadLetter letter) {
    deadLetters.add(new Letter(key, letter));
  }

  public List<DeadLetter> deadLetters() {
    return deadLetters.stream().map(Letter::letter).toList();
  }
}
