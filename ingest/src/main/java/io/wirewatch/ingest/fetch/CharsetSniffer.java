package io.wirewatch.ingest.fetch;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settles the charset of a feed or a page, in the order browsers and feed readers use: byte-order
 * mark, then the HTTP {@code Content-Type} charset, then the document's own declaration (XML
 * {@code encoding=}, HTML {@code <meta charset>} or {@code http-equiv}, searched well beyond the
 * first 1024 bytes because real pages put long comments or scripts first), then UTF-8.
 *
 * <p>Declarations lie often enough that each is checked against the bytes: a UTF-8 claim over
 * bytes that are not UTF-8 is dropped, and bytes that are valid multi-byte UTF-8 win over a
 * single-byte claim (a Latin-1 text that is also valid non-ASCII UTF-8 practically never occurs).
 * The last resort is windows-1252, a superset of ISO-8859-1 that what servers call "Latin-1"
 * actually is. Hand-written because Rome's XmlReader and Jsoup each cover part of this and
 * disagree on lying declarations; one rule for feeds and pages keeps them consistent.
 */
public final class CharsetSniffer {

  /** How far to look for a declaration: past any realistic head, short of scanning whole pages. */
  static final int SCAN_BYTES = 64 * 1024;

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final Pattern XML_DECL =
      Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
  private static final Pattern META_CHARSET =
      Pattern.compile("<meta[^>]+charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:-]+)", Pattern.CASE_INSENSITIVE);

  private CharsetSniffer() {}

  /** The text of {@code body}, without a byte-order mark. */
  public static String decode(byte[] body, String declaredCharset) {
    Charset cs = detect(body, declaredCharset);
    int skip = bomLength(body, cs);
    return new String(body, skip, body.length - skip, cs);
  }

  public static Charset detect(byte[] body, String declaredCharset) {
    Charset bom = fromBom(body);
    if (bom != null) {
      return bom;
    }
    Charset wide = fromFirstBytes(body);
    if (wide != null) {
      return wide;
    }
    Charset header = plausible(forName(declaredCharset), body);
    if (header != null) {
      return header;
    }
    Charset declared = plausible(forName(documentDeclaration(body)), body);
    if (declared != null) {
      return declared;
    }
    return isUtf8(body) ? StandardCharsets.UTF_8 : WINDOWS_1252;
  }

  /** {@code cs} unless the bytes contradict it; null when they do or when it is null. */
  private static Charset plausible(Charset cs, byte[] body) {
    if (cs == null) {
      return null;
    }
    if (cs.equals(StandardCharsets.UTF_8)) {
      return isUtf8(body) ? cs : null;
    }
    if (isSingleByteAsciiCompatible(cs) && hasNonAscii(body) && isUtf8(body)) {
      return StandardCharsets.UTF_8;
    }
    return cs;
  }

  static String documentDeclaration(byte[] body) {
    // Declarations are ASCII; ISO-8859-1 maps each byte to one char so offsets stay exact.
    String head = new String(body, 0, Math.min(body.length, SCAN_BYTES), StandardCharsets.ISO_8859_1);
    Matcher xml = XML_DECL.matcher(head);
    if (xml.find()) {
      return xml.group(1);
    }
    Matcher meta = META_CHARSET.matcher(head);
    return meta.find() ? meta.group(1) : null;
  }

  private static Charset fromBom(byte[] b) {
    if (b.length >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xff) == 0xFE && (b[3] & 0xff) == 0xFF) {
      return Charset.forName("UTF-32BE");
    }
    if (b.length >= 4 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE && b[2] == 0 && b[3] == 0) {
      return Charset.forName("UTF-32LE");
    }
    if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
      return StandardCharsets.UTF_8;
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
      return StandardCharsets.UTF_16BE;
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
      return StandardCharsets.UTF_16LE;
    }
    return null;
  }

  /**
   * XML 1.0 appendix F: a document without a byte-order mark in a 16- or 32-bit encoding, or in
   * EBCDIC, still shows its encoding in how {@code <?} is spelled in its first bytes.
   */
  private static Charset fromFirstBytes(byte[] b) {
    if (b.length < 4) {
      return null;
    }
    int b0 = b[0] & 0xff;
    int b1 = b[1] & 0xff;
    int b2 = b[2] & 0xff;
    int b3 = b[3] & 0xff;
    try {
      if (b0 == 0 && b1 == 0 && b2 == 0 && b3 == 0x3C) {
        return Charset.forName("UTF-32BE");
      }
      if (b0 == 0x3C && b1 == 0 && b2 == 0 && b3 == 0) {
        return Charset.forName("UTF-32LE");
      }
      if (b0 == 0 && b1 == 0x3C && b2 == 0 && b3 == 0x3F) {
        return StandardCharsets.UTF_16BE;
      }
      if (b0 == 0x3C && b1 == 0 && b2 == 0x3F && b3 == 0) {
        return StandardCharsets.UTF_16LE;
      }
      if (b0 == 0x4C && b1 == 0x6F && b2 == 0xA7 && b3 == 0x94) {
        return Charset.forName("IBM037");
      }
    } catch (UnsupportedCharsetException absent) {
      return null;
    }
    return null;
  }

  private static int bomLength(byte[] b, Charset cs) {
    if (cs.equals(StandardCharsets.UTF_8) && fromBom(b) == StandardCharsets.UTF_8) {
      return 3;
    }
    if ((cs.equals(StandardCharsets.UTF_16BE) || cs.equals(StandardCharsets.UTF_16LE)) && cs.equals(fromBom(b))) {
      return 2;
    }
    if (cs.name().startsWith("UTF-32") && cs.equals(fromBom(b))) {
      return 4;
    }
    return 0;
  }

  static Charset forName(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    // WHATWG: labels for Latin-1 and ASCII decode as windows-1252, which is what those servers send.
    if (n.equals("iso-8859-1") || n.equals("latin1") || n.equals("us-ascii") || n.equals("ascii")) {
      return WINDOWS_1252;
    }
    try {
      return Charset.forName(n);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }

  static boolean isUtf8(byte[] body) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean hasNonAscii(byte[] body) {
    for (byte x : body) {
      if (x < 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSingleByteAsciiCompatible(Charset cs) {
    return cs.newEncoder().maxBytesPerChar() == 1.0f && cs.newEncoder().canEncode('A')
        && !cs.name().toLowerCase(Locale.ROOT).startsWith("utf");
  }
}
