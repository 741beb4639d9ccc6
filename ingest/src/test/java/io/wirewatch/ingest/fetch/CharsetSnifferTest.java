package io.wirewatch.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CharsetSnifferTest {

  private static final Charset LATIN = Charset.forName("windows-1252");
  private static final String WORDS = "Pyŏngyang — café déjà vu, «liaison»";
  private static final String LATIN_WORDS = "café déjà vu, «liaison» – naïve";

  @Test
  void byteOrderMarkWinsOverEverything() {
    byte[] body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        ("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><t>" + WORDS + "</t>").getBytes(StandardCharsets.UTF_8));
    assertThat(CharsetSniffer.decode(body, "windows-1252")).startsWith("<?xml").contains(WORDS);
  }

  @Test
  void httpHeaderBeatsTheXmlDeclaration() {
    byte[] body = ("<?xml version=\"1.0\" encoding=\"utf-8\"?><t>" + LATIN_WORDS + "</t>").getBytes(LATIN);
    assertThat(CharsetSniffer.decode(body, "iso-8859-1")).contains(LATIN_WORDS);
  }

  @Test
  void xmlDeclarationIsUsedWhenTheHeaderIsSilent() {
    Charset koi8 = Charset.forName("KOI8-R");
    String russian = "Новости дня";
    byte[] body = ("<?xml version=\"1.0\" encoding=\"KOI8-R\"?><t>" + russian + "</t>").getBytes(koi8);
    assertThat(CharsetSniffer.decode(body, null)).contains(russian);
  }

  @Test
  void metaCharsetFarBeyondTheFirstKilobyteIsFound() {
    String filler = "<!-- " + "x".repeat(3000) + " -->";
    byte[] body = ("<html><head>" + filler + "<meta charset=\"iso-8859-1\"></head><body>" + LATIN_WORDS
        + "</body></html>").getBytes(LATIN);
    assertThat(CharsetSniffer.decode(body, null)).contains(LATIN_WORDS);
  }

  @Test
  void utf8BytesWinOverASingleByteDeclaration() {
    byte[] body = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>" + WORDS + "</t>").getBytes(StandardCharsets.UTF_8);
    assertThat(CharsetSniffer.decode(body, null)).contains(WORDS);
  }

  @Test
  void aFalseUtf8ClaimFallsBackToWindows1252() {
    byte[] body = ("<?xml version=\"1.0\" encoding=\"utf-8\"?><t>" + LATIN_WORDS + "</t>").getBytes(LATIN);
    assertThat(CharsetSniffer.decode(body, "utf-8")).contains(LATIN_WORDS);
  }

  @Test
  void unknownDeclarationFallsBackToTheBytes() {
    byte[] body = ("<?xml version=\"1.0\" encoding=\"invalid\"?><t>" + WORDS + "</t>").getBytes(StandardCharsets.UTF_8);
    assertThat(CharsetSniffer.decode(body, "bogus")).contains(WORDS);
  }

  @Test
  void bomLessUtf16AndUtf32AreRecognisedFromTheirFirstBytes() {
    String doc = "<?xml version=\"1.0\"?><t>" + WORDS + "</t>";
    for (String cs : new String[] {"UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"}) {
      assertThat(CharsetSniffer.decode(doc.getBytes(Charset.forName(cs)), null)).as(cs).isEqualTo(doc);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
