package io.wirewatch.notify.deliver;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * When to try a channel again, and when to give an event up. Exponential: the n-th retry waits
 * {@code initial x 2^(n-1)}, capped at {@code maxBackoff}, drawn at random between half that step
 * and the whole step, so that events (and notify instances) failing together do not retry in
 * lockstep; never sooner than the server's {@code Retry-After} (itself capped, so that a server
 * asking for a day cannot hold an event beyond its age limit unnoticed).
 */
public final class Backoff {

  /**
   * @param maxAttempts    attempts before an event is given up (1 = no retry)
   * @param maxAge         an event is given up when its next attempt would start this long after its first
   * @param initialBackoff the first retry's step
   * @param maxBackoff     the largest step
   * @param maxRetryAfter  the largest Retry-After honoured
   */
  public record Policy(int maxAttempts, Duration maxAge, Duration initialBackoff, Duration maxBackoff,
      Duration maxRetryAfter) {
    public Policy {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
      Objects.requireNonNull(maxAge, "maxAge");
      Objects.requireNonNull(initialBackoff, "initialBackoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
      Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    }
  }

  private final Policy policy;
  private final DoubleSupplier random;

  /** @param random values in [0, 1): the jitter; a test passes a fixed one */
  public Backoff(Policy policy, DoubleSupplier random) {
    this.policy = policy;
    this.random = random;
  }

  public Policy policy() {
    return policy;
  }

  /**
   * The wait after {@code failedAttempts} failed attempts (1 after the first), at least
   * {@code retryAfter} (null when the server gave none) up to the policy's cap.
   */
  public Duration delay(int failedAttempts, Duration retryAfter) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failedAttempts must be at least 1");
    }
    long initial = policy.initialBackoff().toMillis();
    long cap = policy.maxBackoff().toMillis();
    int shift = Math.min(failedAttempts - 1, 40);
    long step = initial > (cap >> shift) ? cap : Math.min(cap, initial << shift);
    long jittered = step / 2 + (long) (random.getAsDouble() * (step - step / 2));
    Duration d = Duration.ofMillis(jittered);
    if (retryAfter != null && !retryAfter.isNegative()) {
      Duration asked = retryAfter.compareTo(policy.maxRetryAfter()) > 0 ? policy.maxRetryAfter() : retryAfter;
      if (asked.compareTo(d) > 0) {
        d = asked;
      }
    }
    return d;
  }

  /**
   * True when an event that failed {@code attempts} times, the first {@code sinceFirst} ago, is
   * given up rather than tried again after {@code nextDelay}.
   */
  public boolean givesUp(int attempts, Duration sinceFirst, Duration nextDelay) {
    return attempts >= policy.maxAttempts() || sinceFirst.plus(nextDelay).compareTo(policy.maxAge()) > 0;
  }
}
