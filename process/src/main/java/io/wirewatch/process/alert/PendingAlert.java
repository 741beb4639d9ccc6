package io.wirewatch.process.alert;

import io.wirewatch.model.Alert;
import java.time.Duration;
import java.util.Objects;

/**
 * An alert on its way to flood control, with what the gate needs from the rule that raised it: so
 * that the gate, on another instance after the repartition by rule, never has to look the rule up.
 *
 * @param alert  the alert as raised
 * @param window the rule's flood-control window (its own, else the configured default)
 */
public record PendingAlert(Alert alert, Duration window) {

  public PendingAlert {
    Objects.requireNonNull(alert, "alert");
    Objects.requireNonNull(window, "window");
  }
}
