package io.wirewatch.process.classify;

import java.util.Objects;

/**
 * One training or evaluation example.
 *
 * @param label the class, as the model will report it
 * @param title headline (may be empty)
 * @param text  body or summary (may be empty)
 */
public record LabelledText(String label, String title, String text) {

  public LabelledText {
    Objects.requireNonNull(label, "label");
    title = title == null ? "" : title;
    text = text == null ? "" : text;
  }
}
