#!/usr/bin/env node
// Writes the sample vault's annotation notes (SamplePDFs/notes/*.md) and the
// ground truth the anchoring tests check against
// (Tests/Fixtures/vault/truth.json).
//
//   node Scripts/pdfjs/make-vault.js        (from the repository root)
//
// Needs Debian's libjs-pdf (PDF.js 2.14) and node. Selectors are made the way
// Hypothesis made them on PDF.js 2.x (docs/formats.md, "Text positions"): page text = the text
// items joined with "" and whitespace runs collapsed to one space;
// TextPositionSelector = UTF-16 offsets into the concatenation of all pages;
// TextQuoteSelector = exact plus up to 32 UTF-16 units of context from the
// whole document. Notes are written exactly as obsidian-annotator writes them
// (JSON.stringify on one line, the quote line, LINK, COMMENT, TAGS, '>' on
// every line, '^id').
//
// For every annotation the truth records what PDF.js says: the page(s), the
// text, and a box per character from the text items' geometry (in top-left
// page space, points, via PDF.js's viewport), plus the category it tests and
// whether it must anchor or must come out orphaned. Random choices come from
// a seeded generator, so the output only changes when this script does.
'use strict';
const fs = require('fs');
const path = require('path');
const pdfjs = require(process.env.PDFJS || '/usr/share/javascript/pdf/build/pdf.js');
const { cmapOptions } = require('./cmaps.js'); // every CMap, as the viewers have them

const ROOT = path.resolve(__dirname, '..', '..');
const VAULT = path.join(ROOT, 'SamplePDFs');

// mulberry32: a small seeded generator.
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

// ---------------------------------------------------------------------------
// Reading a PDF with PDF.js

/** Loads a PDF: per page, the PDF.js text (as Hypothesis built it) and, for
 *  every UTF-16 unit of it, the text item it came from and its box. */
async function loadDocument(relative, root = VAULT) {
  const data = new Uint8Array(fs.readFileSync(path.join(root, relative)));
  const doc = await pdfjs.getDocument({ data, verbosity: 0, disableFontFace: true, ...cmapOptions() }).promise;
  const pages = [];
  let offset = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent({ normalizeWhitespace: true });
    let text = '';
    const units = []; // per UTF-16 unit: {item, box:[minX,minY,maxX,maxY], eolAfter}
    content.items.forEach((item, index) => {
      const str = item.str;
      const box = (k) => charBox(item, k, str.length, viewport);
      for (let k = 0; k < str.length; k++) {
        const ch = str[k];
        if (/\s/.test(ch)) {
          // Runs of whitespace become one space.
          if (text.length > 0 && text[text.length - 1] === ' ') continue;
          text += ' ';
          units.push({ item: index, box: null, space: true });
        } else {
          text += ch;
          units.push({ item: index, box: box(k), space: false });
        }
      }
      if (item.hasEOL && units.length > 0) units[units.length - 1].eol = true;
    });
    const bodyTop = viewport.height * 0.08;
    const bodyBottom = viewport.height * 0.92;
    for (const u of units) {
      if (u.box) u.body = u.box[1] > bodyTop && u.box[3] < bodyBottom;
    }
    pages.push({ number: n, text, units, start: offset, height: viewport.height });
    offset += text.length;
  }
  const fingerprint = doc.fingerprints[0];
  await doc.destroy();
  return { relative, pages, text: pages.map((p) => p.text).join(''), fingerprint };
}

/** The box of UTF-16 unit k of a text item, in top-left page space: the
 *  item's advance split evenly among its units, from 25% of the font height
 *  below the baseline to the full height above it. */
