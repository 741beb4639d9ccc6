/**
 * Notify's dead letters: {@link io.wirewatch.notify.dead.DeadLetters} writes {@code notify.deliver}
 * (an event given up, with its channel, last status and the event as
 * {@link io.wirewatch.notify.dead.FailedDelivery}) and {@code notify.decode} (an unreadable record),
 * each acknowledged before the event counts as done.
 *
 * <p>It must not: retry, or put a channel's URL or secret in a letter (only its id).
 */
package io.wirewatch.notify.dead;
