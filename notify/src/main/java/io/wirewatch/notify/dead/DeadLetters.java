package io.wirewatch.notify.dead;

import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.Stage;
import io.wirewatch.model.Topic;
import io.wirewatch.notify.channel.Channel;
import io.wirewatch.notify.deliver.Answer;
import io.wirewatch.notify.deliver.ChannelWorker;
import io.wirewatch.notify.deliver.Delivery;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes notify's dead letters, each acknowledged before the call returns: an event given up
 * counts as done (its offset may be committed) only once its dead letter is stored.
 */
public final class DeadLetters implements ChannelWorker.GiveUp, AutoCloseable {

  private static final long SEND_TIMEOUT_SECONDS = 30;

  private final Producer<String, DeadLetter> producer;
  private final Topic<String, DeadLetter> topic;
  private final Clock clock;

  public DeadLetters(Producer<String, DeadLetter> producer, Topic<String, DeadLetter> topic, Clock clock) {
    this.producer = producer;
    this.topic = topic;
    this.clock = clock;
  }

  /** A {@code notify.deliver} letter: the channel, the last status and the event (see {@link FailedDelivery}). */
  @Override
  public void deadLetter(Channel channel, Delivery d, Answer last, int attempts) throws Exception {
    String reason = channel.id() + ": gave up " + d.event().type().wireName() + " after " + attempts
        + " attempt(s): " + (last.problem() == null ? "HTTP " + last.status() : last.problem());
    FailedDelivery payload = FailedDelivery.of(channel.id(), d, last.status(), attempts);
    send(d.event().subject(), new DeadLetter(Stage.NOTIFY_DELIVER, channel.redact(reason), null, d.event().subject(),
        payload.toJson(), clock.instant()));
  }

  /** A {@code notify.decode} letter: a record of {@code sourceTopic} that is not what the topic holds. */
  public void unreadable(String sourceTopic, int partition, long offset, String key, byte[] value, RuntimeException e)
      throws Exception {
    String subject = key != null ? key : sourceTopic + "-" + partition + "@" + offset;
    send(subject, DeadLetter.of(Stage.NOTIFY_DECODE, subject, e,
        value == null ? null : new String(value, java.nio.charset.StandardCharsets.UTF_8), clock.instant()));
  }

  private void send(String key, DeadLetter letter) throws InterruptedException, ExecutionException, TimeoutException {
    producer.send(new ProducerRecord<>(topic.name(), key, letter)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(10));
  }
}
