package io.wirewatch.notify.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wirewatch.notify.Fixtures;
import io.wirewatch.notify.event.Event;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NotifyMetricsTest {

  @Test
  void outcomesAreCountedPerChannelAndDeliveriesTimed() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    NotifyMetrics metrics = new NotifyMetrics(registry);
    Event e = Event.of(Fixtures.alert("sanctions", "a1", "warning"));
    metrics.on(Outcome.RETRIED, "siem", e, 1, 500, 1_000_000);
    metrics.on(Outcome.DELIVERED, "siem", e, 2, 200, 250_000_000);
    metrics.on(Outcome.FILTERED, "slack", e, 0, 0, 0);
    metrics.backlogs(() -> Map.of("siem", 3, "slack", 0));

    assertThat(registry.get("wirewatch.notify.deliveries").tags("channel", "siem", "outcome", "retried").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("wirewatch.notify.deliveries").tags("channel", "siem", "outcome", "delivered").counter()
        .count()).isEqualTo(1);
    assertThat(registry.get("wirewatch.notify.deliveries").tags("channel", "slack", "outcome", "filtered").counter()
        .count()).isEqualTo(1);
    assertThat(registry.get("wirewatch.notify.delivery").tags("channel", "siem").timer().totalTime(TimeUnit.MILLISECONDS))
        .isEqualTo(250);
    assertThat(registry.get("wirewatch.notify.retry.queue").tags("channel", "siem").gauge().value()).isEqualTo(3);
  }
}
