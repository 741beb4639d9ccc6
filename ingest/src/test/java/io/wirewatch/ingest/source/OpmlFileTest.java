package io.wirewatch.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpmlFileTest {

  @TempDir
  Path dir;

  @Test
  void everyFeedOutlineBecomesASourceWithAUniqueSlugId() throws Exception {
    Path f = dir.resolve("subs.txt");
    Files.writeString(f, """
        <?xml version="1.0"?>
        <opml version="2.0"><head><title>Mine</title></head><body>
          <outline text="World">
            <outline type="rss" text="Séoul Daily" xmlUrl="https://seoul.example/rss"/>
            <outline type="rss" title="Séoul Daily" text="x" xmlUrl="https://seoul.example/other"/>
          </outline>
          <outline text="A folder without feed"/>
        </body></opml>
        """);
    assertThat(OpmlFile.looksLikeOpml(f)).isTrue();
    List<Source> s = OpmlFile.read(f);
    assertThat(s).extracting(Source::id).containsExactly("seoul-daily", "seoul-daily-2");
    assertThat(s.get(1).url()).isEqualTo(URI.create("https://seoul.example/other"));
    assertThat(s).allSatisfy(x -> assertThat(x.type()).isEqualTo(Source.Type.FEED));
  }
}
