package io.wirewatch.notify.deliver;

import java.time.Duration;

/**
 * What one attempt got: a status (0 when no response came) and what it means for the event.
 *
 * @param status     the HTTP status, or 0 (no answer: timeout, connection refused, address refused)
 * @param verdict    delivered, worth another attempt, or refused for good
 * @param retryAfter the wait the channel asked for (429, 503), or null
 * @param problem    a readable reason when not delivered, free of the channel's credentials; null when delivered
 */
public record Answer(int status, Verdict verdict, Duration retryAfter, String problem) {

  /** What an answer means for the event. */
  public enum Verdict {
    /** 2xx: the channel has it. */
    DELIVERED,
    /** Worth another attempt: 5xx, 408, 425, 429, a timeout, a connection that failed. */
    RETRY,
    /** Another attempt would get the same: another 4xx, a redirect, an address refused by the guard. */
    PERMANENT
  }

  /** The verdict of an HTTP status. */
  public static Answer ofStatus(int status, Duration retryAfter) {
    if (status >= 200 && status < 300) {
      return new Answer(status, Verdict.DELIVERED, null, null);
    }
    boolean retry = status >= 500 || status == 408 || status == 425 || status == 429;
    String problem = "HTTP " + status + (retryAfter != null ? ", Retry-After " + retryAfter.toSeconds() + "s" : "")
        + (status >= 300 && status < 400 ? " (redirects are not followed)" : "");
    return new Answer(status, retry ? Verdict.RETRY : Verdict.PERMANENT, retryAfter, problem);
  }

  /** No response. */
  public static Answer noAnswer(Verdict verdict, String problem) {
    return new Answer(0, verdict, null, problem);
  }

  public boolean delivered() {
    return verdict == Verdict.DELIVERED;
  }
}
