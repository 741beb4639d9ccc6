/**
 * At-least-once bookkeeping: {@link io.wirewatch.notify.offset.OffsetTracker} knows, per
 * partition, the first record some channel is not done with, and so how far offsets may be
 * committed when channels progress at different speeds.
 *
 * <p>Decides: the committable position of each partition, and which deliveries are no longer
 * wanted once their partition moved to another instance.
 *
 * <p>It must not: commit (the consumer's thread does), deliver, or know channels.
 */
package io.wirewatch.notify.offset;
