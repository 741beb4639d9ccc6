package io.wirewatch.process.alert;

/**
 * A rule that was not loaded, and why. The other rules load and work regardless.
 *
 * @param ruleId the rule's id, or {@code "#N"} for the N-th entry when it has none
 * @param reason the parser's or validator's message, with the position where it has one
 */
public record RuleError(String ruleId, String reason) {}
