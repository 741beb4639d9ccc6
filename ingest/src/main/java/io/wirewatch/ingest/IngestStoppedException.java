package io.wirewatch.ingest;

/**
 * This ingest instance can no longer do its job: its producer was fenced, the broker refused its
 * transaction (another instance owns its sources now), or its sources loop died. The message is
 * one line, meant for the operator; the process should exit so that a supervisor replaces it.
 */
public final class IngestStoppedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IngestStoppedException(String message, Throwable cause) {
    super(message.replace('\n', ' '), cause);
  }
}
