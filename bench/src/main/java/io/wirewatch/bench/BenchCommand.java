package io.wirewatch.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code wirewatch bench ...}: measurements of Wirewatch against a baseline run in the same
 * process and the same run, reported as ratios. Benchmarks read corpora by path; nothing from a
 * corpus is copied into the project.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks: each prints its figures next to a baseline measured in the same run.",
    subcommands = {
      ClassifyBench.class,
      ConsoleBench.class,
      ExtractBench.class,
      FeedsBench.class,
      IngestBench.class,
      MatchBench.class,
      PipelineBench.class,
      NotifyBench.class,
      StoriesBench.class,
      StoriesScaleBench.class,
    })
public final class BenchCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
