/* kzfacts._scan: the candidate scan of numbers.scan, in one pass of C over the text.

   set_words(words): the number words to find (lower-case ASCII letters), once.
   candidates(text) -> list[tuple[int, int]] | None

   The (start, end) spans, in order, of
   * digit runs: what the standard library's engine finds with numbers._ASCII_DIGIT_RUN,
     [0-9½⅓⅔¼¾⅛⅜⅝⅞][0-9.,]*, a run of ASCII digits taking the "." just before it (".5");
   * number words: every maximal run of word characters (sre's \w: str.isalnum() or "_")
     whose lower-cased text is one of the words, as numbers._word_candidates finds them on
     text.lower(). A run of letters is packed into an integer as it is read and looked up in a
     sorted array: no string is made for it.

   None when the text holds a character for which the reference does something the C scan does
   not (see scannable()): a decimal digit other than 0-9, or İ, whose lower() is two characters.
   numbers.py then runs its own scans, the reference, on the lines that hold one. Everywhere else the C scan gives the very
   spans the reference does: tests/test_scan.py checks it on random texts, and the only
   character that lower() maps into ASCII, the Kelvin sign, is in no number word.

   Why C: the reference spends ~230 machine instructions per character of text on these scans
   (sre's charset test, ~30 str.find calls, lower()): about a fifth of extraction. The one pass
   below costs ~34 (callgrind on 160 KB of the seeds, compiled by gcc -O3; three passes cost ~59).
*/
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Character classes of numbers.py's scans; for Latin-1 from a table filled at import. */
#define RUN_START 1 /* [0-9½⅓⅔¼¾⅛⅜⅝⅞]: starts a digit run */
#define RUN_CHAR 2  /* [0-9.,]: continues one */
#define WORD 4      /* sre's \w: str.isalnum() or "_" (lower() changes no class in the ranges scanned) */
#define LETTER 8    /* [A-Za-z]: may spell a number word */
static unsigned char latin1[256];

static inline int
classes(Py_UCS4 c)
{
    if (c < 256) {
        return latin1[c];
    }
    int cls = Py_UNICODE_ISALNUM(c) ? WORD : 0;
    if (c == 0x2153 || c == 0x2154 || (c >= 0x215B && c <= 0x215E)) {
        cls |= RUN_START;
    }
    return cls;
}

/* Characters past Latin-1 that the scan handles as numbers.py does: blocks with no decimal digit
   (by the regex module's tables, which know more digits than Python's) whose lower() is one
   character of the same class (tests/test_scan.py checks every one of them). The rest (other
   digits, İ, whose lower() is two characters) make candidates() return None: numbers.py then
   asks again line by line, and runs its own scans on the lines declined. */
static inline int
scannable(Py_UCS4 c)
{
    return (c < 0x660 && c != 0x130)   /* Latin Extended, IPA, Greek, Cyrillic, Armenian, Hebrew, Arabic */
           || (c >= 0x1E00 && c < 0xA000)   /* Latin/Greek Extended, punctuation, symbols, CJK, kana */
           || (c >= 0xAC00 && c < 0xD7A4)   /* Hangul syllables */
           || (c >= 0xFE00 && c < 0xFE10)   /* variation selectors (emoji) */
           || (c >= 0x1F300 && c < 0x1FB00); /* pictographs and emoji */
}

static void
fill_latin1(void)
{
    for (Py_UCS4 c = 0; c < 256; c++) {
        int cls = Py_UNICODE_ISALNUM(c) || c == '_' ? WORD : 0;
        if ((c >= '0' && c <= '9') || (c >= 0xBC && c <= 0xBE)) {
            cls |= RUN_START;
        }
        if ((c >= '0' && c <= '9') || c == '.' || c == ',') {
            cls |= RUN_CHAR;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            cls |= LETTER;
        }
        latin1[c] = (unsigned char)cls;
    }
}

static int
append_span(PyObject *list, Py_ssize_t start, Py_ssize_t end)
{
    PyObject *a = PyLong_FromSsize_t(start);
    PyObject *b = PyLong_FromSsize_t(end);
    PyObject *span = (a && b) ? PyTuple_Pack(2, a, b) : NULL;
    Py_XDECREF(a);
    Py_XDECREF(b);
    if (span == NULL) {
        return -1;
    }
    int rc = PyList_Append(list, span);
    Py_DECREF(span);
    return rc;
}

/* The number words, each packed 5 bits a letter ('a' = 1) into a 64-bit key, sorted: a run of
   letters is looked up without making a string. Set once by set_words(). */