function charBox(item, k, count, viewport) {
  const [a, b, c, d, e, f] = item.transform;
  const along = Math.hypot(a, b) || 1;
  const up = Math.hypot(c, d) || 1;
  const ux = a / along, uy = b / along, vx = c / up, vy = d / up;
  const h = item.height || up;
  const w = item.width / Math.max(1, count);
  const x0 = w * k, x1 = w * (k + 1);
  const corners = [[x0, -0.25 * h], [x1, -0.25 * h], [x1, h], [x0, h]].map(([s, t]) => {
    const px = e + ux * s + vx * t, py = f + uy * s + vy * t;
    return viewport.convertToViewportPoint(px, py);
  });
  const xs = corners.map((p) => p[0]), ys = corners.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].map((v) => Math.round(v * 100) / 100);
}

// ---------------------------------------------------------------------------
// Making annotations

/** The document's text folded like a whitespace-insensitive search: no
 *  whitespace, no hyphens, NFKC (computed once per document). */
function foldedText(doc) {
  if (!doc.folded) doc.folded = normalized(doc.text);
  return doc.folded;
}

function count(haystack, needle) {
  let n = 0;
  for (let o = haystack.indexOf(needle); o >= 0; o = haystack.indexOf(needle, o + 1)) n++;
  return n;
}

/** True when a quote with its context occurs once in the document: an
 *  annotation whose quote and context occur several times cannot be told
 *  apart by any anchorer, so the vault does not use such spans. */
function uniqueWithContext(doc, sel) {
  const q = sel.find((s) => s.type === 'TextQuoteSelector');
  return count(foldedText(doc), normalized(q.prefix + q.exact + q.suffix)) === 1;
}

/** True when a quote from another document really is foreign to `doc`: it
 *  may occur there, but not with the text next to it in its own document. */
function foreignTo(doc, sel) {
  const q = sel.find((s) => s.type === 'TextQuoteSelector');
  const folded = foldedText(doc);
  if (folded.includes(normalized(q.prefix.slice(-12) + q.exact)) || folded.includes(normalized(q.exact + q.suffix.slice(0, 12)))) return false;
  // Two documents may share whole passages in another order (a package's
  // documentation and its code listing): a quote most of whose stretches
  // of 16 characters stand in the document is not foreign to it.
  const quote = normalized(q.exact);
  let shared = 0, windows = 0;
  for (let i = 0; i + 16 <= quote.length; i += 8) {
    windows++;
    if (folded.includes(quote.slice(i, i + 16))) shared++;
  }
  return windows === 0 || shared * 2 < windows;
}

const CONTEXT = 32;

function selectors(doc, start, end, options = {}) {
  const exact = options.exact ?? doc.text.slice(start, end);
  const prefix = options.prefix ?? doc.text.slice(Math.max(0, start - CONTEXT), start);
  const suffix = options.suffix ?? doc.text.slice(end, end + CONTEXT);
  const list = [];
  if (!options.quoteOnly) {
    const shift = options.shift || 0;
    list.push({ type: 'TextPositionSelector', start: Math.max(0, start + shift), end: Math.max(0, end + shift) });
  }
  list.push({ type: 'TextQuoteSelector', exact, prefix, suffix });
  return list;
}

function pageAt(doc, offset) {
  let page = doc.pages[0];
  for (const p of doc.pages) if (p.start <= offset) page = p;
  return page;
}

/** Truth for a document span: its page(s), its text, its glyph boxes. */
function truthOf(doc, start, end) {
  const boxes = [];
  const pages = new Set();
  for (let o = start; o < end; o++) {
    const page = pageAt(doc, o);
    const unit = page.units[o - page.start];
    if (unit && unit.box) {
      boxes.push({ page: page.number, box: unit.box });
      pages.add(page.number);
    }
  }
  // The page is where the first glyph is (a span may start with the space
  // that ends the page before).
  const page = boxes.length ? boxes[0].page : pageAt(doc, start).number;
  return { page, pages: [...pages].sort((a, b) => a - b), text: doc.text.slice(start, end), boxes };
}

