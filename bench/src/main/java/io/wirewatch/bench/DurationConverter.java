package io.wirewatch.bench;

import io.wirewatch.model.config.Settings;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Reads every duration option of the command line ({@code --duration 10m}, {@code --idle 10s}) in
 * the one format of the settings files, so that a bad value is refused by picocli naming the
 * option. Here, in the lowest module with a command line, so that the launcher and the benchmarks
 * register the same converter.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    try {
      return Settings.parseDuration(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
