package io.wirewatch.process.clean;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The vocabulary shared by the pruning and scoring steps: generic words that templates of every CMS
 * use for their parts. None of them names a site; they are the words a front-end developer reaches
 * for ("share", "related", "newsletter"...).
 */
final class BoilerplatePatterns {

  private BoilerplatePatterns() {}

  /** Tags that never carry article text ({@code form} is not one: ASP.NET pages wrap everything in it). */
  static final Set<String> NEVER_CONTENT = Set.of(
      "script", "style", "noscript", "template", "iframe", "svg", "canvas", "button", "input",
      "select", "textarea", "nav", "aside", "footer", "figure", "figcaption", "picture", "video", "audio",
      "dialog", "object", "embed", "map", "label", "head", "link", "meta", "menu");

  /** Roles that mark page furniture for assistive technology, hence reliably not article text. */
  static final Pattern FURNITURE_ROLE = Pattern.compile(
      "(?i)navigation|complementary|banner|contentinfo|menu|menubar|toolbar|dialog|alertdialog|search|tablist");

  /**
   * Class/id words for containers of boilerplate. Short words must stand alone between separators
   * ("ad" in "ad-slot" but not in "header"); distinctive stems match anywhere ("relatedStories").
   */
  static final Pattern BOILERPLATE_CLASS = Pattern.compile(
      "(?:^|[-_\\s])(?:ad|ads|adv|advert|dfp|nav|tags?|bio|menu|header|footer|comments?|share|shares|print|email|"
          + "popup|modal|banner|byline|caption|credits?|skip|hidden|hide|sr-only|visually-hidden|rail|links|"
          + "meta|toolbar|tools|sponsored|outbrain|signup|more|extra|also|related|social|teaser|kicker|"
          + "breadcrumbs?|pagination|pager|timestamp|dateline|author|newsletter|subscribe|overlay)"
          + "(?:[-_\\s]|$)"
          + "|newsletter|outbrain|taboola|cookie|consent|gdpr|breadcrumb|disqus|sharing|sharebar|share-|social|"
          + "recommend|related|promo|sponsor|advert|subscri|sidebar|masthead|popular|trending|"
          + "widget|most-?read|mostread|most-?viewed|read-?(?:also|more|next)|more-?(?:from|stories|news|on|articles)|"
          + "author-?(?:bio|info|box|card)|authorbio|sign-?up|navbar|toolbar|skip-?link|figcaption|"
          + "gallery|carousel|slideshow|tooltip|jump-?link|table-?of-?contents|newsfeed|login|"
          + "ad-?slot|ad-?container|ad-?wrapper|ad-?unit|adunit|advertisement|inline-?ad",
      Pattern.CASE_INSENSITIVE);

  /** Class/id words for containers that hold a story's text: they guard against over-eager pruning. */
  static final Pattern CONTENT_CLASS = Pattern.compile(
      "article|body|content|entry|main|post|story|text|blog|prose|rich|column|paragraph|permalink",
      Pattern.CASE_INSENSITIVE);

  /**
   * Text blocks that announce a link to another story, a call to action or a label rather than
   * tell this one ("READ: ...", "Also worth reading", "Sign up for our newsletter").
   */
  static final Pattern TEASER = Pattern.compile(
      "^(?:read|read more|read also|also read|read next|more|more on this|see also|related|related stories|"
          + "related articles|related content|related coverage|related topics|also worth reading|also see|"
          + "watch|watch now|listen|listen now|recommended|recommended for you|you may also like|"
          + "you might also like|most read|most popular|trending|click here|sign up|subscribe|"
          + "follow us|follow|share|share this|share this article|share on|advertisement|advertising|sponsored|"
          + "sponsored content|ad|continue reading|keep reading|top stories|latest|latest news|more stories|"
          + "further reading|editor'?s picks|don'?t miss|opinion|topics|tags|explore more|"
          + "next article|previous article|more from|back to top|comments?|leave a comment|"
          + "photo|photos|image|video|skip to (?:main )?content|skip to main|skip navigation|advert|ads|"
          + "text size|font size|print|email|save|listen to (?:this )?(?:article|story)|play video|"
          + "this (?:slideshow|video|content|page) requires javascript|enable javascript)"
          + "(?:\\s*[:>»|—–-]|\\s*$|\\s+(?=(?-i:\\p{Lu})))",
      Pattern.CASE_INSENSITIVE);

  /** Caption and credit lines: "(Photo: Agency)", "Photo by X", "Image credit", "Getty Images". */
  static final Pattern CREDIT = Pattern.compile(
      "\\((?:photo|image|picture|pic|file photo|credit|illustration|video)s?\\b[^)]{0,80}\\)"
          + "|^(?:photo|photograph|image|picture|illustration|credit|caption|source|file photo)s?"
          + "(?:\\s+(?:by|courtesy|credit))?\\s*[:/|.…]"
          + "|^(?:photo|photograph|image|picture|illustration)s?\\s+by\\b"
          + "|^credit\\b"
          + "|\\b(?:getty images|reuters/|afp/|/afp|ap photo|shutterstock|istock|epa-efe)\\b",
      Pattern.CASE_INSENSITIVE);

  /** A standalone "By Jane Doe" or "Updated 3:40 PM" line repeats the metadata above the story. */
  static final Pattern BYLINE_OR_DATELINE = Pattern.compile(
      "^(?:by|von|par|por|door|di)\\s+(?-i:\\p{Lu})[^.!?]{0,80}$"
          + "|^(?:updated|published|posted|last updated|first published|modified)\\b.{0,80}$",
      Pattern.CASE_INSENSITIVE);

  /** Calls to action: "Click here for...", "Sign up for our free newsletter", "Subscribe today". */
  static final Pattern CALL_TO_ACTION = Pattern.compile(
      "\\bclick here\\b|\\bsign up\\b|\\bsubscribe (?:now|today|to)\\b|\\bdelivered (?:to|through) your\\b|"
          + "\\bfollow us on\\b|\\bdownload (?:our|the) app\\b|requires javascript",
      Pattern.CASE_INSENSITIVE);

  /** A date on a line of its own: "October 12, 2017", "12 Oct 2017", "12.10.2017 14:05". */
  static final Pattern DATE_LINE = Pattern.compile(
      "^(?:\\p{L}+,?\\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\\p{L}*\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}"
          + "|\\d{1,2}(?:st|nd|rd|th)?\\.?\\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\\p{L}*\\.?,?\\s+\\d{4}"
          + "|\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4})"
          + "(?:\\s*(?:[,|•·-]|at)?\\s*\\d{1,2}[:.h]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?:\\s*[A-Z]{2,4})?)?\\s*$",
      Pattern.CASE_INSENSITIVE);

  /** Shortcodes a CMS failed to expand ("[button link=...]"): template syntax, not prose. */
  static final Pattern SHORTCODE = Pattern.compile("^\\[/?[a-z_]+(?:\\s[^\\]]*)?\\]");

  /** Copyright and legal footers that sometimes live inside the article container. */
  static final Pattern LEGAL = Pattern.compile(
      "©|\\(c\\)\\s*\\d{4}|copyright\\s+(?:©\\s*)?\\d{4}|all rights reserved|may not be (?:published|reproduced|"
          + "redistributed)", Pattern.CASE_INSENSITIVE);
}
