#!/usr/bin/env node
// Lists the annotations PDF.js (Debian's libjs-pdf, 2.14) reads in PDFs:
// for each, the file, 1-based page, id (object number and R, the id PDF++
// links name), subtype, contents, colour and author, as JSON on stdout.
// Usage: node Scripts/pdfjs/annotations.js FOLDER FILE.pdf...   (paths relative to FOLDER)
'use strict';
const fs = require('fs');
const path = require('path');
const pdfjs = require(process.env.PDFJS || '/usr/share/javascript/pdf/build/pdf.js');

(async () => {
  const [folder, ...files] = process.argv.slice(2);
  const out = [];
  for (const file of files) {
    const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(path.join(folder, file))), verbosity: 0 }).promise;
    for (let n = 1; n <= doc.numPages; n++) {
      for (const a of await (await doc.getPage(n)).getAnnotations()) {
        out.push({
          file, page: n, id: a.id, subtype: a.subtype,
          contents: (a.contentsObj && a.contentsObj.str) || '',
          color: a.color ? Array.from(a.color) : null,
          author: (a.titleObj && a.titleObj.str) || '',
        });
      }
    }
  }
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
})();
