package io.wirewatch.process.dedup;

/**
 * Decides whether a raw page is new, an edit of a page already seen, or a repeat, from what was
 * stored for its id. The stored form is {@code "<revision> <contentHash>"}.
 *
 * <p>This is what makes "a second run raises no alert twice" hold: ingest may deliver a page again
 * after a restart, and the store (a changelogged Streams store) remembers it across restarts.
 */
public final class Revisions {

  private Revisions() {}

  /** The revision number to give the page, or 0 when it is an exact repeat and must be dropped. */
  public static int next(String stored, String contentHash) {
    if (stored == null || stored.isBlank()) {
      return 1;
    }
    String[] parts = stored.split(" ", 2);
    int revision;
    try {
      revision = Integer.parseInt(parts[0]);
    } catch (NumberFormatException e) {
      // An unreadable entry (written by a future version?) must not block the article forever.
      return 1;
    }
    return parts.length == 2 && parts[1].equals(contentHash) ? 0 : revision + 1;
  }

  public static String store(int revision, String contentHash) {
    return revision + " " + contentHash;
  }
}
