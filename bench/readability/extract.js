// Baseline worker for `wirewatch bench extract`: runs Mozilla Readability.js on jsdom over the pages
// whose paths arrive on stdin (one per line) and writes one JSON line per page on stdout:
// {"path", "text", "ms", "retried", "error"}. The Java side starts a fresh worker every ~100 pages
// because jsdom leaks memory over long runs. "ms" covers DOM construction plus Readability, the same
// work the Java side times for its own extractor (file reading and gunzip are left out of both).
'use strict';
const fs = require('fs');
const zlib = require('zlib');
const readline = require('readline');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');

// jsdom reports CSS it cannot parse to the console; the baseline's figures must not be drowned in it.
const quiet = new VirtualConsole();

function extract(html, url) {
  const dom = new JSDOM(html, { url, virtualConsole: quiet });
  try {
    const article = new Readability(dom.window.document).parse();
    return article && article.textContent ? article.textContent : '';
  } finally {
    dom.window.close();
  }
}

const STYLE_BLOCKS = /<style\b[^>]*>[\s\S]*?<\/style>/gi;

function run(path, url) {
  const raw = fs.readFileSync(path);
  const html = (path.endsWith('.gz') ? zlib.gunzipSync(raw) : raw).toString('utf8');
  const started = process.hrtime.bigint();
  let text;
  let retried = false;
  let error = null;
  try {
    text = extract(html, url);
  } catch (e) {
    // jsdom 29 throws on some stylesheets (SCSS calc() left in a <style> block); Readability drops
    // <style> anyway, so the page is retried without them rather than scored as empty.
    retried = true;
    try {
      text = extract(html.replace(STYLE_BLOCKS, ''), url);
    } catch (e2) {
      text = '';
      error = String(e2 && e2.message ? e2.message : e2).slice(0, 200);
    }
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { path, text, ms, retried, error };
}

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on('line', (line) => {
  if (!line.trim()) return;
  const tab = line.indexOf('\t');
  const path = tab < 0 ? line : line.slice(0, tab);
  const url = tab < 0 ? 'https://example.invalid/' : line.slice(tab + 1) || 'https://example.invalid/';
  process.stdout.write(JSON.stringify(run(path, url)) + '\n');
});
