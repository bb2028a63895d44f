#!/usr/bin/env node
// Checks a vault's PDF++ links against PDF.js (Debian's libjs-pdf, 2.14):
// every [[file.pdf#page=N&annotation=ID]] in the vault's Markdown must name
// an annotation PDF.js reports on page N of that PDF with that id.
// Usage: node Scripts/pdfjs/check-links.js VAULT   (exit 1 on any mismatch)
'use strict';
const fs = require('fs');
const path = require('path');
const pdfjs = require(process.env.PDFJS || '/usr/share/javascript/pdf/build/pdf.js');

function markdown(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name.startsWith('.')) return [];
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return markdown(p);
    return e.name.toLowerCase().endsWith('.md') ? [p] : [];
  });
}

(async () => {
  const vault = process.argv[2];
  const cache = new Map();
  let checked = 0, bad = 0;
  for (const file of markdown(vault)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\[\[([^\]|#]+\.pdf)#page=(\d+)&annotation=(\d+R\d*)(?:\|[^\]]*)?\]\]/g)) {
      const [, pdf, page, id] = m;
      const key = `${pdf}#${page}`;
      if (!cache.has(key)) {
        const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(path.join(vault, pdf))), verbosity: 0 }).promise;
        const annotations = await (await doc.getPage(Number(page))).getAnnotations();
        cache.set(key, new Set(annotations.map((a) => a.id)));
      }
      checked++;
      if (!cache.get(key).has(id)) {
        bad++;
        console.log(`${path.relative(vault, file)}: ${m[0]}: PDF.js has no annotation ${id} on page ${page}`);
      }
    }
  }
  console.log(`${checked} links checked, ${bad} wrong`);
  process.exit(bad ? 1 : 0);
})();
