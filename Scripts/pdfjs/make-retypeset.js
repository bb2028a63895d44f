#!/usr/bin/env node
// Notes on papers whose PDF was replaced by a revision typeset again
// (Tests/Fixtures/retypeset/papers/NAME-v1.pdf and NAME-v2.pdf, made by
// Scripts/samples/retypeset.py), and what PDF.js 2.14 reads in the revision:
// the truth `pdfanchor refresh` is checked against (RefreshPDFjsTests).
//
//   node Scripts/pdfjs/make-retypeset.js     (from the repository root)
//
// For each paper, annotations are made on version 1 with PDF.js the way
// Hypothesis makes them (make-vault.js: ordinary sentences, long ones, ones
// across line-end hyphens and ligatures, and ones anywhere on a page:
// math, footnotes, captions) and written to notes/NAME.md as
// obsidian-annotator writes them, with version 1's fingerprint and
// version 2's path (the PDF at the note's path was replaced). The truth,
// Tests/Fixtures/retypeset/truth.json, holds for each paper PDF.js's text
// of every page of version 2 and of version 1 (items' `str` joined with "",
// whitespace runs one space, as the selectors are made) and, for each annotation, where its
// quote — with the revision's word edits — is in that text: [start, end)
// in UTF-16 units of the whole document's text, or null when it is not
// there once (whitespace and hyphens aside); and PDF.js's text of the sample
// vault's replaced PDF and of the version before it
// (SamplePDFs/papers/estuary-flocculation-revised.pdf, estuary-flocculation.pdf)
// and of the fixtures' other small PDFs (`samples`).
'use strict';
const fs = require('fs');
const path = require('path');
const v = require('./make-vault.js');

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'Tests', 'Fixtures', 'retypeset');

/** [start, end) of the one place in `doc`'s PDF.js text where `quote`, with
 *  the edits made, stands (whitespace and hyphens aside); null when it is
 *  nowhere or in several places. */
function locate(doc, quote, edits) {
  let wanted = quote;
  for (const [from, to] of edits) wanted = wanted.split(from).join(to);
  const fold = (text) => text.replace(/[\s\-\u00ad]+/g, '').normalize('NFKC');
  const target = fold(wanted);
  let folded = '';
  const map = [];
  for (let i = 0; i < doc.text.length; i++) {
    if (/[\s\-\u00ad]/.test(doc.text[i])) continue;
    const n = doc.text[i].normalize('NFKC');
    for (let k = 0; k < n.length; k++) { folded += n[k]; map.push(i); }
  }
  const first = folded.indexOf(target);
  if (target.length === 0 || first < 0 || folded.indexOf(target, first + 1) >= 0) return null;
  return [map[first], map[first + target.length - 1] + 1];
}

if (require.main === module) (async () => {
  const { papers, edits } = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'papers', 'edits.json'), 'utf8'));
  fs.mkdirSync(path.join(FIXTURE, 'notes'), { recursive: true });
  const r = v.rng(20260226);
  const truth = { generator: 'Scripts/pdfjs/make-retypeset.js', pdfjsVersion: v.pdfjs.version, papers: {} };
  for (const name of papers) {
    const first = await v.loadDocument(`papers/${name}-v1.pdf`, FIXTURE);
    const revision = await v.loadDocument(`papers/${name}-v2.pdf`, FIXTURE);
    const items = v.makeAnnotations(first, r, { ordinary: 30, long: 4, hyphenLigature: 14, anywhere: 20 }, revision);
    const annotations = v.writeNote(`${name}.md`, revision.relative, first.fingerprint, items, r, null, FIXTURE);
    annotations.forEach((a, k) => {
      const quote = items[k].selectors.find((s) => s.type === 'TextQuoteSelector').exact;
      a.quote = quote;
      a.revised = locate(revision, quote, edits);
      delete a.truth;
      delete a.expect;
    });
    truth.papers[name] = {
      note: `notes/${name}.md`, pdf: revision.relative, madeOn: first.relative,
      pages: revision.pages.map((p) => p.text), firstPages: first.pages.map((p) => p.text), annotations,
    };
    const located = annotations.filter((a) => a.revised).length;
    console.error(`${name}: ${annotations.length} annotations, ${located} located in the revision`);
  }
  // The sample vault's replaced PDF (its note: SamplePDFs/notes/estuary-flocculation-revised.md)
  // and the version before it.
  truth.samples = {};
  // And the repository's other small PDFs from other producers (hand-made
  // content streams, fonts with odd metrics, text off the page, TeX symbols).
  for (const relative of ['SamplePDFs/papers/estuary-flocculation-revised.pdf', 'SamplePDFs/papers/estuary-flocculation.pdf',
                          'Tests/Fixtures/columns/columns.pdf', 'Tests/Fixtures/fonts/flat-metrics.pdf', 'Tests/Fixtures/fonts/outside-page.pdf',
                          'Tests/Fixtures/fonts/tex-symbols.pdf', 'Tests/Fixtures/repeated/papers/boilerplate.pdf', 'Tests/Fixtures/outline/past-the-end.pdf']) {
    truth.samples[relative] = (await v.loadDocument(relative, ROOT)).pages.map((p) => p.text);
  }
  fs.writeFileSync(path.join(FIXTURE, 'truth.json'), JSON.stringify(truth, null, 1) + '\n');
})();
