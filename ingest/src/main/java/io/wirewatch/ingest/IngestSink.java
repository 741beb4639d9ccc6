package io.wirewatch.ingest;

import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.SeenItem;
import io.wirewatch.model.SourceStatus;

/** Where the ingestor's output goes: Kafka in production, a list in unit tests. */
public interface IngestSink extends AutoCloseable {

  void article(RawArticle article);

  void deadLetter(String key, DeadLetter letter);

  default void status(SourceStatus status) {}

  default void seen(SeenItem item) {}

  /** One poll's output; the Kafka sink writes it in one transaction. */
  default void publish(PollBatch batch) {
    batch.articles.forEach(this::article);
    batch.seen.forEach(this::seen);
    batch.deadLetters.forEach(l -> deadLetter(l.key(), l.letter()));
    if (batch.status != null) {
      status(batch.status);
    }
  }

  /** Blocks until everything handed over so far is acknowledged. */
  void flush();

  @Override
  void close();
}
