package io.wirewatch.app.bench;

/** A headline and main text used by the matching benchmarks. */
record BenchArticle(String title, String text) {}