/** Sentence-ish spans inside one page's body text. */
function bodySpan(doc, r, minLength, maxLength, filter = () => true) {
  for (let attempt = 0; attempt < 2000; attempt++) {
    const page = r.pick(doc.pages.filter((p) => p.text.length > maxLength + 200));
    if (!page) break;
    const sentenceStarts = [];
    for (let i = 1; i < page.text.length; i++) {
      if (page.text[i - 1] === ' ' && /[A-Z]/.test(page.text[i]) && /[.!?:;]/.test(page.text[i - 2] || '')) sentenceStarts.push(i);
    }
    if (sentenceStarts.length === 0) continue;
    const a = r.pick(sentenceStarts);
    let b = a + r.int(minLength, maxLength);
    if (b > page.text.length) continue;
    // End at a word end.
    while (b < page.text.length && /\S/.test(page.text[b])) b++;
    while (b > a && page.text[b - 1] === ' ') b--;
    const units = page.units.slice(a, b);
    if (!units.every((u) => u.space || u.body)) continue;
    if (!filter(page, a, b)) continue;
    return { start: page.start + a, end: page.start + b };
  }
  throw new Error(`no span of ${minLength}-${maxLength} in ${doc.relative}`);
}

const LOOKALIKE = { e: 'c', c: 'e', l: '1', i: 'l', o: '0', O: '0', a: 'o', n: 'u', u: 'n', s: '5', t: 'f', f: 't', h: 'b', m: 'rn', rn: 'm', S: '5', B: '8', g: 'q' };

function ocrNoise(text, r, rate) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (/[A-Za-z]/.test(ch) && r.next() < rate && LOOKALIKE[ch]) out += LOOKALIKE[ch];
    else out += ch;
  }
  return out;
}

function edit(text, r, count) {
  const chars = [...text];
  for (let k = 0; k < count; k++) {
    const i = r.int(1, chars.length - 2);
    const kind = r.int(0, 2);
    if (kind === 0) chars[i] = chars[i] === 'e' ? 'a' : 'e';
    else if (kind === 1) chars.splice(i, 1);
    else chars.splice(i, 0, 'x');
  }
  return chars.join('');
}

/** The text of a span as newer Hypothesis (2026) stores it: a space where
 *  a line ended in the text layer. */
function withLineBreakSpaces(doc, start, end) {
  let out = '';
  for (let o = start; o < end; o++) {
    const page = pageAt(doc, o);
    const unit = page.units[o - page.start];
    out += doc.text[o];
    if (unit && unit.eol && o + 1 < end && doc.text[o + 1] !== ' ') out += ' ';
  }
  return out;
}

let idCounter = 0;
function newID(r) {
  idCounter++;
  return (Math.floor(r.next() * 36 ** 6).toString(36) + idCounter.toString(36)).padStart(9, '0').slice(-10);
}