#define MAX_WORD 12
static uint64_t *word_keys = NULL;
static Py_ssize_t n_words = 0;
static Py_ssize_t shortest = MAX_WORD + 1, longest = 0;
static uint32_t openings[26];  /* bit k of openings[j]: some word starts with 'a' + j, 'a' + k (or is 'a' + j) */

static int
cmp_keys(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static int
has_key(uint64_t key)
{
    Py_ssize_t lo = 0, hi = n_words;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (word_keys[mid] < key) {
            lo = mid + 1;
        }
        else {
            hi = mid;
        }
    }
    return lo < n_words && word_keys[lo] == key;
}

static PyObject *
set_words(PyObject *module, PyObject *words)
{
    (void)module;
    PyObject *seq = PySequence_Fast(words, "set_words() needs an iterable of words");
    if (seq == NULL) {
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    uint64_t *keys = PyMem_Calloc(n ? n : 1, sizeof(uint64_t));
    if (keys == NULL) {
        Py_DECREF(seq);
        return PyErr_NoMemory();
    }
    Py_ssize_t lo = MAX_WORD + 1, hi = 0;
    uint32_t first[26] = {0};
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *w = PySequence_Fast_GET_ITEM(seq, i);
        Py_ssize_t len;
        const char *s = PyUnicode_Check(w) ? PyUnicode_AsUTF8AndSize(w, &len) : NULL;
        if (s == NULL || len < 1 || len > MAX_WORD) {
            PyMem_Free(keys);
            Py_DECREF(seq);
            if (!PyErr_Occurred()) {
                PyErr_Format(PyExc_ValueError, "set_words(): %R is not 1 to %d lower-case ASCII letters", w, MAX_WORD);
            }
            return NULL;
        }
        uint64_t key = 0;
        for (Py_ssize_t k = 0; k < len; k++) {
            if (s[k] < 'a' || s[k] > 'z') {
                PyMem_Free(keys);
                Py_DECREF(seq);
                PyErr_Format(PyExc_ValueError, "set_words(): %R is not 1 to %d lower-case ASCII letters", w, MAX_WORD);
                return NULL;
            }
            key |= (uint64_t)(s[k] - 'a' + 1) << (5 * k);
        }
        keys[i] = key;
        lo = len < lo ? len : lo;
        hi = len > hi ? len : hi;
        first[s[0] - 'a'] |= len > 1 ? 1u << (s[1] - 'a') : 0x3FFFFFFu;
    }
    Py_DECREF(seq);
    qsort(keys, (size_t)n, sizeof(uint64_t), cmp_keys);
    PyMem_Free(word_keys);
    word_keys = keys;
    n_words = n;
    shortest = lo;
    longest = hi;
    memcpy(openings, first, sizeof openings);
    Py_RETURN_NONE;
}

/* Is the run of ASCII letters [i, i + len) a number word? Its first two letters are checked
   first (most words start no number word); only then is it packed, 5 bits a letter, and looked up. */
static inline int
is_number_word(int kind, const void *data, Py_ssize_t i, Py_ssize_t len)
{
    if (len < shortest || len > longest) {
        return 0;
    }
    Py_UCS4 a = (PyUnicode_READ(kind, data, i) | 0x20) - 'a';
    Py_UCS4 b = len > 1 ? (PyUnicode_READ(kind, data, i + 1) | 0x20) - 'a' : 0;
    if (!((openings[a] >> b) & 1)) {
        return 0;
    }
    uint64_t key = 0;
    for (Py_ssize_t k = 0; k < len; k++) {
        key |= (uint64_t)((PyUnicode_READ(kind, data, i + k) | 0x20) - 'a' + 1) << (5 * k);
    }
    return has_key(key);
}

/* The scan for one string kind: ``kind`` is a constant wherever this is inlined, so each
   PyUnicode_READ is a plain array load.

   One pass over the text, reading each character's class once. Two cursors move through it
   together, as the two scans of the reference do, each on its own:
   * digit runs: at a run's start character past the end of the previous run (finditer never
     overlaps), the run is read ahead to its end;
   * word runs: a maximal run of word characters, judged when the first character after it (or
     the end of the text) is read: a number word if it is all letters, opens as one does and
     packs into one of the keys.
   Words and digit runs are merged by position at the end (they never share a start). Three
   passes (declined characters, digit runs, word runs) cost ~59 instructions a character, this
   one ~34, most of it the class look-up and two tests; a word is packed only when its first two
   letters open some number word. */
