package io.wirewatch.bench;

/** A headline and main text used by the matching benchmarks. */
record BenchArticle(String title, String text) {}
