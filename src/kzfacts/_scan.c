/* kzfacts._scan: the candidate scan of numbers.scan, in one pass of C over the text.

   set_words(words): the number words to find (lower-case ASCII letters), once.
   candidates(text) -> list[tuple[int, int]] | None

   The (start, end) spans, in order, of
   * digit runs: what the standard library's engine finds with numbers._ASCII_DIGIT_RUN_PATTERN,
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
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* 0 if ``text`` is a ready str; else -1 with a TypeError naming the function. */
static int
need_str(PyObject *text, const char *function)
{
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "%s() needs a str, not %.100s", function, Py_TYPE(text)->tp_name);
        return -1;
    }
    return PyUnicode_READY(text);
}

/* scan(kind, data, ...) with the string's kind as a constant: each always-inline scan below is
   compiled once per kind, so that reading a character is one load. */
#define BY_KIND(scan, text, ...)                                                                   \
    (PyUnicode_KIND(text) == PyUnicode_1BYTE_KIND   ? scan(PyUnicode_1BYTE_KIND, PyUnicode_DATA(text), __VA_ARGS__) \
     : PyUnicode_KIND(text) == PyUnicode_2BYTE_KIND ? scan(PyUnicode_2BYTE_KIND, PyUnicode_DATA(text), __VA_ARGS__) \
                                                    : scan(PyUnicode_4BYTE_KIND, PyUnicode_DATA(text), __VA_ARGS__))

/* Character classes of numbers.py's scans; for Latin-1 from a table filled at import. */
#define RUN_START 1 /* [0-9½⅓⅔¼¾⅛⅜⅝⅞]: starts a digit run */
#define RUN_CHAR 2  /* [0-9.,]: continues one */
#define WORD 4      /* sre's \w: str.isalnum() or "_" (lower() changes no class in the ranges scanned) */
#define LETTER 8    /* [A-Za-z]: may spell a number word */
#define NOTWORD 16  /* not WORD: ends a run of word characters */
static unsigned char latin1[256];
static unsigned char zone_first[256]; /* h w d [: where zones_scan looks closer (a URL literal or a bracket starts) */

static inline int
classes(Py_UCS4 c)
{
    if (c < 256) {
        return latin1[c];
    }
    int cls = Py_UNICODE_ISALNUM(c) ? WORD : NOTWORD;
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
        latin1[c] = (unsigned char)(cls | (cls & WORD ? 0 : NOTWORD));
        zone_first[c] = c == 'h' || c == 'w' || c == 'd' || c == '[';
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
   passes (declined characters, digit runs, word runs) cost ~59 instructions a character, one
   pass testing every character for all of it ~26. The loops below cost ~19: between words a
   character is one test (not a word character, no run start), and inside a word the plain
   letters, most of the text, are one test too (NOTWORD or RUN_START); a word is packed only when
   its first two letters open some number word. */
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
    Py_ssize_t i = 0;
    Py_UCS4 c;
    int cls;
/* c and cls of the character at i; a character the scan leaves to Python ends it (None) */
#define CLASSIFY()                                                      \
    do {                                                                \
        c = PyUnicode_READ(kind, data, i);                              \
        if (kind == PyUnicode_1BYTE_KIND || c < 256) {                  \
            cls = latin1[c];                                            \
        }                                                               \
        else if (!scannable(c)) {                                       \
            Py_DECREF(digits);                                          \
            Py_DECREF(words);                                           \
            Py_RETURN_NONE;                                             \
        }                                                               \
        else {                                                          \
            cls = classes(c);                                           \
        }                                                               \
    } while (0)
    while (i < n) {
        /* between words: spaces and punctuation, one test a character */
        CLASSIFY();
        if (!(cls & (WORD | RUN_START))) {
            i++;
            continue;
        }
        /* a run of word characters from i (every run start is one: digits and the vulgar
           fractions are alphanumeric), with the digit runs that start inside it */
        Py_ssize_t wstart = i;
        int letters = LETTER;
        for (;;) {
            letters &= cls;
            if (cls & RUN_START && i >= dend) {
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
            /* the plain letters of the run: one test each */
            for (;;) {
                if (++i >= n) {
                    goto run_end;
                }
                CLASSIFY();
                if (cls & (NOTWORD | RUN_START)) {
                    break;
                }
                letters &= cls;
            }
            if (cls & NOTWORD) {
                break;
            }
        }
    run_end:
        if (letters && is_number_word(kind, data, wstart, i - wstart) && append_span(words, wstart, i) < 0) {
            goto error;
        }
        /* the character at i, if any, ends the run: no word character, no run start; looked at again above */
    }
#undef CLASSIFY
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
    if (need_str(text, "candidates") < 0) {
        return NULL;
    }
    if (word_keys == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "candidates(): call set_words() first");
        return NULL;
    }
    return BY_KIND(scan, text, PyUnicode_GET_LENGTH(text));
}

