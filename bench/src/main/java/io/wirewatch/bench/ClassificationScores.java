package io.wirewatch.bench;

import java.util.List;

/**
 * Accuracy and macro-averaged F1 from a confusion matrix. Macro-F1 weighs every label alike, so a
 * classifier cannot hide a weak label behind a frequent one.
 */
final class ClassificationScores {

  private final List<String> labels;
  private final long[][] confusion; // [truth][predicted]
  private long total;

  public ClassificationScores(List<String> labels) {
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("labels: empty");
    }
    this.labels = List.copyOf(labels);
    this.confusion = new long[labels.size()][labels.size()];
  }

  public void add(String truth, String predicted) {
    confusion[index(truth, "truth")][index(predicted, "predicted")]++;
    total++;
  }

  public long total() {
    return total;
  }

  public double accuracy() {
    long right = 0;
    for (int k = 0; k < labels.size(); k++) {
      right += confusion[k][k];
    }
    return total == 0 ? 0 : (double) right / total;
  }

  /** F1 of one label; 0 when the label was neither present nor predicted. */
  public double f1(String label) {
    int k = index(label, "label");
    long tp = confusion[k][k];
    long actual = 0;
    long predicted = 0;
    for (int j = 0; j < labels.size(); j++) {
      actual += confusion[k][j];
      predicted += confusion[j][k];
    }
    return actual + predicted == 0 ? 0 : 2.0 * tp / (actual + predicted);
  }

  public double macroF1() {
    double sum = 0;
    for (String l : labels) {
      sum += f1(l);
    }
    return sum / labels.size();
  }

  private int index(String label, String what) {
    int k = labels.indexOf(label);
    if (k < 0) {
      throw new IllegalArgumentException(what + ": unknown label '" + label + "', known: " + labels);
    }
    return k;
  }
}
