// PDF.js's character maps (CMaps) as the viewers that make annotations
// have them.
//
// PDF.js reads the text of a CJK font without a ToUnicode map through
// Adobe's CID → Unicode tables (Adobe-Japan1-UCS2, -GB1-, -CNS1-,
// -Korea1-UCS2). PDF.js's own distribution ships them with its other CMaps,
// and so do the viewers users annotate in (Hypothesis's, the plugin's).
// Debian's libjs-pdf leaves those four out: there PDF.js fails to load such
// a font ("Unable to load binary CMap at: …/Adobe-Japan1-UCS2.bcmap") and
// its text loses every glyph of it — text a user's PDF.js has, so notes
// made without them would not be the notes users have.
//
// This makes a folder of text CMaps for PDF.js (`cMapPacked: false`):
// poppler-data's copies of Adobe's CMaps, and the four UCS2 ones written
// from poppler-data's CID → Unicode tables (one hexadecimal value a line,
// line N for CID N; 0000 for none; values beyond the BMP left out, as a
// UCS-2 map cannot hold them). Needs poppler-data (a dependency of
// poppler-utils).
'use strict';
const fs = require('fs');
const path = require('path');

const POPPLER = '/usr/share/poppler';
const FOLDER = path.join(__dirname, '..', '..', '.build', 'pdfjs-cmaps');
const COLLECTIONS = ['Japan1', 'GB1', 'CNS1', 'Korea1'];

function ucs2CMap(collection, table) {
  const name = `Adobe-${collection}-UCS2`;
  const pairs = [];
  table.split('\n').forEach((line, cid) => {
    const value = line.trim();
    if (!/^[0-9a-fA-F]{4}$/.test(value) || value === '0000') return;
    pairs.push(`<${cid.toString(16).padStart(4, '0')}> <${value.toLowerCase()}>`);
  });
  const blocks = [];
  for (let i = 0; i < pairs.length; i += 100) {
    const chunk = pairs.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar`);
  }
  return [
    '%!PS-Adobe-3.0 Resource-CMap',
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo 3 dict dup begin /Registry (Adobe) def /Ordering (UCS2) def /Supplement 0 def end def',
    `/CMapName /${name} def`,
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
    '',
  ].join('\n');
}

/** The getDocument options that give PDF.js every CMap; the folder is made
 *  once (in .build/). Without poppler-data, no options (PDF.js as Debian
 *  ships it). */
function cmapOptions() {
  if (!fs.existsSync(path.join(POPPLER, 'cMap'))) return {};
  const done = path.join(FOLDER, '.complete');
  if (!fs.existsSync(done)) {
    fs.mkdirSync(FOLDER, { recursive: true });
    for (const entry of fs.readdirSync(path.join(POPPLER, 'cMap'))) {
      const dir = path.join(POPPLER, 'cMap', entry);
      if (!fs.statSync(dir).isDirectory()) continue; // Identity-H and -V: PDF.js has its own
      for (const name of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, name), path.join(FOLDER, name));
    }
    for (const collection of COLLECTIONS) {
      const table = path.join(POPPLER, 'cidToUnicode', `Adobe-${collection}`);
      if (fs.existsSync(table)) {
        fs.writeFileSync(path.join(FOLDER, `Adobe-${collection}-UCS2`), ucs2CMap(collection, fs.readFileSync(table, 'latin1')));
      }
    }
    fs.writeFileSync(done, '');
  }
  return { cMapUrl: FOLDER + path.sep, cMapPacked: false };
}

module.exports = { cmapOptions };
