package io.wirewatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArticleIdTest {

  @Test
  void idIsStableHexOfFixedLength() {
    String id = ArticleId.of("https://news.example/a");
    assertThat(id).hasSize(32).matches("[0-9a-f]+").isEqualTo(ArticleId.of("https://news.example/a"));
  }

  @Test
  void differentUrlsGetDifferentIds() {
    assertThat(ArticleId.of("https://news.example/a")).isNotEqualTo(ArticleId.of("https://news.example/b"));
  }

  @Test
  void idIsAPrefixOfTheSha256() {
    // Known SHA-256 of "abc": pins the algorithm so ids never change between versions.
    assertThat(ArticleId.contentHash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(ArticleId.of("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223");
  }

  @Test
  void blankUrlIsRejected() {
    assertThatThrownBy(() -> ArticleId.of(" ")).hasMessageContaining("canonicalUrl");
  }
}
