package io.wirewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.bench.FeedCorpus.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedCorpusTest {

  @TempDir
  Path root;

  private Kind kindOf(String relative, String xml) throws Exception {
    Path f = root.resolve(relative);
    Files.createDirectories(f.getParent());
    Files.writeString(f, xml);
    return FeedCorpus.describe(root, f).kind();
  }

  @Test
  void feedRootsOfEveryFormatAreWellFormedFeeds() throws Exception {
    assertThat(kindOf("a/rss.xml", "<rss version=\"2.0\"><channel/></rss>")).isEqualTo(Kind.WELL_FORMED_FEED);
    assertThat(kindOf("a/atom.xml", "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>")).isEqualTo(Kind.WELL_FORMED_FEED);
    assertThat(kindOf("a/rdf.rdf", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>"))
        .isEqualTo(Kind.WELL_FORMED_FEED);
    assertThat(kindOf("a/cdf.xml", "<CHANNEL HREF=\"http://n.example/\"/>")).isEqualTo(Kind.WELL_FORMED_FEED);
  }

  @Test
  void wellFormedXmlWithAnotherRootIsNoFeedWhateverItsName() throws Exception {
    assertThat(kindOf("x/letters.xml", "<?xml version=\"1.0\"?><memo><to>A</to></memo>")).isEqualTo(Kind.NOT_A_FEED);
  }

  @Test
  void whatAStrictParserRejectsOrTheSuiteCallsBozoIsIllFormed() throws Exception {
    assertThat(kindOf("a/broken.xml", "<rss><channel></rss>")).isEqualTo(Kind.ILL_FORMED);
    assertThat(kindOf("a/bozo.xml", "<!--\nExpect: bozo\n-->\n<rss version=\"2.0\"><channel/></rss>"))
        .isEqualTo(Kind.ILL_FORMED);
    assertThat(kindOf("s/illformed/plain.xml", "<rss version=\"2.0\"><channel/></rss>")).isEqualTo(Kind.ILL_FORMED);
  }

  @Test
  void internalEntitiesAreWellFormed() throws Exception {
    assertThat(kindOf("a/entity.xml", "<!DOCTYPE rss [<!ENTITY e \"x\">]><rss><channel><title>&e;</title></channel></rss>"))
        .isEqualTo(Kind.WELL_FORMED_FEED);
  }
}
