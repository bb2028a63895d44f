#!/usr/bin/env node
// Checks notes written by `pdfanchor import` against PDF.js 2.14 (Debian's
// libjs-pdf), the text the plugin anchors in: for every annotation block,
// that PDF.js's text at its TextPositionSelector is its `exact` with its
// `prefix` before and `suffix` after (the selection Hypothesis would have
// stored), and that the characters PDF.js draws there lie under one of the
// PDF's own markup annotations (their QuadPoints, as PDF.js reads them).
//
//   node Scripts/pdfjs/check-import.js NOTE.md=PAPER.pdf ...
//
// Prints one JSON object per note on stdout: blocks, textEqual (selectors
// equal PDF.js's text), underAnnotation (≥ 90% of the characters' centres
// inside a markup annotation's quads on their page), pdfjsMarkup (how many
// markup annotations PDF.js lists: it drops those without usable
// QuadPoints, so their blocks cannot be checked this way), hypothesisUnder
// (where Hypothesis would anchor the block — the occurrence of prefix +
// exact + suffix, else of exact, nearest its position — lies under the
// annotation: what a wrong position costs; hypothesisElsewhere lists the
// others — a wrong place, or PDF.js's character boxes, estimated by
// dividing a text item's width evenly, missing the quads — and
// quoteNotInPDFjs the quotes PDF.js's text does not hold, which Hypothesis
// would find only by fuzzy matching), maxShift (the largest distance
// from a position to that occurrence, UTF-16 units), and the ids that fail.
'use strict';
const fs = require('fs');
const path = require('path');
const { pdfjs, loadDocument } = require('./make-vault.js');
const { cmapOptions } = require('./cmaps.js');

function blocks(note) {
  const lines = fs.readFileSync(note, 'utf8').split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('>```annotation-json')) continue;
    const json = JSON.parse(lines[i + 1].slice(1));
    let k = i;
    while (k < lines.length && !lines[k].startsWith('^')) k++;
    const selectors = (json.target && json.target[0] && json.target[0].selector) || [];
    out.push({
      id: lines[k].slice(1),
      quote: selectors.find((s) => s.type === 'TextQuoteSelector'),
      position: selectors.find((s) => s.type === 'TextPositionSelector'),
    });
  }
  return out;
}

/** The markup annotations' quads per page, in the viewport's top-left space. */
async function markupQuads(file) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(file)), verbosity: 0, ...cmapOptions() }).promise;
  const byPage = { count: 0 };
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: 1 });
    byPage[n] = [];
    for (const a of await page.getAnnotations()) {
      if (!['Highlight', 'Underline', 'StrikeOut', 'Squiggly'].includes(a.subtype)) continue;
      byPage.count++;
      const quads = a.quadPoints && a.quadPoints.length ? a.quadPoints : [[{ x: a.rect[0], y: a.rect[3] }, { x: a.rect[2], y: a.rect[3] }, { x: a.rect[0], y: a.rect[1] }, { x: a.rect[2], y: a.rect[1] }]];
      for (const quad of quads) {
        const points = quad.map((p) => viewport.convertToViewportPoint(p.x, p.y));
        const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
        byPage[n].push([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
      }
    }
  }
  await doc.destroy();
  return byPage;
}

/** The start of the occurrence of the quote with its context (else of the
 *  quote alone) nearest `hint`, as Hypothesis's quote anchoring picks it;
 *  null when the quote is not in the text. */
function hypothesisPlace(text, q, hint) {
  const find = (needle, offset) => {
    let best = null;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      const start = at + offset;
      if (best === null || Math.abs(start - hint) < Math.abs(best - hint)) best = start;
    }
    return best;
  };
  if (!q.exact) return null;
  return find(q.prefix + q.exact + q.suffix, q.prefix.length) ?? find(q.exact, 0);
}

/** The share of the characters of `start..<end` whose centres lie in a
 *  markup annotation's quads on their page. */
function coverage(doc, quads, start, end) {
  // The characters' boxes from the pages' units (spaces have none).
  let inside = 0, boxes = 0;
  for (const page of doc.pages) {
    for (let k = Math.max(start, page.start); k < Math.min(end, page.start + page.text.length); k++) {
      const unit = page.units[k - page.start];
      if (!unit || !unit.box) continue;
      boxes++;
      const [x, y] = [(unit.box[0] + unit.box[2]) / 2, (unit.box[1] + unit.box[3]) / 2];
      if ((quads[page.number] || []).some((r) => r[0] - 1 <= x && x <= r[2] + 1 && r[1] - 1 <= y && y <= r[3] + 1)) inside++;
    }
  }
  return boxes ? inside / boxes : 0;
}

(async () => {
  for (const pair of process.argv.slice(2)) {
    const [note, pdf] = pair.split('=');
    const doc = await loadDocument(path.basename(pdf), path.dirname(pdf));
    const quads = await markupQuads(pdf);
    const result = { note, blocks: 0, textEqual: 0, underAnnotation: 0, hypothesisUnder: 0, hypothesisElsewhere: [], quoteNotInPDFjs: [], maxShift: 0, pdfjsMarkup: quads.count, failures: [] };
    for (const b of blocks(note)) {
      result.blocks++;
      const { start, end } = b.position || {};
      const q = b.quote || {};
      const equal = b.position && doc.text.slice(start, end) === q.exact
        && doc.text.slice(Math.max(0, start - q.prefix.length), start) === q.prefix
        && doc.text.slice(end, end + q.suffix.length) === q.suffix;
      if (equal) result.textEqual++;
      const share = b.position ? coverage(doc, quads, start, end) : 0;
      const under = share >= 0.9;
      // Where Hypothesis would anchor it: the occurrence nearest the position.
      const anchorAt = hypothesisPlace(doc.text, q, start);
      if (anchorAt !== null) {
        result.maxShift = Math.max(result.maxShift, Math.abs(anchorAt - start));
        if (coverage(doc, quads, anchorAt, anchorAt + q.exact.length) >= 0.9) result.hypothesisUnder++;
        else result.hypothesisElsewhere.push({ id: b.id, at: anchorAt, position: start, exact: q.exact.slice(0, 40) });
      } else {
        result.quoteNotInPDFjs.push({ id: b.id, exact: q.exact.slice(0, 40) });
      }
      if (under) result.underAnnotation++;
      if (!equal || !under) result.failures.push({ id: b.id, textEqual: Boolean(equal), underShare: Math.round(share * 100) / 100 });
    }
    console.log(JSON.stringify(result));
  }
})();