function makeAnnotations(doc, r, plan, other) {
  const list = [];
  const add = (category, start, end, options = {}, expect = 'anchored') => {
    const sel = selectors(doc, start, end, options);
    if (!uniqueWithContext(doc, selectors(doc, start, end, { ...options, exact: undefined, prefix: undefined, suffix: undefined })) && !options.truth) return false;
    list.push({ category, selectors: sel, truth: expect === 'anchored' ? (options.truth || truthOf(doc, start, end)) : null, expect,
                comment: options.comment || '', tags: options.tags || [] });
    return true;
  };
  const count = (name) => plan[name] || 0;
  // Gives up on a kind of annotation a document cannot supply (a real
  // PDF may have no span that is unique with its context).
  let failures = 0;
  const retry = () => ++failures < 2000;

  for (let k = 0; k < count('ordinary'); k++) {
    const s = bodySpan(doc, r, 30, 220);
    if (!add('ordinary', s.start, s.end, k % 5 === 0 ? { comment: `Note ${k}: compare with the *model*.\n\n- follow up`, tags: ['method'] } : {}) && retry()) k--;
  }
  for (let k = 0; k < count('long'); k++) {
    const s = bodySpan(doc, r, 450, 1300);
    if (!add('long', s.start, s.end) && retry()) k--;
  }
  for (let k = 0; k < count('stale'); k++) {
    const s = bodySpan(doc, r, 40, 200);
    if (!add('stale-position', s.start, s.end, { shift: r.pick([-1, 1]) * r.int(20, 600) }) && retry()) k--;
  }
  for (let k = 0; k < count('quoteOnly'); k++) {
    const s = bodySpan(doc, r, 30, 200);
    if (!add('quote-only', s.start, s.end, { quoteOnly: true }) && retry()) k--;
  }
  // One to three words that occur several times in the document.
  const words = doc.text.split(/(?<=\s)/);
  let made = 0;
  for (let attempt = 0; made < count('short') && attempt < 5000; attempt++) {
    const n = r.int(1, 3);
    const i = r.int(0, words.length - n - 1);
    const phrase = words.slice(i, i + n).join('').trim().replace(/[.,;:]$/, '');
    if (phrase.length < 3 || /[^A-Za-z \-]/.test(phrase)) continue;
    const occurrences = [];
    for (let o = doc.text.indexOf(phrase); o >= 0; o = doc.text.indexOf(phrase, o + 1)) {
      const before = doc.text[o - 1] || ' ', after = doc.text[o + phrase.length] || ' ';
      if (/[A-Za-z]/.test(before) || /[A-Za-z]/.test(after)) continue;
      occurrences.push(o);
    }
    if (occurrences.length < 2 || occurrences.length > 40) continue;
    const o = r.pick(occurrences);
    const page = pageAt(doc, o);
    if (!page.units.slice(o - page.start, o - page.start + phrase.length).every((u) => u.space || u.body)) continue;
    if (add('short-repeated', o, o + phrase.length, r.next() < (plan.shortQuoteOnly ?? 0.5) ? { quoteOnly: true } : {})) made++;
  }
  for (let k = 0; k < count('edited'); k++) {
    const s = bodySpan(doc, r, 50, 200);
    if (!add('edited', s.start, s.end, { exact: edit(doc.text.slice(s.start, s.end), r, r.int(1, 3)) }) && retry()) k--;
  }
  for (let k = 0; k < count('ocr'); k++) {
    const s = bodySpan(doc, r, 60, 300);
    const t = doc.text;
    if (!add('ocr-like', s.start, s.end, {
      exact: ocrNoise(t.slice(s.start, s.end), r, 0.05),
      prefix: ocrNoise(t.slice(Math.max(0, s.start - CONTEXT), s.start), r, 0.05),
      suffix: ocrNoise(t.slice(s.end, s.end + CONTEXT), r, 0.05),
    }) && retry()) k--;
  }
  for (let k = 0; k < count('lineSpaces'); k++) {
    const s = bodySpan(doc, r, 80, 300);
    const t = doc.text;
    if (!add('line-end-spaces', s.start, s.end, {
      exact: withLineBreakSpaces(doc, s.start, s.end),
      prefix: withLineBreakSpaces(doc, Math.max(0, s.start - CONTEXT), s.start),
      suffix: withLineBreakSpaces(doc, s.end, Math.min(t.length, s.end + CONTEXT)),
    }) && retry()) k--;
  }
  // At the top of a page: the prefix is the end of the previous page.
  const tops = doc.pages.filter((p) => p.number > 1 && p.text.length > 300);
  for (let k = 0; k < count('pageTop'); k++) {
    const page = tops[k % tops.length];
    let a = 0;
    if (k % 2 === 1) {
      a = page.units.findIndex((u) => u.body);
      if (a < 0) a = 0;
    }
    let b = a + r.int(40, 160);
    while (b < page.text.length && /\S/.test(page.text[b])) b++;
    if (!add('page-top', page.start + a, page.start + b)) {
      // A header alone repeats on every page: take the first body line instead.
      a = page.units.findIndex((u) => u.body);
      b = a + r.int(40, 160);
      while (b < page.text.length && /\S/.test(page.text[b])) b++;
      add('page-top', page.start + a, page.start + b);
    }
  }
  // At the foot of a page: the suffix is the start of the next page.
  for (let k = 0; k < count('pageBottom'); k++) {
    const page = r.pick(doc.pages.filter((p) => p.number < doc.pages.length && p.text.length > 300));
    if (!page) break;
    let b = page.text.length;
    while (b > 0 && page.text[b - 1] === ' ') b--;
    let a = Math.max(0, b - r.int(40, 160));
    while (a > 0 && page.text[a - 1] !== ' ') a--;
    if (!add('page-bottom', page.start + a, page.start + b) && retry()) k--;
  }
  // Anywhere on a page, as a reader drags across PDF.js's text layer: in
  // tables, listings, captions, running heads, slides — in the order PDF.js
  // has the text, which is the content stream's.
  for (let k = 0; k < count('anywhere'); k++) {
    const page = r.pick(doc.pages.filter((p) => p.text.replace(/\s/g, '').length > 200));
    if (!page) break;
    const starts = [];
    for (let i = 0; i < page.text.length; i++) {
      if (page.text[i] === ' ') continue;
      if (i === 0 || page.text[i - 1] === ' ' || page.units[i - 1].item !== page.units[i].item) starts.push(i);
    }
    const a = r.pick(starts);
    let b = Math.min(page.text.length, a + r.int(15, 350));
    while (b < page.text.length && /\S/.test(page.text[b])) b++;
    while (b > a && page.text[b - 1] === ' ') b--;
    if (page.text.slice(a, b).replace(/\s/g, '').length < 10) { if (retry()) k--; continue; }
    if (!add('anywhere', page.start + a, page.start + b) && retry()) k--;
  }
  // Stale quotes: a word or two replaced, as in a revised PDF.
  for (let k = 0; k < count('reworded'); k++) {
    const s = bodySpan(doc, r, 60, 250);
    const words = doc.text.slice(s.start, s.end).split(' ');
    if (words.length < 6) { if (retry()) k--; continue; }
    // Words, as a reader or a revision changes them (not a run of code or
    // of glued-together text items).
    const pool = doc.text.split(/\s+/).filter((w) => /^[a-z]{4,12}$/.test(w));
    const replaceable = words.map((w, i) => i).filter((i) => i > 0 && i < words.length - 1 && /^[A-Za-z]{3,12}[.,;:]?$/.test(words[i]));
    if (replaceable.length < 2 || pool.length < 10) { if (retry()) k--; continue; }
    for (let n = r.int(1, 2); n > 0; n--) words[r.pick(replaceable)] = r.pick(pool);
    if (!add('reworded', s.start, s.end, { exact: words.join(' ') }) && retry()) k--;
  }
  // Across a line-end hyphen, or over ligature letters.
  for (let k = 0; k < count('hyphenLigature'); k++) {
    const wantHyphen = k % 2 === 0;
    const s = bodySpan(doc, r, 40, 200, (page, a, b) => {
      const text = page.text.slice(a, b);
      if (wantHyphen) return page.units.slice(a, b - 1).some((u, i) => u.eol && text[i] === '-');
      return /(ffi|ffl|ff|fi|fl)/.test(text);
    });
    if (!add(wantHyphen ? 'line-end-hyphen' : 'ligature', s.start, s.end) && retry()) k--;
  }
  // Across a page break: the end of one page's body and the start of the
  // next page's body, without the running footer and header between them.
  for (let k = 0; k < count('crossPage'); k++) {
    const page = doc.pages[1 + ((k * 2) % (doc.pages.length - 3))];
    const next = doc.pages[page.number];
    const lastBody = page.units.map((u, i) => (u.body ? i : -1)).filter((i) => i >= 0).pop();
    const firstBody = next.units.findIndex((u) => u.body);
    let a = Math.max(0, lastBody - r.int(40, 90));
    while (a > 0 && page.text[a - 1] !== ' ') a--;
    let b = firstBody + r.int(30, 80);
    while (b < next.text.length && /\S/.test(next.text[b])) b++;
    const head = page.text.slice(a, lastBody + 1), tail = next.text.slice(firstBody, b);
    const truth1 = truthOf(doc, page.start + a, page.start + lastBody + 1);
    const truth2 = truthOf(doc, next.start + firstBody, next.start + b);
    add('cross-page', page.start + a, next.start + b, {
      exact: head + ' ' + tail,
      prefix: doc.text.slice(page.start + a - CONTEXT, page.start + a),
      suffix: doc.text.slice(next.start + b, next.start + b + CONTEXT),
      truth: { page: truth1.boxes.length ? page.number : next.number, pages: [page.number, next.number], text: head + ' ' + tail,
               boxes: truth1.boxes.concat(truth2.boxes) },
    });
  }
  // Quotes from another document: they must come out orphaned.
  for (let k = 0; k < count('otherDocument'); k++) {
    const s = bodySpan(other, r, k % 2 ? 15 : 60, k % 2 ? 40 : 220);
    if (!foreignTo(doc, selectors(other, s.start, s.end))) { if (retry()) k--; continue; }
    list.push({ category: 'other-document', selectors: selectors(other, s.start, s.end), truth: null, expect: 'orphaned', comment: '', tags: [] });
  }
  return list;
}