/* ---- sentence_spans(text, a, b, abbreviations) -> list[tuple[int, int]] | None -------------

   text._sentence_spans in C: the sentences of text[a:b], trimmed of surrounding space, found as
   text._BOUNDARY finds them (end punctuation, closing quotes, footnote markers, spaces, then a
   capital or digit; or line breaks) and kept where the word before the full stop is not an
   abbreviation or an initial (text._LAST_WORD, then ``abbreviations``).

   None where a decision needs a character outside the ranges classified here (see word_char,
   upper_or_digit): text.py then runs its Python reference on that line. tests/test_scan.py
   checks that both give the same spans on random texts and that every class below agrees with
   the regex module's, character by character.

   Why C: ~7.6 M of ~98 M instructions per 160 KB of the seeds went to these few lines of
   Python and four regex calls per sentence end. */

static inline int
regex_space(Py_UCS4 c)  /* the regex module's \s (Unicode White_Space) */
{
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
           || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
           || c == 0x3000;
}

static inline int
closer(Py_UCS4 c)  /* ["'”’»)\]] */
{
    return c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == 0xBB || c == ')' || c == ']';
}

static inline int
opener(Py_UCS4 c)  /* ["'“‘«(\[] */
{
    return c == '"' || c == '\'' || c == 0x201C || c == 0x2018 || c == 0xAB || c == '(' || c == '[';
}

static inline int
end_punct(Py_UCS4 c)  /* [.!?…] */
{
    return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

/* Latin-1, Latin Extended-A/B, IPA, spacing modifiers, combining marks, general punctuation:
   blocks whose classes are stable across Unicode versions (the regex module's tables and
   Python's may be of different versions). */
static inline int
classified(Py_UCS4 c)
{
    return c < 0x370 || (c >= 0x2000 && c < 0x2070);
}

/* The regex module's \w: 1 or 0, or -1 when the character is not classified here. */
static inline int
word_char(Py_UCS4 c)
{
    if (c < 128) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }
    if (!classified(c)) {
        return -1;
    }
    return Py_UNICODE_ISALPHA(c) || Py_UNICODE_ISDECIMAL(c) || (c >= 0x300 && c < 0x370) /* marks */
           || c == 0x345 || c == 0x200C || c == 0x200D || c == 0x203F || c == 0x2040 || c == 0x2054;
}

/* [\p{Lu}\d]: 1 or 0, or -1 when not classified here. An uppercase letter is a letter with the
   Uppercase property: the other Uppercase characters (Ⓐ, Ⅻ) are not letters. */
static inline int
upper_or_digit(Py_UCS4 c)
{
    if (c < 128) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    }
    if (!classified(c)) {
        return -1;
    }
    return (Py_UNICODE_ISALPHA(c) && Py_UNICODE_ISUPPER(c)) || Py_UNICODE_ISDECIMAL(c);
}

#define NO_MATCH (-1)
#define UNKNOWN (-2)

