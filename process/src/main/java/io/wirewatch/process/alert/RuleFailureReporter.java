package io.wirewatch.process.alert;

import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.Stage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns rules that throw while matching into {@code process.rule} dead letters, at most one per
 * rule per interval: a rule that fails on every article would otherwise write as many dead letters
 * as there are articles. The first failure is reported at once; the next report after the interval
 * says how many failures it stands for.
 *
 * <p>Kept in memory per instance, not in a state store: a restart may report a failure once more,
 * which costs a record, not a lost alert. Thread-safe: every stream thread reports here.
 */
public final class RuleFailureReporter {

  private record Window(Instant reportedAt, int unreported) {}

  private final Duration every;
  private final Clock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public RuleFailureReporter(Duration every, Clock clock) {
    if (every.isNegative()) {
      throw new IllegalArgumentException("every must not be negative: " + every);
    }
    this.every = every;
    this.clock = clock;
  }

  /**
   * The dead letters due for {@code failures} of one article.
   *
   * @param subject what was being matched (the article's URL), kept as the payload
   */
  public List<DeadLetter> report(List<RuleError> failures, String subject) {
    if (failures.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    List<DeadLetter> due = new ArrayList<>();
    for (RuleError f : failures) {
      int[] standsFor = {0};
      windows.compute(f.ruleId(), (id, w) -> {
        if (w == null || !now.isBefore(w.reportedAt().plus(every))) {
          standsFor[0] = (w == null ? 0 : w.unreported()) + 1;
          return new Window(now, 0);
        }
        return new Window(w.reportedAt(), w.unreported() + 1);
      });
      if (standsFor[0] > 0) {
        String reason = standsFor[0] == 1 ? f.reason()
            : f.reason() + " (" + standsFor[0] + " failures of this rule since its last report)";
        due.add(new DeadLetter(Stage.PROCESS_RULE, reason, null, f.ruleId(), subject, now));
      }
    }
    return due;
  }
}