// ---------------------------------------------------------------------------
// Writing notes as obsidian-annotator does

function annotationObject(doc, vaultPath, fingerprint, item, r) {
  const created = new Date(Date.UTC(2026, 0, 10, 9, 0, 0) + Math.floor(r.next() * 1e9)).toISOString();
  const uri = `vault:/${vaultPath}`;
  const obj = { created, updated: created };
  if (item.comment) obj.text = item.comment;
  if (item.tags.length) obj.tags = item.tags;
  obj.document = { title: path.basename(vaultPath), link: [{ href: `urn:x-pdf:${fingerprint}` }, { href: uri }], documentFingerprint: fingerprint };
  obj.uri = uri;
  obj.target = [{ source: uri, selector: item.selectors }];
  return obj;
}

function block(id, obj) {
  const quote = obj.target[0].selector.find((s) => s.type === 'TextQuoteSelector');
  const body = '%%\n```annotation-json\n' + JSON.stringify(obj) + '\n```\n%%\n' +
    `*%%PREFIX%%${quote.prefix.trim()}%%HIGHLIGHT%% ==${quote.exact.trim()}== %%POSTFIX%%${quote.suffix.trim()}*` +
    `\n%%LINK%%[[#^${id}|show annotation]]\n%%COMMENT%%\n${obj.text || ''}\n%%TAGS%%\n${(obj.tags || []).map((t) => '#' + t).join(', ')}`;
  return '\n' + body.split('\n').map((x) => '>' + x).join('\n') + '\n^' + id + '\n';
}

