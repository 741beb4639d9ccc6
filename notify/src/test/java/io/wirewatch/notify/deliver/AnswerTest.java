package io.wirewatch.notify.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.model.net.RetryAfter;
import io.wirewatch.notify.deliver.Answer.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AnswerTest {

  @Test
  void statusesMapToWhatAnotherAttemptCanChange() {
    for (int s : new int[] {200, 201, 202, 204}) {
      assertThat(Answer.ofStatus(s, null).verdict()).as("%d", s).isEqualTo(Verdict.DELIVERED);
    }
    for (int s : new int[] {500, 502, 503, 504, 408, 425, 429}) {
      assertThat(Answer.ofStatus(s, null).verdict()).as("%d", s).isEqualTo(Verdict.RETRY);
    }
    for (int s : new int[] {400, 401, 403, 404, 410, 413, 301, 302, 307}) {
      assertThat(Answer.ofStatus(s, null).verdict()).as("%d", s).isEqualTo(Verdict.PERMANENT);
    }
    assertThat(Answer.ofStatus(302, null).problem()).contains("redirects are not followed");
    assertThat(Answer.ofStatus(429, Duration.ofSeconds(3)).problem()).isEqualTo("HTTP 429, Retry-After 3s");
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    Instant now = Instant.parse("2026-03-22T10:00:00Z");
    assertThat(RetryAfter.parse("1", now)).isEqualTo(Duration.ofSeconds(1));
    assertThat(RetryAfter.parse(" 120 ", now)).isEqualTo(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse("Sun, 22 Mar 2026 10:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Sun, 22 Mar 2026 09:00:00 GMT", now)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", now)).isNull();
    assertThat(RetryAfter.parse(null, now)).isNull();
  }
}
