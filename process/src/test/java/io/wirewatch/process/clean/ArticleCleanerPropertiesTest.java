package io.wirewatch.process.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the input, the cleaner returns a page or refuses it with {@link UnreadablePageException}:
 * nothing else may leave it, since in the pipeline anything else costs a stream thread. Inputs are
 * the test pages mutated the ways real pages break — truncated, cut, shuffled, spliced with bytes
 * read in the wrong charset, nested absurdly deep — and generated, shrunk to the smallest failing
 * input by jqwik when one fails.
 */
class ArticleCleanerPropertiesTest {

  private static final List<String> PAGES = List.of(
      "article-body.html", "commentary-boilerplate.html", "commentary-seed.html", "link-list.html",
      "boilerplate/advert.html", "boilerplate/caption.html", "boilerplate/comments.html",
      "boilerplate/cookie-banner.html", "boilerplate/navigation.html", "boilerplate/newsletter.html",
      "boilerplate/read-teaser.html", "boilerplate/related-list.html", "boilerplate/share-bar.html",
      "boilerplate/sidebar.html");

  private final ArticleCleaner cleaner = new ArticleCleaner();

  @Property(tries = 400)
  void aMutatedRealPageIsCleanedOrRefused(@ForAll("mutatedPages") String html) {
    assertCleanedOrRefused(html);
  }

  @Property(tries = 200)
  void anyStringIsCleanedOrRefused(@ForAll("htmlish") String html) {
    assertCleanedOrRefused(html);
  }

  @Property(tries = 50)
  void randomBytesInAnyCharsetAreRefusedAsNotText(@ForAll("randomBytes") byte[] bytes,
      @ForAll("charsets") String charset) {
    String decoded = new String(bytes, Charset.forName(charset));
    try {
      cleaner.clean(decoded, "https://news.example/x");
      throw new AssertionError("random bytes became an article");
    } catch (UnreadablePageException e) {
      assertThat(e.getMessage()).matches("not text: \\d+ % control characters|no readable text: .*");
    }
  }

  private void assertCleanedOrRefused(String html) {
    try {
      CleanedPage page = cleaner.clean(html, "https://news.example/a/b.html");
      assertThat(page).isNotNull();
      assertThat(page.text()).isNotNull();
    } catch (UnreadablePageException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> mutatedPages() {
    Arbitrary<String> page = Arbitraries.of(PAGES).map(ArticleCleanerPropertiesTest::read);
    Arbitrary<Long> seed = Arbitraries.longs();
    Arbitrary<Integer> mutation = Arbitraries.integers().between(0, MUTATIONS - 1);
    return net.jqwik.api.Combinators.combine(page, seed, mutation).as((p, s, m) -> mutate(p, new Random(s), m));
  }

  @Provide
  Arbitrary<String> htmlish() {
    Arbitrary<String> pieces = Arbitraries.oneOf(
        Arbitraries.of("<p>", "</p>", "<div class=\"article\">", "</div>", "<a href=x>", "</a>", "<br>",
            "<h1>", "</h1>", "<article>", "</article>", "<script>", "</script>", "<table><tr><td>", "<li>",
            "<figure><figcaption>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#xD800;", "<", ">",
            "<body>", "<frameset><frame>", "<svg><foreignObject><p>", "<math><mi>", "<template>", "<p itemprop=articleBody>",
            "<html lang=", "\u0000", "\uFFFD", "\uD800", " , ", ". "),
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withCharRange('a', 'z').withChars(' ', ',', '.').ofMinLength(20).ofMaxLength(300));
    return pieces.list().ofMaxSize(60).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<byte[]> randomBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(2_000).ofMaxSize(20_000);
  }

  @Provide
  Arbitrary<String> charsets() {
    return Arbitraries.of("UTF-8", "windows-1252", "ISO-8859-1", "UTF-16LE");
  }

  private static final int MUTATIONS = 9;

  private static String mutate(String page, Random r, int mutation) {
    int n = page.length();
    return switch (mutation) {
      case 0 -> page.substring(0, r.nextInt(n + 1)); // truncated download
      case 1 -> { // a range cut out
        int a = r.nextInt(n + 1);
        int b = a + r.nextInt(n - a + 1);
        yield page.substring(0, a) + page.substring(b);
      }
      case 2 -> { // tags and text shuffled
        List<String> parts = new ArrayList<>(List.of(page.split("(?=<)")));
        Collections.shuffle(parts, r);
        yield String.join("", parts);
      }
      case 3 -> { // bytes read in the wrong charset
        byte[] b = page.getBytes(StandardCharsets.UTF_8);
        yield new String(b, r.nextBoolean() ? StandardCharsets.UTF_16LE : Charset.forName("windows-1252"));
      }
      case 4 -> { // random characters spliced in
        StringBuilder sb = new StringBuilder(page);
        for (int i = 0; i < 20; i++) {
          sb.insert(r.nextInt(sb.length() + 1), (char) r.nextInt(0x3000));
        }
        yield sb.toString();
      }
      case 5 -> { // nested absurdly deep
        int depth = 2_000 + r.nextInt(20_000);
        String tag = r.nextBoolean() ? "div" : "span";
        yield ("<" + tag + ">").repeat(depth) + page + ("</" + tag + ">").repeat(depth);
      }
      case 6 -> page.replace("<p>", "<p>" + "<a href=\"/x\">x</a>".repeat(r.nextInt(50))); // links everywhere
      case 7 -> "<html><frameset><frame src=a>" + page + "</frameset></html>"; // body() is not a <body>
      default -> { // its paragraphs typed into the body between <br>s, beside sections of paragraphs
        List<String> paragraphs = new ArrayList<>(List.of(page.split("<p[^>]*>")));
        StringBuilder body = new StringBuilder("<html><body>");
        for (String p : paragraphs) {
          String text = p.replaceAll("<[^>]*>", " ");
          body.append(r.nextBoolean() ? text + "<br>" : "<div><p>" + text + "</p><p>" + text + "</p></div>");
        }
        yield body.append("</body></html>").toString();
      }
    };
  }

  private static String read(String name) {
    try (InputStream in = ArticleCleanerPropertiesTest.class.getResourceAsStream("/pages/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test page " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