/* Where text._BOUNDARY matching at i (endpos b) ends; NO_MATCH, or UNKNOWN. *punct: alternative 1. */
static Py_ssize_t
boundary_at(int kind, const void *data, Py_ssize_t i, Py_ssize_t b, int *punct)
{
    Py_UCS4 c = PyUnicode_READ(kind, data, i);
    if (end_punct(c)) {
        *punct = 1;
        Py_ssize_t j = i + 1;
        while (j < b && closer(PyUnicode_READ(kind, data, j))) {
            j++;
        }
        while (j < b && PyUnicode_READ(kind, data, j) == '[') {  /* (?:\[\w{1,6}\])* */
            Py_ssize_t k = j + 1;
            while (k < b && k - j <= 6) {
                int w = word_char(PyUnicode_READ(kind, data, k));
                if (w < 0) {
                    return UNKNOWN;
                }
                if (!w) {
                    break;
                }
                k++;
            }
            if (k == j + 1 || k >= b || PyUnicode_READ(kind, data, k) != ']') {
                break;
            }
            j = k + 1;
        }
        Py_ssize_t s = j;
        while (j < b) {  /* [^\S\n]+ */
            Py_UCS4 d = PyUnicode_READ(kind, data, j);
            if (d == '\n' || !regex_space(d)) {
                break;
            }
            j++;
        }
        if (j == s || j >= b) {
            return NO_MATCH;
        }
        Py_UCS4 d = PyUnicode_READ(kind, data, j);  /* (?=["'“‘«(\[]?[\p{Lu}\d]) */
        if (opener(d)) {
            if (j + 1 >= b) {
                return NO_MATCH;
            }
            int u = upper_or_digit(PyUnicode_READ(kind, data, j + 1));
            return u < 0 ? UNKNOWN : (u ? j : NO_MATCH);
        }
        int u = upper_or_digit(d);
        return u < 0 ? UNKNOWN : (u ? j : NO_MATCH);
    }
    *punct = 0;
    Py_ssize_t j = i;  /* \r?\n(?:[^\S\n]*\r?\n)*[^\S\n]* */
    if (c == '\r') {
        j++;
    }
    if (j >= b || PyUnicode_READ(kind, data, j) != '\n') {
        return NO_MATCH;
    }
    j++;
    for (;;) {
        Py_ssize_t k = j;
        while (k < b) {
            Py_UCS4 d = PyUnicode_READ(kind, data, k);
            if (d == '\n' || !regex_space(d)) {
                break;
            }
            k++;
        }
        if (k < b && PyUnicode_READ(kind, data, k) == '\n') {
            j = k + 1;  /* the space and \r before it were [^\S\n]*\r? */
            continue;
        }
        return k;
    }
}

/* Is the word before the full stop at i an abbreviation or an initial? 1, 0, or -1 (error or
   not classified). text._LAST_WORD: the longest run of [\w.] ending at i, not before lo. */
static int
abbreviation(int kind, const void *data, Py_ssize_t lo, Py_ssize_t i, PyObject *abbreviations)
{
    Py_ssize_t k = i;
    int ascii = 1;
    while (k > lo) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k - 1);
        int w = c == '.' ? 1 : word_char(c);
        if (w < 0) {
            return -1;
        }
        if (!w) {
            break;
        }
        if (c >= 128) {
            ascii = 0;
        }
        k--;
    }
    Py_ssize_t e = i;
    while (e > k && PyUnicode_READ(kind, data, e - 1) == '.') {  /* .rstrip(".") */
        e--;
    }
    if (e == k) {
        return 0;
    }
    if (!ascii) {  /* no abbreviation has a letter past ASCII; one letter is an initial */
        if (e - k != 1) {
            return 0;
        }
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (c == 0x130) {
            return -1;  /* İ: lower() gives two characters */
        }
        return Py_UNICODE_ISALPHA(c) ? 1 : 0;
    }
    if (e - k == 1) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return 1;
        }
    }
    if (e - k > 16) {
        return 0;  /* longer than any abbreviation */
    }
    char buf[17];
    for (Py_ssize_t t = k; t < e; t++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, t);
        buf[t - k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    PyObject *word = PyUnicode_FromStringAndSize(buf, e - k);
    if (word == NULL) {
        return -1;
    }
    int found = PySet_Contains(abbreviations, word);
    Py_DECREF(word);
    return found;
}

static int
add_trimmed(int kind, const void *data, PyObject *spans, Py_ssize_t start, Py_ssize_t end)
{
    while (start < end && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, start))) {
        start++;
    }
    while (end > start && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1))) {
        end--;
    }
    return end > start ? append_span(spans, start, end) : 0;
}

