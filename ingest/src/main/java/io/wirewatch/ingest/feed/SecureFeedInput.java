package io.wirewatch.ingest.feed;

import com.rometools.rome.io.SAXBuilder;
import com.rometools.rome.io.WireFeedInput;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.jdom2.JDOMException;
import org.jdom2.input.sax.SAXHandler;
import org.jdom2.input.sax.XMLReaderJDOMFactory;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DeclHandler;

/**
 * Rome's feed input on an XML parser that accepts a DOCTYPE with an internal subset, as RSS 0.91
 * and some hand-made feeds have ({@code <!ENTITY id "tag:example.com,">}), and stays safe with it.
 *
 * <p>Rome's own answer to XXE is to refuse every DOCTYPE, which loses well-formed feeds. Here:
 *
 * <ul>
 *   <li>Nothing outside the document is ever read: external general and parameter entities and the
 *       external DTD are switched off in the parser, JAXP's {@code accessExternalDTD} /
 *       {@code accessExternalSchema} allow no protocol, and the entity resolver refuses whatever
 *       still reaches it.</li>
 *   <li>A feed that declares an external general entity is refused outright (a feed has no honest
 *       use for one, and leaving a hole in the text silently would hide the attack). External
 *       parameter entities (public entity sets such as XHTML's Latin-1) are left unread: the
 *       internal subset after them still parses, and an entity they would have declared is
 *       reported as undeclared when the body uses it.</li>
 *   <li>Entity expansion is bounded by the JDK's own limits, set on this parser (not as global
 *       system properties, which would change every other XML parser in the process). The
 *       billion-laughs bomb trips {@link #MAX_ENTITY_EXPANSIONS}; the quadratic blow-up (one large
 *       entity referenced many times) trips {@link #MAX_TOTAL_ENTITY_CHARS}.</li>
 * </ul>
 */
final class SecureFeedInput extends WireFeedInput {

  /**
   * Entity references expanded per document. Legitimate use is an abbreviation per item field;
   * 10,000 covers a feed of {@link FeedReader#MAX_ENTRIES} items using one in two fields, and a
   * billion-laughs bomb reaches it after a few microseconds. (The JDK's default is 64,000.)
   */
  static final int MAX_ENTITY_EXPANSIONS = 10_000;

  /**
   * Characters produced by all entity expansions of a document together. A feed's bodies are
   * bounded by ingest.fetch.max-body-bytes; entities must not multiply them. 1 M characters is far
   * above any abbreviation use and stops a 50 KB entity referenced 20 times.
   * (The JDK's default is 50 M.)
   */
  static final int MAX_TOTAL_ENTITY_CHARS = 1_000_000;

  /** Characters of one general entity's replacement text: an abbreviation, not a document. */
  static final int MAX_GENERAL_ENTITY_CHARS = 64 * 1024;

  /** Characters of one parameter entity's replacement text (declarations inside the subset). */
  static final int MAX_PARAMETER_ENTITY_CHARS = 64 * 1024;

  /** What the messages of refused external entities and resources say. */
  static final String OUTSIDE_RESOURCE_REFUSED = "refused: a feed may not pull in outside files or URLs";

  /** Prefix of the JDK parser's messages for its security limits (JAXP00010001 and following). */
  static final String JDK_LIMIT_MESSAGE_PREFIX = "JAXP0001";

  private static final String EXTERNAL_GENERAL = "http://xml.org/sax/features/external-general-entities";
  private static final String EXTERNAL_PARAMETER = "http://xml.org/sax/features/external-parameter-entities";
  private static final String LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";
  private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
  private static final String DECLARATION_HANDLER = "http://xml.org/sax/properties/declaration-handler";

  SecureFeedInput(boolean heal) {
    setXmlHealerOn(heal);
    setAllowDoctypes(true); // only read by Rome's own builder, which is replaced below
  }

  @Override
  protected SAXBuilder createSAXBuilder() {
    return new Builder();
  }

  /** JDOM's builder with the parser above; see {@link #configureParser} for why it is subclassed. */
  private static final class Builder extends SAXBuilder {

    Builder() {
      super(new ReaderFactory());
      // JDOM turns internal entity references into text only when "expand entities" is on, and it
      // implements that switch as the SAX feature external-general-entities = true. It is switched
      // back off on the parser in configureParser, after JDOM has applied its features.
      setExpandEntities(true);
      setEntityResolver((publicId, systemId) -> {
        throw new SAXException("external resource " + systemId + " " + OUTSIDE_RESOURCE_REFUSED);
      });
    }

    @Override
    protected void configureParser(XMLReader parser, SAXHandler contentHandler) throws JDOMException {
      super.configureParser(parser, contentHandler);
      try {
        parser.setFeature(EXTERNAL_GENERAL, false);
        parser.setFeature(EXTERNAL_PARAMETER, false);
        parser.setProperty(DECLARATION_HANDLER, new ExternalEntityRefusal());
      } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
        // no safe parser, no parsing: never fall back to one without these guards
        throw new JDOMException("the XML parser cannot be made safe for feeds: " + e.getMessage(), e);
      }
    }
  }

  /** The JDK parser with secure processing, no external access and tight entity limits. */
  private static final class ReaderFactory implements XMLReaderJDOMFactory {

    @Override
    public XMLReader createXMLReader() throws JDOMException {
      try {
        // the JDK's own parser (no service lookup per feed, and the one whose jdk.xml limits are set below)
        SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature(DISALLOW_DOCTYPE, false);
        factory.setFeature(LOAD_EXTERNAL_DTD, false);
        factory.setFeature(EXTERNAL_GENERAL, false);
        factory.setFeature(EXTERNAL_PARAMETER, false);
        XMLReader reader = factory.newSAXParser().getXMLReader();
        reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        reader.setProperty("jdk.xml.entityExpansionLimit", String.valueOf(MAX_ENTITY_EXPANSIONS));
        reader.setProperty("jdk.xml.totalEntitySizeLimit", String.valueOf(MAX_TOTAL_ENTITY_CHARS));
        reader.setProperty("jdk.xml.maxGeneralEntitySizeLimit", String.valueOf(MAX_GENERAL_ENTITY_CHARS));
        reader.setProperty("jdk.xml.maxParameterEntitySizeLimit", String.valueOf(MAX_PARAMETER_ENTITY_CHARS));
        return reader;
      } catch (ParserConfigurationException | SAXException e) {
        throw new JDOMException("the XML parser cannot be made safe for feeds: " + e.getMessage(), e);
      }
    }

    @Override
    public boolean isValidating() {
      return false;
    }
  }

  /** Refuses the document at the declaration of an external general entity (the XXE shape). */
  private static final class ExternalEntityRefusal implements DeclHandler {

    @Override
    public void externalEntityDecl(String name, String publicId, String systemId) throws SAXException {
      if (!name.startsWith("%")) {
        throw new SAXException("external entity '" + name + "' (" + systemId + ") " + OUTSIDE_RESOURCE_REFUSED);
      }
    }

    @Override
    public void elementDecl(String name, String model) {}

    @Override
    public void attributeDecl(String eName, String aName, String type, String mode, String value) {}

    @Override
    public void internalEntityDecl(String name, String value) {}
  }
}
