package io.wirewatch.process.clean;

/**
 * The cleaner's refusal of a page that holds no article to read: no text at all, or bytes that are
 * not text. The only exception {@link ArticleCleaner#clean} throws; the process stage turns it into
 * a {@code process.clean} dead letter whose reason is this message.
 */
public final class UnreadablePageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnreadablePageException(String reason) {
    super(reason, null, false, false);
  }
}