/* Inlined once per string kind (BY_KIND in sentence_spans below). */
static inline __attribute__((always_inline)) PyObject *
sentences_scan(int kind, const void *data, Py_ssize_t a, Py_ssize_t b, PyObject *abbreviations)
{
    PyObject *spans = PyList_New(0);
    if (spans == NULL) {
        return NULL;
    }
    Py_ssize_t start = a;
    for (Py_ssize_t i = a; i < b; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (!(end_punct(c) || c == '\r' || c == '\n')) {
            continue;
        }
        int punct = 0;
        Py_ssize_t m_end = boundary_at(kind, data, i, b, &punct);
        if (m_end == UNKNOWN) {
            goto unknown;
        }
        if (m_end == NO_MATCH) {
            continue;
        }
        Py_ssize_t end = i;
        if (punct) {
            end = i + 1;
            Py_ssize_t lo = i - 40 > start ? i - 40 : start;
            int abbr = abbreviation(kind, data, lo, i, abbreviations);
            if (abbr < 0) {
                if (PyErr_Occurred()) {
                    Py_DECREF(spans);
                    return NULL;
                }
                goto unknown;
            }
            if (abbr) {
                i = m_end - 1;  /* the next boundary starts after this match (finditer) */
                continue;
            }
        }
        if (add_trimmed(kind, data, spans, start, end) < 0) {
            Py_DECREF(spans);
            return NULL;
        }
        start = m_end;
        i = m_end - 1;
    }
    if (add_trimmed(kind, data, spans, start, b) < 0) {
        Py_DECREF(spans);
        return NULL;
    }
    return spans;

unknown:
    Py_DECREF(spans);
    Py_RETURN_NONE;
}

static PyObject *
sentence_spans(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4 || !PyUnicode_Check(args[0]) || !PyAnySet_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError, "sentence_spans(text: str, a: int, b: int, abbreviations: frozenset)");
        return NULL;
    }
    PyObject *text = args[0];
    if (PyUnicode_READY(text) < 0) {
        return NULL;
    }
    Py_ssize_t a = PyLong_AsSsize_t(args[1]), b = PyLong_AsSsize_t(args[2]);
    if ((a == -1 || b == -1) && PyErr_Occurred()) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (a < 0 || b > n || a > b) {
        PyErr_SetString(PyExc_ValueError, "sentence_spans(): need 0 <= a <= b <= len(text)");
        return NULL;
    }
    return BY_KIND(sentences_scan, text, a, b, args[3]);
}


/* ---- zones(text) -> (urls, markers, labels) ----------------------------------------------

   The pieces of text._excluded_spans that read every character, in one pass of C:
   * urls: the spans of text._urls (text._URL tried where "http", "www." or "doi:" starts);
   * markers: the spans of text._bracketed(text._MARKER, text), "[12]", "[xxi]";
   * labels: the spans of text._bracketed(text._FOOTNOTE_LABEL, text), "[xii] A", before the
     line-start check.
   markers and labels are None when a bracket holds a character past ASCII where the patterns
   read a digit or a letter (the regex module knows digits Python's tables do not, and İ folds
   to i): text.py then runs its own scans. The URL patterns read only the regex module's \s,
   which regex_space gives exactly, so urls is always given. */

static inline int
url_char(Py_UCS4 c)  /* [^\s<>"')\]] */
{
    return !(regex_space(c) || c == '<' || c == '>' || c == '"' || c == '\'' || c == ')' || c == ']');
}

static inline int
starts_with(int kind, const void *data, Py_ssize_t n, Py_ssize_t i, const char *lit)
{
    for (Py_ssize_t k = 0; lit[k]; k++) {
        if (i + k >= n || PyUnicode_READ(kind, data, i + k) != (Py_UCS4)(unsigned char)lit[k]) {
            return 0;
        }
    }
    return 1;
}

/* Where text._URL matching at i ends, or NO_MATCH. */
static Py_ssize_t
url_at(int kind, const void *data, Py_ssize_t n, Py_ssize_t i)
{
    Py_ssize_t j = -1;
    if (starts_with(kind, data, n, i, "https://")) {
        j = i + 8;
    }
    else if (starts_with(kind, data, n, i, "http://")) {
        j = i + 7;
    }
    else if (starts_with(kind, data, n, i, "www.")) {
        j = i + 4;
    }
    if (j >= 0) {
        Py_ssize_t k = j;
        while (k < n && url_char(PyUnicode_READ(kind, data, k))) {
            k++;
        }
        if (k > j) {
            return k;
        }
    }
    if (starts_with(kind, data, n, i, "doi:")) {  /* doi:\S+ */
        Py_ssize_t k = i + 4;
        while (k < n && !regex_space(PyUnicode_READ(kind, data, k))) {
            k++;
        }
        if (k > i + 4) {
            return k;
        }
    }
    return NO_MATCH;
}