static inline __attribute__((always_inline)) PyObject *
scan(int kind, const void *data, Py_ssize_t n)
{
    PyObject *digits = PyList_New(0);
    PyObject *words = PyList_New(0);
    PyObject *out = NULL;
    if (digits == NULL || words == NULL) {
        goto error;
    }
    Py_ssize_t dend = 0;   /* where the last digit run ended */
    Py_ssize_t wstart = -1; /* where the word run being read started, or -1 */
    int letters = 0;        /* all its characters so far are ASCII letters */
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        int cls;
        if (kind == PyUnicode_1BYTE_KIND || c < 256) {
            cls = latin1[c];
        }
        else if (!scannable(c)) {
            Py_DECREF(digits);
            Py_DECREF(words);
            Py_RETURN_NONE;
        }
        else {
            cls = classes(c);
        }
        if (cls & WORD) {
            if (wstart < 0) {
                wstart = i;
                letters = LETTER;
            }
            letters &= cls;
        }
        else if (wstart >= 0) {
            if (letters && is_number_word(kind, data, wstart, i - wstart) && append_span(words, wstart, i) < 0) {
                goto error;
            }
            wstart = -1;
        }
        if ((cls & RUN_START) && i >= dend) {
            Py_ssize_t s = i, e = i + 1;
            while (e < n) {
                Py_UCS4 ce = PyUnicode_READ(kind, data, e);
                if (!((ce < 256 ? latin1[ce] : classes(ce)) & RUN_CHAR)) {
                    break;
                }
                e++;
            }
            if (s > 0 && c >= '0' && c <= '9' && PyUnicode_READ(kind, data, s - 1) == '.') {
                s--;
            }
            if (append_span(digits, s, e) < 0) {
                goto error;
            }
            dend = e;
        }
    }
    if (wstart >= 0 && letters && is_number_word(kind, data, wstart, n - wstart) && append_span(words, wstart, n) < 0) {
        goto error;
    }
    /* merged by start */
    Py_ssize_t nd = PyList_GET_SIZE(digits), nw = PyList_GET_SIZE(words);
    if (nw == 0) {
        Py_DECREF(words);
        return digits;
    }
    out = PyList_New(nd + nw);
    if (out == NULL) {
        goto error;
    }
    Py_ssize_t d = 0, w = 0;
    for (Py_ssize_t k = 0; k < nd + nw; k++) {
        PyObject *span;
        if (w >= nw || (d < nd && PyLong_AsSsize_t(PyTuple_GET_ITEM(PyList_GET_ITEM(digits, d), 0))
                                      < PyLong_AsSsize_t(PyTuple_GET_ITEM(PyList_GET_ITEM(words, w), 0)))) {
            span = PyList_GET_ITEM(digits, d++);
        }
        else {
            span = PyList_GET_ITEM(words, w++);
        }
        Py_INCREF(span);
        PyList_SET_ITEM(out, k, span);
    }
    Py_DECREF(digits);
    Py_DECREF(words);
    return out;

error:
    Py_XDECREF(digits);
    Py_XDECREF(words);
    Py_XDECREF(out);
    return NULL;
}

static PyObject *
candidates(PyObject *module, PyObject *text)
{
    (void)module;
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "candidates() needs a str, not %.100s", Py_TYPE(text)->tp_name);
        return NULL;
    }
    if (word_keys == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "candidates(): call set_words() first");
        return NULL;
    }
    if (PyUnicode_READY(text) < 0) {
        return NULL;
    }
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        return scan(PyUnicode_1BYTE_KIND, data, n);
    case PyUnicode_2BYTE_KIND:
        return scan(PyUnicode_2BYTE_KIND, data, n);
    default:
        return scan(PyUnicode_4BYTE_KIND, data, n);
    }
}

static PyMethodDef methods[] = {
    {"candidates", candidates, METH_O,
     "candidates(text) -> list[tuple[int, int]] | None\n\n"
     "Digit runs and number words of ``text`` in order (see kzfacts/_scan.c), or None where the\n"
     "text holds characters this scan leaves to numbers.py."},
    {"set_words", set_words, METH_O,
     "set_words(words) -> None\n\nThe number words candidates() finds: lower-case ASCII, 1 to 12 letters."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "kzfacts._scan", "The candidate scan of kzfacts.numbers, in C.", -1, methods,
};

PyMODINIT_FUNC
PyInit__scan(void)
{
    fill_latin1();
    return PyModule_Create(&module);
}
