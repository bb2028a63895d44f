#!/usr/bin/env node
// Annotations on a document whose paragraphs repeat word for word
// (Tests/Fixtures/repeated/papers/boilerplate.pdf, made by
// Scripts/samples/repeated.py), made with PDF.js 2.14 the way Hypothesis
// makes them. Each highlight sits inside a repeated paragraph, its quote and
// its 32-unit context the same at every copy: only its
// TextPositionSelector says which copy it is. Two more, quote-only, must
// stay orphaned (nothing says which copy they mean).
//
//   node Scripts/pdfjs/make-repeated.js      (from the repository root)
//
// writes Tests/Fixtures/repeated/notes/boilerplate.md, notes/refrains.md (for
// refrains.pdf, whose copies stand a line apart) and
// Tests/Fixtures/repeated/truth.json. Scripts/pdfjs/make-trial.js adds the
// same document and note to every trial vault.
'use strict';
const fs = require('fs');
const path = require('path');
const v = require('./make-vault.js');

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'Tests', 'Fixtures', 'repeated');

/** Every place `phrase` occurs in the document's PDF.js text, whitespace
 *  and hyphens aside (lines break differently in PDF.js's text), as
 *  [start, end) offsets of that text. */
function occurrences(doc, phrase) {
  const target = phrase.replace(/[\s\-\u00ad]+/g, '');
  let folded = '';
  const map = [];
  for (let i = 0; i < doc.text.length; i++) {
    if (/[\s\-\u00ad]/.test(doc.text[i])) continue;
    folded += doc.text[i];
    map.push(i);
  }
  const found = [];
  for (let o = folded.indexOf(target); o >= 0; o = folded.indexOf(target, o + 1)) {
    found.push([map[o], map[o + target.length - 1] + 1]);
  }
  return found;
}

/** A function adding to `items` an annotation of `doc`'s text [start, end)
 *  with its selectors (`options` as v.selectors takes them) and, when it is
 *  expected anchored, its truth. */
function adder(doc, items) {
  return (category, [start, end], options = {}, expect = 'anchored') => {
    items.push({ category, selectors: v.selectors(doc, start, end, options), truth: expect === 'anchored' ? v.truthOf(doc, start, end) : null,
                 expect, comment: '', tags: [] });
  };
}

/** The annotations: which copies of which repeated passages, all with
 *  accurate positions, plus two quote-only ones. */
function repeatedAnnotations(doc) {
  const items = [];
  const add = adder(doc, items);
  const disclaimer = occurrences(doc, 'Figures are provisional until the final audit of the monitoring network has been completed');
  const filler = occurrences(doc, 'Entries cover the routine maintenance of each mooring, the replacement of batteries');
  const control = occurrences(doc, 'Control n/a n/a n/a');
  if (disclaimer.length < 5 || filler.length < 10 || control.length < 2) {
    throw new Error(`repeated passages not found: ${disclaimer.length} disclaimers, ${filler.length} fillers, ${control.length} rows`);
  }
  for (const k of [0, 1, 2, 3, 4]) add('repeated-paragraph', disclaimer[k]);
  for (const k of [0, 3, 4, 6, 9]) add('repeated-page', filler[k]);
  for (const k of [0, control.length - 1]) add('repeated-row', control[k]);
  add('repeated-quote-only', disclaimer[2], { quoteOnly: true }, 'orphaned');
  add('repeated-quote-only', filler[7], { quoteOnly: true }, 'orphaned');
  return items;
}

/** The annotations of refrains.pdf: copies a line apart (a log line nine
 *  times, a table row eight times), each with its PDF.js position, among
 *  sentences printed once that are highlighted too (what tells where the
 *  position model is exact); one copy with its position a few units off
 *  (not exact: it must stay orphaned), one quote-only. */
function refrainAnnotations(doc) {
  const items = [];
  const add = adder(doc, items);
  const line = occurrences(doc, 'Reading taken at the outer mooring, gauge nominal, no fault.');
  const row = occurrences(doc, 'Reference site not sampled not sampled not sampled');
  const once = ['The harbour master keeps the log of the outer mooring', 'The gauge was serviced after the last reading of the season',
                'Sites that were not sampled are listed with the reference site', 'Sampling resumes at every reference site once the new boat']
    .map((phrase) => occurrences(doc, phrase));
  if (line.length !== 9 || row.length !== 8 || once.some((o) => o.length !== 1)) {
    throw new Error(`refrains not found: ${line.length} lines, ${row.length} rows, ${once.map((o) => o.length)} sentences`);
  }
  for (const o of once) add('once', o[0]);
  for (const k of [2, 4, 6]) add('repeated-line', line[k]);
  for (const k of [3, 5]) add('repeated-row', row[k]);
  add('repeated-shifted', line[5], { shift: 3 }, 'orphaned');
  add('repeated-quote-only', row[4], { quoteOnly: true }, 'orphaned');
  return items;
}

module.exports = { repeatedAnnotations, refrainAnnotations };

if (require.main === module) (async () => {
  const relative = 'papers/boilerplate.pdf';
  const doc = await v.loadDocument(relative, FIXTURE);
  fs.mkdirSync(path.join(FIXTURE, 'notes'), { recursive: true });
  const items = repeatedAnnotations(doc);
  const r = v.rng(20261130);
  const truth = { generator: 'Scripts/pdfjs/make-repeated.js', pdfjsVersion: v.pdfjs.version, notes: {} };
  truth.notes['notes/boilerplate.md'] = {
    pdf: relative,
    pages: doc.pages.length,
    annotations: v.writeNote('boilerplate.md', relative, doc.fingerprint, items, r, undefined, FIXTURE),
  };
  const refrains = await v.loadDocument('papers/refrains.pdf', FIXTURE);
  truth.notes['notes/refrains.md'] = {
    pdf: 'papers/refrains.pdf',
    pages: refrains.pages.length,
    annotations: v.writeNote('refrains.md', 'papers/refrains.pdf', refrains.fingerprint, refrainAnnotations(refrains), r, undefined, FIXTURE),
  };
  fs.writeFileSync(path.join(FIXTURE, 'truth.json'), JSON.stringify(truth, null, 1) + '\n');
  console.error(`wrote ${items.length} annotations`);
})();