static inline int
roman_char(Py_UCS4 c)  /* [ivxlcdmIVXLCDM] */
{
    return c == 'i' || c == 'v' || c == 'x' || c == 'l' || c == 'c' || c == 'd' || c == 'm'
           || c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C' || c == 'D' || c == 'M';
}

/* Where text._MARKER, \[(?:\d{1,3}|[ivxlcdmIVXLCDM]{1,8})\], matching at the "[" at i ends;
   NO_MATCH, or UNKNOWN when it reads a character past ASCII. */
static Py_ssize_t
marker_at(int kind, const void *data, Py_ssize_t n, Py_ssize_t i)
{
    Py_ssize_t j = i + 1;
    while (j < n && j - i <= 3) {  /* \d{1,3} */
        Py_UCS4 c = PyUnicode_READ(kind, data, j);
        if (c >= 128) {
            return UNKNOWN;
        }
        if (c < '0' || c > '9') {
            break;
        }
        j++;
    }
    if (j > i + 1) {  /* a digit cannot start the roman alternative */
        return j < n && PyUnicode_READ(kind, data, j) == ']' ? j + 1 : NO_MATCH;
    }
    while (j < n && j - i <= 8 && roman_char(PyUnicode_READ(kind, data, j))) {  /* [ivxlcdmIVXLCDM]{1,8} */
        j++;
    }
    return j > i + 1 && j < n && PyUnicode_READ(kind, data, j) == ']' ? j + 1 : NO_MATCH;
}

/* Where text._FOOTNOTE_LABEL, (?i)\[(?:[ivxlcdm]+|\d+)\][ \t]*\S, matching at the "[" at i
   ends; NO_MATCH, or UNKNOWN when it reads a character past ASCII where a letter or digit could
   be (İ is one of (?i)[ivxlcdm]). */
static Py_ssize_t
label_at(int kind, const void *data, Py_ssize_t n, Py_ssize_t i)
{
    Py_ssize_t j = i + 1;
    while (j < n && roman_char(PyUnicode_READ(kind, data, j))) {
        j++;
    }
    if (j == i + 1) {
        while (j < n && PyUnicode_READ(kind, data, j) >= '0' && PyUnicode_READ(kind, data, j) <= '9') {
            j++;
        }
    }
    if (j < n && PyUnicode_READ(kind, data, j) >= 128) {
        return UNKNOWN;
    }
    if (j == i + 1 || j >= n || PyUnicode_READ(kind, data, j) != ']') {
        return NO_MATCH;
    }
    j++;
    while (j < n && (PyUnicode_READ(kind, data, j) == ' ' || PyUnicode_READ(kind, data, j) == '\t')) {
        j++;
    }
    return j < n && !regex_space(PyUnicode_READ(kind, data, j)) ? j + 1 : NO_MATCH;
}

/* Inlined once per string kind (BY_KIND in zones() below). A URL
   literal is looked for only where its first two characters are ("ht", "ww", "do"). */
static inline __attribute__((always_inline)) PyObject *
zones_scan(int kind, const void *data, Py_ssize_t n)
{
    PyObject *urls = PyList_New(0), *markers = PyList_New(0), *labels = PyList_New(0);
    if (urls == NULL || markers == NULL || labels == NULL) {
        goto error;
    }
    int unknown = 0;
    Py_ssize_t url_done = 0, marker_done = 0, label_done = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
#if defined(__SSE2__)
        if (kind == PyUnicode_2BYTE_KIND) {
            /* news with curly quotes is 2-byte: eight characters at a time, past those where
               nothing below happens (no "ht", "ww" or "do" pair, no "["), to the first that may */
            const Py_UCS2 *u = (const Py_UCS2 *)data;
            const __m128i h = _mm_set1_epi16('h'), t = _mm_set1_epi16('t'), w = _mm_set1_epi16('w');
            const __m128i d = _mm_set1_epi16('d'), o = _mm_set1_epi16('o'), lb = _mm_set1_epi16('[');
            while (i + 9 <= n) {
                __m128i v0 = _mm_loadu_si128((const __m128i *)(u + i));
                __m128i v1 = _mm_loadu_si128((const __m128i *)(u + i + 1));
                __m128i m = _mm_or_si128(
                    _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi16(v0, h), _mm_cmpeq_epi16(v1, t)),
                                 _mm_and_si128(_mm_cmpeq_epi16(v0, w), _mm_cmpeq_epi16(v1, w))),
                    _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi16(v0, d), _mm_cmpeq_epi16(v1, o)),
                                 _mm_cmpeq_epi16(v0, lb)));
                int bits = _mm_movemask_epi8(m);
                if (bits) {
                    i += __builtin_ctz((unsigned)bits) / 2;
                    break;
                }
                i += 8;
            }
            if (i >= n) {
                break;
            }
        }