function writeNote(name, target, fingerprint, items, r, notePath, root = VAULT) {
  let text = `---\nannotation-target: ${target}\n---\n`;
  const truth = [];
  for (const item of items) {
    const id = newID(r);
    text += '\n' + block(id, annotationObject(null, notePath || target, fingerprint, item, r));
    truth.push({ id, category: item.category, expect: item.expect, truth: item.truth });
  }
  fs.writeFileSync(path.join(root, 'notes', name), text);
  return truth;
}

// ---------------------------------------------------------------------------
// Annotations made on one typesetting, checked against another

/** Whitespace and hyphens removed (line breaks and hyphenation differ
 *  between typesettings), NFKC. */
function normalized(text) {
  return text.replace(/[\s\-\u00ad]+/g, '').normalize('NFKC');
}

/** Where a quote made on the original paper is in the revised one: the
 *  revision's word edits applied, then found by whitespace-insensitive
 *  search in PDF.js's text of the revised PDF. Null when not unique. */
function locateInRevision(revised, quote, edits) {
  let wanted = quote;
  for (const [from, to] of edits) wanted = wanted.split(from).join(to);
  const target = normalized(wanted);
  // Map normalized offsets of the revised document back to raw offsets.
  const raw = revised.text;
  let norm = '';
  const map = [];
  for (let i = 0; i < raw.length; i++) {
    if (/[\s\-\u00ad]/.test(raw[i])) continue;
    const n = raw[i].normalize('NFKC');
    for (let k = 0; k < n.length; k++) { norm += n[k]; map.push(i); }
  }
  const first = norm.indexOf(target);
  if (first < 0 || norm.indexOf(target, first + 1) >= 0) return null;
  const start = map[first], end = map[first + target.length - 1] + 1;
  return truthOf(revised, start, end);
}

