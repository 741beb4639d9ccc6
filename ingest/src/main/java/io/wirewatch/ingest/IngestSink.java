package io.wirewatch.ingest;

import io.wirewatch.ingest.poll.Poll;
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
  default void publish(Poll poll) {
    poll.articles().forEach(this::article);
    poll.seenItems().forEach(this::seen);
    poll.deadLetters().forEach(l -> deadLetter(l.key(), l.letter()));
    status(poll.status());
  }

  /** Blocks until everything handed over so far is acknowledged. */
  void flush();

  @Override
  void close();
}