#endif
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c > 255 || !zone_first[c]) {
            continue;  /* most characters: one table look-up, not four tests */
        }
        Py_UCS4 c1 = i + 1 < n ? PyUnicode_READ(kind, data, i + 1) : 0;
        if (((c == 'h' && c1 == 't') || (c == 'w' && c1 == 'w') || (c == 'd' && c1 == 'o')) && i >= url_done
                && (starts_with(kind, data, n, i, "http") || starts_with(kind, data, n, i, "www.")
                    || starts_with(kind, data, n, i, "doi:"))) {
            Py_ssize_t e = url_at(kind, data, n, i);
            if (e != NO_MATCH) {
                if (append_span(urls, i, e) < 0) {
                    goto error;
                }
                url_done = e;
            }
        }
        else if (c == '[' && !unknown) {
            if (i >= marker_done) {
                Py_ssize_t e = marker_at(kind, data, n, i);
                if (e == UNKNOWN) {
                    unknown = 1;
                    continue;
                }
                if (e != NO_MATCH) {
                    if (append_span(markers, i, e) < 0) {
                        goto error;
                    }
                    marker_done = e;
                }
            }
            if (i >= label_done) {
                Py_ssize_t e = label_at(kind, data, n, i);
                if (e == UNKNOWN) {
                    unknown = 1;
                    continue;
                }
                if (e != NO_MATCH) {
                    if (append_span(labels, i, e) < 0) {
                        goto error;
                    }
                    label_done = e;
                }
            }
        }
    }
    if (unknown) {
        Py_DECREF(markers);
        Py_DECREF(labels);
        return Py_BuildValue("(NOO)", urls, Py_None, Py_None);
    }
    return Py_BuildValue("(NNN)", urls, markers, labels);

error:
    Py_XDECREF(urls);
    Py_XDECREF(markers);
    Py_XDECREF(labels);
    return NULL;
}

static PyObject *
zones(PyObject *module, PyObject *text)
{
    (void)module;
    if (need_str(text, "zones") < 0) {
        return NULL;
    }
    return BY_KIND(zones_scan, text, PyUnicode_GET_LENGTH(text));
}

/* ---- line_starts(text) -> list[int] ------------------------------------------------------

   text.LineIndex in C: 0, then the offset after each "\n" (text.reference_line_starts is the
   definition). Per line the Python loop paid a str.find call and a list append from compiled
   code (~2.6 M of ~84 M instructions per 160 KB: two indexes a chunk); memchr finds the line
   breaks of a Latin-1 text at memory speed. */
