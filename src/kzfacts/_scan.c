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
   (sre's charset test, ~30 str.find calls, lower()): about a fifth of extraction. These loops
   cost ~50 (callgrind, compiled by gcc -O3).
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
static uint32_t initials = 0;  /* bit k: some word starts with 'a' + k */

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
    uint32_t first = 0;
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
        first |= 1u << (s[0] - 'a');
    }
    Py_DECREF(seq);
    qsort(keys, (size_t)n, sizeof(uint64_t), cmp_keys);
    PyMem_Free(word_keys);
    word_keys = keys;
    n_words = n;
    shortest = lo;
    longest = hi;
    initials = first;
    Py_RETURN_NONE;
}

/* The scan for one string kind: ``kind`` is a constant wherever this is inlined, so each
   PyUnicode_READ is a plain array load. */
static inline __attribute__((always_inline)) PyObject *
scan(int kind, const void *data, Py_ssize_t n)
{
    if (kind != PyUnicode_1BYTE_KIND) {
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (c >= 0x100 && !scannable(c)) {
                Py_RETURN_NONE;
            }
        }
    }
    PyObject *digits = PyList_New(0);
    PyObject *out = PyList_New(0);
    if (digits == NULL || out == NULL) {
        goto error;
    }
    /* digit runs, left to right, never overlapping (finditer) */
    for (Py_ssize_t i = 0; i < n;) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (!(classes(c) & RUN_START)) {
            i++;
            continue;
        }
        Py_ssize_t s = i, e = i + 1;
        while (e < n && (classes(PyUnicode_READ(kind, data, e)) & RUN_CHAR)) {
            e++;
        }
        if (s > 0 && c >= '0' && c <= '9' && PyUnicode_READ(kind, data, s - 1) == '.') {
            s--;
        }
        if (append_span(digits, s, e) < 0) {
            goto error;
        }
        i = e;
    }
    /* number words, merged with the digit runs by position (they never share a start) */
    Py_ssize_t d = 0, nd = PyList_GET_SIZE(digits);
    for (Py_ssize_t i = 0; i < n;) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (!(classes(c) & WORD)) {
            i++;
            continue;
        }
        /* a maximal run of word characters (\b at both ends), packed while it is all letters */
        Py_ssize_t j = i;
        uint64_t key = 0;
        int letters = 1;
        while (j < n) {
            Py_UCS4 cj = PyUnicode_READ(kind, data, j);
            int cls = classes(cj);
            if (!(cls & WORD)) {
                break;
            }
            if (letters && (cls & LETTER) && j - i < MAX_WORD) {
                key |= (uint64_t)((cj | 0x20) - 'a' + 1) << (5 * (j - i));
            }
            else {
                letters = 0;
            }
            j++;
        }
        Py_ssize_t len = j - i;
        if (letters && len >= shortest && len <= longest && (initials >> ((c | 0x20) - 'a')) & 1 && has_key(key)) {
            for (; d < nd; d++) {
                PyObject *span = PyList_GET_ITEM(digits, d);
                if (PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 0)) > i) {
                    break;
                }
                if (PyList_Append(out, span) < 0) {
                    goto error;
                }
            }
            if (append_span(out, i, j) < 0) {
                goto error;
            }
        }
        i = j;
    }
    for (; d < nd; d++) {
        if (PyList_Append(out, PyList_GET_ITEM(digits, d)) < 0) {
            goto error;
        }
    }
    Py_DECREF(digits);
    return out;

error:
    Py_XDECREF(digits);
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
