/* poppler-annotate: adds text-markup and note annotations to a PDF through
 * poppler-glib and saves the result (Scripts/samples/annotated.py compiles and
 * runs it to make Tests/Fixtures/annotated/poppler.pdf).
 *
 *   cc -o poppler-annotate poppler-annotate.c $(pkg-config --cflags --libs poppler-glib)
 *   poppler-annotate IN.pdf OUT.pdf SPEC
 *
 * SPEC has one annotation a line, fields separated by tabs:
 *   kind  page  boxes  contents  author  r,g,b
 * kind: highlight | underline | strikeout | squiggly | text
 * page: 1-based
 * boxes: x0,y0,x1,y1[;x0,y0,x1,y1...] in PDF user space (y upwards), one box
 *        a line of the marked text; for text, the note's rectangle
 * contents, author: UTF-8 ("-" for none); "\n" in contents is a line break
 */
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void unescape(char *s) {
    char *w = s;
    for (char *r = s; *r; r++) {
        if (r[0] == '\\' && r[1] == 'n') { *w++ = '\n'; r++; }
        else *w++ = *r;
    }
    *w = 0;
}

static int parse_boxes(const char *text, GArray *boxes) {
    char *copy = g_strdup(text), *save = NULL;
    for (char *item = strtok_r(copy, ";", &save); item; item = strtok_r(NULL, ";", &save)) {
        PopplerRectangle r;
        if (sscanf(item, "%lf,%lf,%lf,%lf", &r.x1, &r.y1, &r.x2, &r.y2) != 4) { g_free(copy); return 0; }
        g_array_append_val(boxes, r);
    }
    g_free(copy);
    return boxes->len > 0;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: %s IN.pdf OUT.pdf SPEC\n", argv[0]); return 2; }
    GError *error = NULL;
    gchar *in_uri = g_filename_to_uri(argv[1], NULL, &error);
    gchar *out_uri = g_filename_to_uri(argv[2], NULL, &error);
    PopplerDocument *doc = poppler_document_new_from_file(in_uri, NULL, &error);
    if (!doc) { fprintf(stderr, "cannot open %s: %s\n", argv[1], error->message); return 1; }
    FILE *spec = fopen(argv[3], "r");
    if (!spec) { perror(argv[3]); return 1; }
    char line[8192];
    int count = 0;
    while (fgets(line, sizeof line, spec)) {
        line[strcspn(line, "\n")] = 0;
        if (!line[0] || line[0] == '#') continue;
        char *field[6] = {0}, *save = NULL;
        int n = 0;
        for (char *f = strtok_r(line, "\t", &save); f && n < 6; f = strtok_r(NULL, "\t", &save)) field[n++] = f;
        if (n != 6) { fprintf(stderr, "bad spec line (%d fields)\n", n); return 1; }
        int pageno = atoi(field[1]);
        PopplerPage *page = poppler_document_get_page(doc, pageno - 1);
        if (!page) { fprintf(stderr, "no page %d\n", pageno); return 1; }
        GArray *boxes = g_array_new(FALSE, FALSE, sizeof(PopplerRectangle));
        if (!parse_boxes(field[2], boxes)) { fprintf(stderr, "bad boxes %s\n", field[2]); return 1; }
        PopplerRectangle all = g_array_index(boxes, PopplerRectangle, 0);
        GArray *quads = g_array_new(FALSE, FALSE, sizeof(PopplerQuadrilateral));
        for (guint i = 0; i < boxes->len; i++) {
            PopplerRectangle b = g_array_index(boxes, PopplerRectangle, i);
            if (b.x1 < all.x1) all.x1 = b.x1;
            if (b.y1 < all.y1) all.y1 = b.y1;
            if (b.x2 > all.x2) all.x2 = b.x2;
            if (b.y2 > all.y2) all.y2 = b.y2;
            PopplerQuadrilateral q; /* p1 upper left, p2 upper right, p3 lower left, p4 lower right */
            q.p1.x = b.x1; q.p1.y = b.y2;
            q.p2.x = b.x2; q.p2.y = b.y2;
            q.p3.x = b.x1; q.p3.y = b.y1;
            q.p4.x = b.x2; q.p4.y = b.y1;
            g_array_append_val(quads, q);
        }
        PopplerAnnot *annot;
        const char *kind = field[0];
        if (!strcmp(kind, "highlight")) annot = poppler_annot_text_markup_new_highlight(doc, &all, quads);
        else if (!strcmp(kind, "underline")) annot = poppler_annot_text_markup_new_underline(doc, &all, quads);
        else if (!strcmp(kind, "strikeout")) annot = poppler_annot_text_markup_new_strikeout(doc, &all, quads);
        else if (!strcmp(kind, "squiggly")) annot = poppler_annot_text_markup_new_squiggly(doc, &all, quads);
        else if (!strcmp(kind, "text")) annot = poppler_annot_text_new(doc, &all);
        else { fprintf(stderr, "unknown kind %s\n", kind); return 1; }
        if (strcmp(field[3], "-")) { unescape(field[3]); poppler_annot_set_contents(annot, field[3]); }
        if (strcmp(field[4], "-")) poppler_annot_markup_set_label(POPPLER_ANNOT_MARKUP(annot), field[4]);
        double r, g, b;
        if (sscanf(field[5], "%lf,%lf,%lf", &r, &g, &b) == 3) {
            PopplerColor c = {(guint16)(r * 65535), (guint16)(g * 65535), (guint16)(b * 65535)};
            poppler_annot_set_color(annot, &c);
        }
        poppler_page_add_annot(page, annot);
        g_object_unref(annot);
        g_array_free(quads, TRUE);
        g_array_free(boxes, TRUE);
        g_object_unref(page);
        count++;
    }
    fclose(spec);
    if (!poppler_document_save(doc, out_uri, &error)) { fprintf(stderr, "save failed: %s\n", error->message); return 1; }
    printf("poppler-annotate: %d annotations written to %s\n", count, argv[2]);
    g_object_unref(doc);
    return 0;
}