static inline __attribute__((always_inline)) PyObject *
line_starts_scan(int kind, const void *data, Py_ssize_t n)
{
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
    Py_ssize_t start = 0;
    for (;;) {
        PyObject *v = PyLong_FromSsize_t(start);
        if (v == NULL || PyList_Append(out, v) < 0) {
            Py_XDECREF(v);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(v);
        Py_ssize_t i = start;
        if (kind == PyUnicode_1BYTE_KIND) {
            const char *hit = i < n ? memchr((const char *)data + i, '\n', (size_t)(n - i)) : NULL;
            i = hit == NULL ? n : hit - (const char *)data;
        }
        else {  /* kind is a constant here (BY_KIND): a plain 2- or 4-byte load a character */
            if (kind == PyUnicode_2BYTE_KIND) {
                /* news with curly quotes or dashes is 2-byte: four characters at a time, stopping
                   at the block with a "\n" (a zero 16-bit lane of w ^ 0x000A...: the classic test) */
                const Py_UCS2 *u = (const Py_UCS2 *)data;
                while (i + 4 <= n) {
                    uint64_t w;
                    memcpy(&w, u + i, sizeof w);
                    w ^= 0x000A000A000A000AULL;
                    if ((w - 0x0001000100010001ULL) & ~w & 0x8000800080008000ULL) {
                        break;
                    }
                    i += 4;
                }
            }
            while (i < n && PyUnicode_READ(kind, data, i) != '\n') {
                i++;
            }
        }
        if (i >= n) {
            return out;
        }
        start = i + 1;
    }
}

static PyObject *
line_starts(PyObject *module, PyObject *text)
{
    (void)module;
    if (need_str(text, "line_starts") < 0) {
        return NULL;
    }
    return BY_KIND(line_starts_scan, text, PyUnicode_GET_LENGTH(text));
}

/* ---- plain_digits_end(text, pos) -> int ------------------------------------------------------

   numbers._plain_digits_end in C (that function is the definition, and tests/test_scan_plain.py
   compares the two): where _MASTER's match at ``pos`` ends when it is a plain number read by
   group d alone, or -1 where the pattern must decide. ~30 instructions, against ~1,700 compiled. */
static inline int
no_digit(Py_UCS4 c)
{
    return (c < 0x660 && !(c >= '0' && c <= '9')) || (c >= 0x2000 && c <= 0x2FFF);
}

static inline int
vulgar(Py_UCS4 c)
{
    return c == 0xBC || c == 0xBD || c == 0xBE || c == 0x2153 || c == 0x2154 || (c >= 0x215B && c <= 0x215E);
}

static inline int
ascii_digit(Py_UCS4 c)
{
    return c >= '0' && c <= '9';
}

static inline __attribute__((always_inline)) Py_ssize_t
plain_digits_scan(int kind, const void *data, Py_ssize_t n, Py_ssize_t pos)
{
#define AT(i) PyUnicode_READ(kind, data, (i))
    if (!ascii_digit(AT(pos))) {
        return -1;
    }
    if (pos > 0) {
        Py_UCS4 b = AT(pos - 1);
        if (!no_digit(b) || ((b == '.' || b == ',') && pos > 1 && !no_digit(AT(pos - 2)))) {
            return -1;
        }
    }
    Py_ssize_t q = pos + 1;
    while (q < n && ascii_digit(AT(q))) {
        q++;
    }
    Py_ssize_t end = q;
    if (q - pos <= 3) {
        while (end + 3 < n && AT(end) == ',' && ascii_digit(AT(end + 1)) && ascii_digit(AT(end + 2))
               && ascii_digit(AT(end + 3))) {
            end += 4;
        }
    }
    if (end + 1 < n && AT(end) == '.' && ascii_digit(AT(end + 1))) {
        end += 2;
        while (end < n && ascii_digit(AT(end))) {
            end++;
        }
    }
    if (end < n) {
        Py_UCS4 a = AT(end);
        if (!no_digit(a) || a == '/' || vulgar(a)) {
            return -1;
        }
        if (end + 1 < n && (a == '.' || a == ',' || a == '\t' || a == ' ')) {
            Py_UCS4 c = AT(end + 1);
            if (!no_digit(c) || vulgar(c)) {
                return -1;
            }
        }
    }
    return end;
#undef AT
}

static PyObject *
plain_digits_end(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "plain_digits_end(text, pos) takes two arguments");
        return NULL;
    }
    PyObject *text = args[0];
    if (need_str(text, "plain_digits_end") < 0) {
        return NULL;
    }
    Py_ssize_t pos = PyLong_AsSsize_t(args[1]);
    if (pos == -1 && PyErr_Occurred()) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (pos < 0 || pos >= n) {
        PyErr_SetString(PyExc_IndexError, "plain_digits_end(): pos out of range");
        return NULL;
    }
    return PyLong_FromSsize_t(BY_KIND(plain_digits_scan, text, n, pos));
}

/* ---- year_word(sentence) -> bool --------------------------------------------------------------

   The test before context._SAME_YEAR (context.reference_year_word is the definition): does
   ``sentence.lower()`` hold "year" or "period", or the sentence a letter that IGNORECASE folds to
   ASCII and lower() does not (İ, ſ, the Kelvin sign)? lower() changes ASCII letters only into
   ASCII letters, and of the rest only İ ("i" + U+0307) and the Kelvin sign ("k") lower to any
   ASCII letter, inside neither word: so the words are looked for case-blind in ASCII, in one pass
   that makes no lower-cased copy (~4,000 instructions compiled on a 180-character sentence with
   a curly quote, ~5 a character here). */
static inline int
word_at(int kind, const void *data, Py_ssize_t n, Py_ssize_t i, const char *word, Py_ssize_t len)
{
    if (i + len > n) {
        return 0;
    }
    for (Py_ssize_t k = 0; k < len; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i + k);
        if (c >= 'A' && c <= 'Z') {
            c += 'a' - 'A';
        }
        if (c != (Py_UCS4)word[k]) {
            return 0;
        }
    }
    return 1;
}

