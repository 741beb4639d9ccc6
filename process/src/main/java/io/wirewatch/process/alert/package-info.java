/**
 * Alert rules and the alerts they raise: the rules live in {@code news.rules}
 * ({@link io.wirewatch.process.alert.RulesTopic}, {@link io.wirewatch.process.alert.RulesFile}) and in
 * each instance's {@link io.wirewatch.process.alert.RuleBook}; an article's matches become alerts
 * when the rule's filters accept it ({@link io.wirewatch.process.alert.AlertRaiser}); flood control
 * decides whether an alert is new or an update of an earlier one
 * ({@link io.wirewatch.process.alert.FloodGate}); rules that throw while matching are reported at a
 * bounded rate ({@link io.wirewatch.process.alert.RuleFailureReporter}).
 *
 * <p>Decides which rule fires on which article and how often an analyst hears of it. Matching itself
 * is {@code process.match}'s; state stores and repartitioning are the topology's.
 */
package io.wirewatch.process.alert;
