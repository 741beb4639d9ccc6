/**
 * Where alerts go: the channels file ({@link io.wirewatch.notify.channel.ChannelsFile}, YAML with
 * {@code ${ENV}} values), each {@link io.wirewatch.notify.channel.Channel} with its
 * {@link io.wirewatch.notify.channel.ChannelType} and {@link io.wirewatch.notify.channel.ChannelFilter}.
 *
 * <p>Decides: what a valid channels file is (refused whole, in one line naming file, channel and
 * key), which events a channel wants, and how a channel's credentials (URL, secret) are kept out of
 * logs and dead letters.
 *
 * <p>It must not: send anything, retry, or know Kafka.
 */
package io.wirewatch.notify.channel;
