package io.wirewatch.app.management;

import io.wirewatch.model.config.Settings;

/**
 * Typed, validated settings of the management server. Defaults and their reasons:
 * {@code wirewatch-app.properties}.
 *
 * @param port                 port of a stage run alone ({@code ingest}, {@code process}); 0 = no server
 * @param runPort              port of {@code run}; 0 = no server
 * @param runPortFromDefaults  true when {@code runPort} is the default, not a port the user chose:
 *                             {@code run} then moves to a free port when it is taken
 * @param address              address the server listens on
 */
public record ManagementConfig(int port, int runPort, boolean runPortFromDefaults, String address) {

  public static ManagementConfig from(Settings s) {
    return new ManagementConfig(
        s.intValue("management.port", 0, 65_535),
        s.intValue("management.run-port", 0, 65_535),
        s.origin("management.run-port").startsWith("defaults"),
        s.string("management.address"));
  }
}