// ---------------------------------------------------------------------------

module.exports = { pdfjs, rng, loadDocument, makeAnnotations, selectors, truthOf, bodySpan, uniqueWithContext, foreignTo, ocrNoise, edit,
                   withLineBreakSpaces, writeNote, CONTEXT };

if (require.main === module) (async () => {
  const paper = await loadDocument('papers/estuary-flocculation.pdf');
  const revised = await loadDocument('papers/estuary-flocculation-revised.pdf');
  const thesis = await loadDocument('papers/thesis-fine-sediment.pdf');
  fs.mkdirSync(path.join(VAULT, 'notes'), { recursive: true });
  fs.mkdirSync(path.join(VAULT, '.obsidian'), { recursive: true });
  fs.writeFileSync(path.join(VAULT, '.obsidian', 'app.json'), '{}\n');

  const r = rng(20260125);
  const truth = { generator: 'Scripts/pdfjs/make-vault.js', pdfjsVersion: pdfjs.version, notes: {} };

  // Each paper's note: how many annotations of each category, some of
  // them (otherDocument) taken from the other paper.
  const plans = [
    ['estuary-flocculation.md', paper, thesis, { ordinary: 40, long: 8, stale: 10, quoteOnly: 10, short: 12, edited: 8, ocr: 8,
                                                 lineSpaces: 8, pageTop: 6, hyphenLigature: 10, crossPage: 4, otherDocument: 10 }],
    ['thesis-fine-sediment.md', thesis, paper, { ordinary: 30, long: 6, stale: 6, quoteOnly: 8, short: 8, edited: 4, ocr: 4,
                                                 lineSpaces: 4, pageTop: 6, hyphenLigature: 6, crossPage: 4, otherDocument: 6 }],
  ];
  for (const [note, doc, other, plan] of plans) {
    const items = makeAnnotations(doc, r, plan, other);
    truth.notes['notes/' + note] = { pdf: doc.relative, annotations: writeNote(note, doc.relative, doc.fingerprint, items, r) };
  }

  // The "replaced PDF": annotations made on the original paper, in a note
  // whose PDF was replaced by the revised typesetting (same path, new file).
  const edits = [['significantly exceeds', 'clearly exceeds'], ['the baseline run', 'the reference run'],
                 ['within experimental uncertainty', 'within the experimental uncertainty']];
  const replacedItems = [];
  const pool = makeAnnotations(paper, r, { ordinary: 50, long: 6, short: 0, quoteOnly: 8, hyphenLigature: 8 }, thesis);
  for (const item of pool) {
    const quote = item.selectors.find((s) => s.type === 'TextQuoteSelector').exact;
    const located = locateInRevision(revised, quote, edits);
    if (!located) continue;
    item.truth = located;
    item.category = 'replaced-pdf/' + item.category;
    replacedItems.push(item);
  }
  truth.notes['notes/estuary-flocculation-revised.md'] = {
    pdf: revised.relative,
    madeOn: paper.relative,
    annotations: writeNote('estuary-flocculation-revised.md', revised.relative, paper.fingerprint, replacedItems, r),
  };

  const out = path.join(ROOT, 'Tests', 'Fixtures', 'vault', 'truth.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(truth, null, 1) + '\n');
  const counts = Object.entries(truth.notes).map(([k, v]) => `${k}: ${v.annotations.length}`);
  console.error(`wrote ${counts.join(', ')}`);
})();
