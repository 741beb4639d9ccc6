package io.wirewatch.ingest;

import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.RawArticle;

/** Where the ingestor's output goes: Kafka in production, a list in unit tests. */
public interface IngestSink extends AutoCloseable {

  void article(RawArticle article);

  void deadLetter(String key, DeadLetter letter);

  /** Blocks until everything handed over so far is acknowledged. */
  void flush();

  @Override
  void close();
}
