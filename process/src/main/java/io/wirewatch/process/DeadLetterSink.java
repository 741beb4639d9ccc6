package io.wirewatch.process;

import io.wirewatch.model.DeadLetter;

/**
 * Where failures found outside the record stream go: rules refused at start or read from
 * {@code news.rules} while running. A Kafka producer in production, a list in tests. Failures of
 * raw records do not come here: they are written in the same transaction as everything else.
 */
public interface DeadLetterSink {

  /** Writes {@code letter} under {@code key}; returns when it is written or throws. */
  void send(String key, DeadLetter letter);
}
