package io.wirewatch.process.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeParserTest {

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "2019-11-19T08:43:00-05:00; 2019-11-19T13:43:00Z",
      "2019-11-19T08:43:00.000+0100; 2019-11-19T07:43:00Z",
      "2019-11-19T13:43:00Z; 2019-11-19T13:43:00Z",
      "2019-11-19T13:43:00; 2019-11-19T13:43:00Z",
      "2019-11-19 13:43:00; 2019-11-19T13:43:00Z",
      "2019-11-19 13:43:00 +0000; 2019-11-19T13:43:00Z",
      "Tue, 19 Nov 2019 13:43:00 GMT; 2019-11-19T13:43:00Z",
      "2019-11-19; 2019-11-19T00:00:00Z"})
  void commonShapesBecomeUtcInstants(String raw, String expected) {
    assertThat(TimeParser.parse(raw)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yesterday", "19 minutes ago", "2019-13-45"})
  void unparsableIsNull(String raw) {
    assertThat(TimeParser.parse(raw)).isNull();
  }
}
