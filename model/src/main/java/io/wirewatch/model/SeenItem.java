package io.wirewatch.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An item the ingestor has emitted: the value of the compacted topic {@code news.seen}, keyed by
 * {@code sourceId + "\u001f" + itemId} and written to the partition of its source, so that whoever owns
 * the source reads exactly the items it needs when the partition is assigned to it.
 *
 * @param sourceId    the source that listed the item
 * @param itemId      stable identity: the GUID, else the canonical URL, else a hash of title and date
 * @param contentHash hash of what the feed says about the item; a change means the item was edited
 * @param emittedAt   when it was last emitted
 */
public record SeenItem(String sourceId, String itemId, String contentHash, Instant emittedAt) {

  public SeenItem {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(itemId, "itemId");
  }

  public static String key(String sourceId, String itemId) {
    return sourceId + "\u001f" + itemId;
  }
}
