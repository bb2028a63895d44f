#!/usr/bin/env node
// Makes a trial vault from PDFs we did not make: for each PDF, a note of
// annotations made the way Hypothesis makes them on PDF.js 2.14 (the same
// generator as the sample vault, Scripts/pdfjs/make-vault.js), and the truth
// of each (page and text as PDF.js has them).
//
//   node Scripts/pdfjs/make-trial.js LIST VAULT [SEED]
//
// LIST is a file of PDF paths, one per line. The PDFs are copied to
// VAULT/papers/, the notes written to VAULT/notes/, the truth to
// VAULT/truth.json. A PDF that PDF.js cannot read, or that has too little
// text, is left out (and named on stderr). Scripts/trial runs it and scores
// the audit against the truth.
'use strict';
const fs = require('fs');
const path = require('path');
const v = require('./make-vault.js');
const { repeatedAnnotations, refrainAnnotations } = require('./make-repeated.js');

const [list, vault, seedText] = process.argv.slice(2);
if (!list || !vault) {
  console.error('usage: make-trial.js LIST VAULT [SEED]');
  process.exit(2);
}

// Per PDF: what a reader highlights. Every note has clean highlights;
// one in three also has stale ones (positions shifted, quotes edited,
// reworded or read by OCR, quotes across a page break), and another one in
// three has imported ones (no position) and quotes from another PDF (which
// must come out orphaned) — as a reader's notes mostly hold highlights
// made once and left alone. Each kind is tried on its own: a document that
// cannot supply one kind still gets the others.
const CLEAN = { ordinary: 6, anywhere: 6, long: 1, lineSpaces: 1, hyphenLigature: 2, pageTop: 1, pageBottom: 1, short: 1, shortQuoteOnly: 0 };
const PLANS = [
  CLEAN,
  { ...CLEAN, stale: 3, edited: 2, reworded: 2, ocr: 2, crossPage: 2 },
  { ...CLEAN, quoteOnly: 4, short: 3, shortQuoteOnly: 0.7, otherDocument: 6 },
];

(async () => {
  const r = v.rng(Number(seedText || 20261126));
  for (const dir of ['papers', 'notes', '.obsidian']) fs.mkdirSync(path.join(vault, dir), { recursive: true });
  fs.writeFileSync(path.join(vault, '.obsidian', 'app.json'), '{}\n');
  const sources = fs.readFileSync(list, 'utf8').split('\n').filter(Boolean);
  const truth = { generator: 'Scripts/pdfjs/make-trial.js', pdfjsVersion: v.pdfjs.version, notes: {} };
  let previous = null;
  for (const [n, source] of sources.entries()) {
    const name = `${String(n).padStart(3, '0')}-${path.basename(source, path.extname(source)).replace(/[^A-Za-z0-9._-]/g, '_')}`;
    const relative = `papers/${name}.pdf`;
    fs.copyFileSync(source, path.join(vault, relative));
    let doc;
    try {
      doc = await v.loadDocument(relative, vault);
    } catch (error) {
      console.error(`skipped ${source}: PDF.js cannot read it (${error.message})`);
      fs.unlinkSync(path.join(vault, relative));
      continue;
    }
    if (doc.text.replace(/\s/g, '').length < 3000) {
      console.error(`skipped ${source}: too little text`);
      fs.unlinkSync(path.join(vault, relative));
      continue;
    }
    // Fonts without a text mapping give PDF.js (and every other reader)
    // control characters instead of words: nothing a reader could highlight.
    const junk = (doc.text.match(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufffd]/g) || []).length;
    if (junk > 0.01 * doc.text.length) {
      console.error(`skipped ${source}: its text is not readable (${junk} control characters)`);
      fs.unlinkSync(path.join(vault, relative));
      continue;
    }
    const items = [];
    const plan = PLANS[n % PLANS.length];
    for (const [kind, count] of Object.entries(plan)) {
      if (kind === 'otherDocument' && !previous) continue;
      if (kind === 'shortQuoteOnly') continue;
      try {
        items.push(...v.makeAnnotations(doc, r, { [kind]: count, shortQuoteOnly: plan.shortQuoteOnly }, previous));
      } catch (error) {
        // This document has no such span (bodySpan gave up).
      }
    }
    if (items.length === 0) {
      console.error(`skipped ${source}: no span could be highlighted`);
      fs.unlinkSync(path.join(vault, relative));
      continue;
    }
    truth.notes[`notes/${name}.md`] = {
      pdf: relative,
      source,
      pages: doc.pages.length,
      annotations: v.writeNote(`${name}.md`, relative, doc.fingerprint, items, r, undefined, vault),
    };
    previous = doc;
  }
  // The documents whose text repeats (made by Scripts/samples/repeated.py):
  // paragraphs repeated word for word, where only the position tells the
  // copies apart, and copies a line apart, told apart where the position is exact.
  for (const [name, annotationsOf] of [['boilerplate', repeatedAnnotations], ['refrains', refrainAnnotations]]) {
    const source = path.join(__dirname, '..', '..', 'Tests', 'Fixtures', 'repeated', 'papers', `${name}.pdf`);
    const relative = `papers/repeated-${name}.pdf`;
    fs.copyFileSync(source, path.join(vault, relative));
    const doc = await v.loadDocument(relative, vault);
    truth.notes[`notes/repeated-${name}.md`] = {
      pdf: relative,
      source,
      pages: doc.pages.length,
      annotations: v.writeNote(`repeated-${name}.md`, relative, doc.fingerprint, annotationsOf(doc), r, undefined, vault),
    };
  }
  fs.writeFileSync(path.join(vault, 'truth.json'), JSON.stringify(truth, null, 1) + '\n');
  const total = Object.values(truth.notes).reduce((sum, note) => sum + note.annotations.length, 0);
  console.error(`wrote ${Object.keys(truth.notes).length} notes, ${total} annotations`);
})();
