package io.wirewatch.process.alert;

import io.wirewatch.model.Alert;
import java.time.Duration;
import java.util.Objects;

/**
 * An alert on its way to flood control, with what the gate needs from the rule that raised it: so
 * that the gate, on another instance after the repartition by rule, never has to look the rule up.
 *
 * @param alert      the alert as raised
 * @param window     how long the alert stays open for updates after its latest one (the rule's
 *                   own window, else the configured default)
 * @param perArticle true for a rule that alerts once per article rather than once per story
 */
public record PendingAlert(Alert alert, Duration window, boolean perArticle) {

  public PendingAlert {
    Objects.requireNonNull(alert, "alert");
    Objects.requireNonNull(window, "window");
  }
}
