package io.wirewatch.notify.deliver;

import io.wirewatch.notify.channel.ChannelType;
import io.wirewatch.notify.event.Event;

/** The body a channel receives for an event. */
public interface MessageFormat {

  byte[] body(Event event);

  static MessageFormat of(ChannelType type) {
    return switch (type) {
      case SLACK -> new SlackFormat();
      case WEBHOOK -> Event::json;
    };
  }
}
