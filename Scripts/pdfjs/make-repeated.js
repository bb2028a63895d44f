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
// writes Tests/Fixtures/repeated/notes/boilerplate.md and
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

/** The annotations: which copies of which repeated passages, all with
 *  accurate positions, plus two quote-only ones. */
function repeatedAnnotations(doc) {
  const items = [];
  const add = (category, [start, end], options = {}, expect = 'anchored') => {
    items.push({ category, selectors: v.selectors(doc, start, end, options), truth: expect === 'anchored' ? v.truthOf(doc, start, end) : null,
                 expect, comment: '', tags: [] });
  };
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

module.exports = { repeatedAnnotations };

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
  fs.writeFileSync(path.join(FIXTURE, 'truth.json'), JSON.stringify(truth, null, 1) + '\n');
  console.error(`wrote ${items.length} annotations`);
})();
