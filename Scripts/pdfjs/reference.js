#!/usr/bin/env node
// Reference values from PDF.js (Debian's libjs-pdf, PDF.js 2.14) for the
// tests: fingerprints, page counts, page labels, crop boxes, rotations and
// text lengths of each PDF given.
// Usage: node Scripts/pdfjs/reference.js ROOT OUT.json [FILE=PASSWORD ...]
// Every *.pdf under ROOT is read; paths in the output are relative to the
// current folder. Tests read OUT.json; they never run PDF.js themselves.
'use strict';
const fs = require('fs');
const path = require('path');
const pdfjs = require(process.env.PDFJS || '/usr/share/javascript/pdf/build/pdf.js');
const { cmapOptions } = require('./cmaps.js'); // every CMap, as the viewers have them

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return walk(p);
    return e.name.toLowerCase().endsWith('.pdf') ? [p] : [];
  }).sort();
}

async function describe(file, password) {
  const entry = { path: file, pdfjsVersion: pdfjs.version };
  let data;
  try {
    data = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    entry.error = { name: 'ReadError', message: String(e.message) };
    return entry;
  }
  // What PDF.js >= 4.8 stores when /ID[0] is not 16 bytes: MD5 of the first
  // 1024 bytes, zero-padded (computed here with node's crypto, not PDF.js).
  const head = Buffer.alloc(1024);
  Buffer.from(data.subarray(0, 1024)).copy(head);
  entry.md5First1024 = require('crypto').createHash('md5').update(head).digest('hex');
  try {
    const doc = await pdfjs.getDocument({ data, password, verbosity: 0, disableFontFace: true, ...cmapOptions() }).promise;
    entry.fingerprints = doc.fingerprints;
    entry.numPages = doc.numPages;
    entry.pageLabels = await doc.getPageLabels();
    entry.pages = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      // view: the crop box [x1, y1, x2, y2] in PDF user space; rotate: /Rotate;
      // textLength: UTF-16 units of the page's text as Hypothesis joins it
      // (items with no separator), which TextPositionSelectors count.
      const text = (await page.getTextContent()).items.map((item) => item.str).join('');
      entry.pages.push({ view: page.view, rotate: page.rotate, textLength: text.length });
    }
    await doc.destroy();
  } catch (e) {
    entry.error = { name: e.name || 'Error', message: String(e.message) };
  }
  return entry;
}

(async () => {
  const [root, out, ...rest] = process.argv.slice(2);
  const passwords = Object.fromEntries(rest.map((a) => a.split('=')));
  const results = [];
  for (const file of walk(root)) {
    results.push(await describe(file, passwords[path.basename(file)]));
  }
  fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  console.error(`wrote ${results.length} entries to ${out}`);
})();
