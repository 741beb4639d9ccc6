package io.wirewatch.console.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokenTest {

  @TempDir
  Path dir;

  @Test
  void aNewTokenIsRandomAndKeptReadableByItsOwnerOnly() throws Exception {
    Path file = dir.resolve("state/console.token");
    AccessToken t = AccessToken.loadOrCreate(file);
    assertThat(t.value()).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(AccessToken.loadOrCreate(file).value()).as("kept across starts").isEqualTo(t.value());
    assertThat(AccessToken.loadOrCreate(dir.resolve("other.token")).value()).isNotEqualTo(t.value());
    assertThat(t.toString()).doesNotContain(t.value());
  }

  @Test
  void aTokenFileOthersCanReadIsNarrowed() throws Exception {
    Path file = dir.resolve("console.token");
    Files.writeString(file, "handmade-token\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(AccessToken.loadOrCreate(file).value()).isEqualTo("handmade-token");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void anEmptyTokenFileIsAnErrorNotAnEmptyToken() throws Exception {
    Path file = dir.resolve("console.token");
    Files.writeString(file, "\n");
    assertThatThrownBy(() -> AccessToken.loadOrCreate(file)).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void matchesOnlyTheExactToken() {
    AccessToken t = AccessToken.of("abc");
    assertThat(t.matches("abc")).isTrue();
    assertThat(t.matches("abcd")).isFalse();
    assertThat(t.matches("ab")).isFalse();
    assertThat(t.matches(null)).isFalse();
  }
}
