package io.wirewatch.notify.channel;

/** How a channel wants its messages. */
public enum ChannelType {
  /** A Slack-compatible incoming webhook (also Mattermost, Rocket.Chat): a readable message. */
  SLACK,
  /** A generic webhook: the event's JSON, signed when the channel has a secret. */
  WEBHOOK
}
