#!/usr/bin/env node
// Each page's text as PDF.js 2.14 (Debian's libjs-pdf) gives it and
// Hypothesis joins it (text items joined with "", white space runs one
// space: make-vault.js's loadDocument), as JSON on stdout:
// {"pages": ["…", …]} — the truth the tests compare PDFAnchor's model of
// PDF.js's text with.
//   node Scripts/pdfjs/page-texts.js FILE.pdf
'use strict';
const path = require('path');
const { loadDocument } = require('./make-vault.js');

(async () => {
  const file = path.resolve(process.argv[2]);
  const doc = await loadDocument(path.basename(file), path.dirname(file));
  process.stdout.write(JSON.stringify({ pdfjs: require(process.env.PDFJS || '/usr/share/javascript/pdf/build/pdf.js').version, pages: doc.pages.map((p) => p.text) }, null, 1) + '\n');
})();
