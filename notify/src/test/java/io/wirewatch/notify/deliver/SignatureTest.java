package io.wirewatch.notify.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignatureTest {

  private static final byte[] SECRET = "whsec_test".getBytes(StandardCharsets.UTF_8);
  private static final byte[] BODY = "{\"ruleId\":\"sanctions\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void isTheHexHmacSha256OfTimestampDotBody() {
    // computed apart, with Python's hmac: hmac.new(b'whsec_test', b'1700000000.' + body, sha256)
    assertThat(Signature.sign(SECRET, 1_700_000_000L, BODY))
        .isEqualTo("sha256=14ac71f025e47c5e96571b40231f71079b6d544bf28a1c924d5ecceb900fccc9");
  }

  @Test
  void verifiesOnlyTheSameSecretTimestampAndBody() {
    String sig = Signature.sign(SECRET, 1_700_000_000L, BODY);
    assertThat(Signature.verify(SECRET, 1_700_000_000L, BODY, sig)).isTrue();
    assertThat(Signature.verify(SECRET, 1_700_000_001L, BODY, sig)).as("another timestamp").isFalse();
    assertThat(Signature.verify("other".getBytes(StandardCharsets.UTF_8), 1_700_000_000L, BODY, sig)).isFalse();
    assertThat(Signature.verify(SECRET, 1_700_000_000L, "{}".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
    assertThat(Signature.verify(SECRET, 1_700_000_000L, BODY, null)).isFalse();
  }
}
