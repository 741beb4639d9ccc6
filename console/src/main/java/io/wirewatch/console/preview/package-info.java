/**
 * The rule preview: what a query would have matched over the retained articles, on the process
 * stage's own engine and analysis ({@code alert.RuleBook}) and the rule's own filters, bounded in
 * articles scanned, time and matches kept, with its progress readable while it runs.
 *
 * <p>Decides how a scan is bounded and which matches are shown (the newest). Reads articles only
 * through the console's views; writes nothing.
 */
package io.wirewatch.console.preview;
