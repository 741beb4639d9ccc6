package io.wirewatch.notify;

import io.wirewatch.notify.channel.Channel;
import io.wirewatch.notify.deliver.Backoff;
import io.wirewatch.notify.deliver.ChannelWorker;
import io.wirewatch.notify.deliver.DeliveryListener;
import io.wirewatch.notify.deliver.Outcome;
import io.wirewatch.notify.deliver.Transport;
import io.wirewatch.notify.event.Event;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The channels' workers, one per channel, and which of them want an event. */
final class Dispatcher implements AutoCloseable {

  private final Map<String, ChannelWorker> workers = new LinkedHashMap<>();
  private final DeliveryListener listener;

  Dispatcher(List<Channel> channels, Transport transport, Backoff backoff, Clock clock, DeliveryListener listener,
      ChannelWorker.GiveUp giveUp, Consumer<String> fatal, int threads, int capacity) {
    this.listener = listener;
    for (Channel c : channels) {
      workers.put(c.id(), new ChannelWorker(c, transport, backoff, clock, listener, giveUp, fatal, threads, capacity));
    }
  }

  void start() {
    workers.values().forEach(ChannelWorker::start);
  }

  /** The workers of the channels that want {@code e}; the others are counted as filtered. */
  List<ChannelWorker> wanting(Event e) {
    List<ChannelWorker> out = new ArrayList<>();
    for (ChannelWorker w : workers.values()) {
      if (w.channel().filter().accepts(e)) {
        out.add(w);
      } else {
        listener.on(Outcome.FILTERED, w.channel().id(), e, 0, 0, 0);
      }
    }
    return out;
  }

  /** Tells the listener that the channels wanting {@code e} will not get it: too old. */
  void stale(Event e) {
    for (ChannelWorker w : workers.values()) {
      if (w.channel().filter().accepts(e)) {
        listener.on(Outcome.STALE, w.channel().id(), e, 0, 0, 0);
      }
    }
  }

  ChannelWorker byId(String id) {
    return workers.get(id);
  }

  /** True when some channel's backlog is at its capacity. */
  boolean anyFull() {
    return workers.values().stream().anyMatch(ChannelWorker::full);
  }

  /** Events handed over and not done, per channel. */
  Map<String, Integer> backlogs() {
    Map<String, Integer> out = new LinkedHashMap<>();
    workers.forEach((id, w) -> out.put(id, w.backlog()));
    return out;
  }

  @Override
  public void close() {
    workers.values().forEach(ChannelWorker::close);
  }
}
