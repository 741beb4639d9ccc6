package io.wirewatch.process.match;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;

/**
 * An article as stored queries see it: {@code title} holds the headline, {@code text} the headline
 * and then the body, as two values a position gap apart (see {@link NewsAnalyzer}).
 *
 * <p>Why the headline is in {@code text} too: a query without a field must match anywhere, and
 * written as {@code title:x OR text:x} every word of every query would be indexed, selected and
 * checked twice. One field that holds both halves the query index and the candidates per article
 * (measured with {@code wirewatch bench match}). Each text is analysed once and replayed into its
 * fields and into the word-pair fields the presearcher reads ({@link PhrasePresearch}).
 */
public final class ArticleDocument {

  final String title;
  final String text;
  final Document document;
  /**
   * Where the in-memory index starts counting the body's offsets in {@code text}: after the
   * headline and the analyzer's offset gap, unless the headline has no word and so was not counted.
   */
  final int bodyStart;

  private ArticleDocument(String title, String text, Document document, int bodyStart) {
    this.title = title;
    this.text = text;
    this.document = document;
    this.bodyStart = bodyStart;
  }

  static ArticleDocument analyse(Analyzer analyzer, PhrasePresearch phrases, String title, String text) {
    String t = title == null ? "" : title;
    String x = text == null ? "" : text;
    AnalyzedText head = new AnalyzedText(analyzer, NewsQueryParser.TEXT, t);
    AnalyzedText body = new AnalyzedText(analyzer, NewsQueryParser.TEXT, x);
    Document doc = new Document();
    addFields(doc, phrases, NewsQueryParser.TITLE, head);
    addFields(doc, phrases, NewsQueryParser.TEXT, head, body);
    int bodyStart = head.isEmpty() ? 0 : head.endOffset() + analyzer.getOffsetGap(NewsQueryParser.TEXT);
    return new ArticleDocument(t, x, doc, bodyStart);
  }

  /** {@code field} with one value per analysed text, and the word-pair twins the presearcher reads. */
  private static void addFields(Document doc, PhrasePresearch phrases, String field, AnalyzedText... values) {
    for (AnalyzedText value : values) {
      doc.add(new TextField(field, value.stream()));
      doc.add(new TextField(PhrasePresearch.pairsField(field), phrases.pairsFilter(value.stream())));
      doc.add(new TextField(PhrasePresearch.nearField(field), phrases.nearFilter(value.stream())));
    }
  }

  /**
   * The same two fields as plain text, without the word-pair fields, for tools that run other
   * Lucene code (a stock Monitor, say) over what the matcher sees; analyse with {@link NewsAnalyzer}.
   */
  public static Document plain(String title, String text) {
    Document doc = new Document();
    doc.add(new TextField(NewsQueryParser.TITLE, title, Field.Store.NO));
    doc.add(new TextField(NewsQueryParser.TEXT, title, Field.Store.NO));
    doc.add(new TextField(NewsQueryParser.TEXT, text, Field.Store.NO));
    return doc;
  }
}