static inline __attribute__((always_inline)) int
year_word_scan(int kind, const void *data, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c == 'y' || c == 'Y') {
            if (word_at(kind, data, n, i, "year", 4)) {
                return 1;
            }
        }
        else if (c == 'p' || c == 'P') {
            if (word_at(kind, data, n, i, "period", 6)) {
                return 1;
            }
        }
        else if (kind != PyUnicode_1BYTE_KIND && (c == 0x130 || c == 0x17F || c == 0x212A)) {
            return 1;
        }
    }
    return 0;
}

static PyObject *
year_word(PyObject *module, PyObject *text)
{
    (void)module;
    if (need_str(text, "year_word") < 0) {
        return NULL;
    }
    return PyBool_FromLong(BY_KIND(year_word_scan, text, PyUnicode_GET_LENGTH(text)));
}

/* ---- maybe_year(sentence) -> bool ----------------------------------------------------------

   context._maybe_year in C (the definition, with context._MAYBE_YEAR behind it): a year's shape,
   (?:1[5-9]|20)(?:[0-9]|[^\x00-\x7f]){2}|21(?:0|[^\x00-\x7f]){2}, somewhere in the sentence.
   ~3,800 instructions a sentence compiled (str.find calls and one-character strings), ~2 a
   character here. */
static inline int
year_digit(Py_UCS4 c)
{
    return (c >= '0' && c <= '9') || c > 0x7F;
}

static inline int
zero_or_wide(Py_UCS4 c)
{
    return c == '0' || c > 0x7F;
}

static inline __attribute__((always_inline)) int
maybe_year_scan(int kind, const void *data, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i + 3 < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c != '1' && c != '2') {
            continue;
        }
        Py_UCS4 c1 = PyUnicode_READ(kind, data, i + 1);
        Py_UCS4 c2 = PyUnicode_READ(kind, data, i + 2);
        Py_UCS4 c3 = PyUnicode_READ(kind, data, i + 3);
        if (c == '1' ? c1 >= '5' && c1 <= '9' && year_digit(c2) && year_digit(c3)
                     : (c1 == '0' && year_digit(c2) && year_digit(c3)) || (c1 == '1' && zero_or_wide(c2) && zero_or_wide(c3))) {
            return 1;
        }
    }
    return 0;
}

static PyObject *
maybe_year(PyObject *module, PyObject *text)
{
    (void)module;
    if (need_str(text, "maybe_year") < 0) {
        return NULL;
    }
    return PyBool_FromLong(BY_KIND(maybe_year_scan, text, PyUnicode_GET_LENGTH(text)));
}

static PyMethodDef methods[] = {
    {"maybe_year", maybe_year, METH_O,
     "maybe_year(sentence) -> bool\n\ncontext._maybe_year in C: could the sentence hold a year?"},
    {"plain_digits_end", (PyCFunction)(void (*)(void))plain_digits_end, METH_FASTCALL,
     "plain_digits_end(text, pos) -> int\n\nnumbers._plain_digits_end in C: where a plain number read at pos ends, or -1."},
    {"year_word", year_word, METH_O,
     "year_word(sentence) -> bool\n\ncontext.reference_year_word in C: \"year\" or \"period\" in sentence.lower(), or İ, ſ, K."},
    {"line_starts", line_starts, METH_O,
     "line_starts(text) -> list[int]\n\nWhere each line of ``text`` starts: 0 and the offset after each \"\\n\"."},
    {"candidates", candidates, METH_O,
     "candidates(text) -> list[tuple[int, int]] | None\n\n"
     "Digit runs and number words of ``text`` in order (see kzfacts/_scan.c), or None where the\n"
     "text holds characters this scan leaves to numbers.py."},
    {"sentence_spans", (PyCFunction)(void (*)(void))sentence_spans, METH_FASTCALL,
     "sentence_spans(text, a, b, abbreviations) -> list[tuple[int, int]] | None\n\n"
     "text._sentence_spans in C (see kzfacts/_scan.c), or None where a character met is left to text.py."},
    {"zones", zones, METH_O,
     "zones(text) -> tuple[urls, markers | None, labels | None]\n\n"
     "The spans text._excluded_spans reads every character for (see kzfacts/_scan.c)."},
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
