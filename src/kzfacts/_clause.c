/* kzfacts._clause: the per-claim clause reading of kzfacts.conflicts (_read), in one pass of C.

   Reader(fields): fields(chunk) -> (stems, names, lead) is what conflicts._Vocabulary knows of
   one whitespace-separated chunk (its _Chunk record: the stems of its content words, those of
   its capitalized ones, and its opening-word lead: None, ("", ()) or (stem, names)). The reader
   keeps its own table of the chunks it has met, keyed by their characters, and asks fields()
   once per distinct chunk.

   Reader.clause(sentence, pos, end, terms, names) -> (n_stems, first, opening)
       For a figure at sentence[pos:end]: cuts its clause (conflicts._clause_start left of pos,
       conflicts._clause_end right of end), reads the chunks of both sides in order, adds their
       stems to ``terms`` and their names to ``names`` (both sets, in the order Python would), and
       returns how many stems it read (with repeats), the sentence's capitalized opening word
       (its stem, or None) and the names among the rest of that word's chunk. Exactly what
       conflicts._PyReader.clause does in Python (the reference; tests/test_clause.py compares
       them on random sentences, set order included).
   Reader.words(text, stems, names) -> None
       Every chunk of ``text`` (a stated subject): its stems into ``stems``, its names into ``names``.
   Reader.read(sentence, text, subject) -> (terms, subj, names, first) | None
       The two above for one claim, as conflicts._read uses them (conflicts._PyReader.read): None
       when ``text`` is empty or not in the sentence, or its clause has < 2 stems (then
       conflicts._Vocabulary.keys reads the whole sentence).

   Reader.read_all(claims, getter, tolerance, ...) -> bool
       conflicts._read's whole loop over a list of claims in one call (conflicts._read_c passes the
       containers to fill and the Python functions for the rare steps; conflicts._read_py is the
       reference, tests/test_clause_read_all.py compares the two). A claim's fields are read at their
       slots' offsets (the getter's), its dimension and signature key are found in tables of the C's
       own, and its key sets are read into C arrays and numbered by their content; the Python sets are
       made, as the reference makes them (set order included), only for a claim with a new set.
       False (nothing to use) when a claim is not a Claim or a field not of its declared type.

   Getter(cls, names): getter(obj) -> tuple of obj's attributes ``names``, as
       operator.attrgetter(*names)(obj) gives them (the reference and the fallback). When obj's type
       is exactly ``cls``, a slotted class whose attributes are plain slots (member descriptors) and
       whose dict has not changed since, each slot is read at its offset; anything else (another
       type, an empty slot, a changed class) goes through PyObject_GetAttr. conflicts._read reads 15
       fields of every Claim: PyObject_GetAttr costs ~160 instructions a field (a type look-up per
       name), the offset read a few.
   Getter.make(values): object.__new__(cls) with names[i] set to values[i] as object.__setattr__
       sets it (past a frozen dataclass's own __setattr__); on the fast path at the slots' offsets.
       conflicts._new_conflict builds each Conflict so (object.__setattr__ per field, compiled, is
       a call of ~600 instructions).

   Why C: compiled with mypyc, the Python reading makes a string for every chunk (str.split), hashes
   it and looks it up in a dict (~700 machine instructions a chunk, ~10 chunks a claim), and reads
   the clause's left end one boxed character at a time. Here a chunk is hashed from the sentence's
   own characters and no string is made for it, except the first time it is seen.
*/
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <math.h>

typedef struct {
    PyObject *key;     /* the chunk (str); NULL: an empty slot */
    Py_uhash_t hash;   /* chunk_hash of its characters */
    PyObject *stems;   /* tuple of str */
    PyObject *names;   /* tuple of str */
    PyObject *first;   /* the lead's stem when it is one (lead == 2), else NULL */
    PyObject *opening; /* the lead's names when lead == 2, else NULL */
    int lead;          /* 0: no word (lead None); 1: a word that is no lead; 2: first/opening */
} Entry;

typedef struct {
    PyObject_HEAD
    PyObject *fields;
    Entry *table;
    Py_ssize_t mask; /* slots - 1 (a power of two) */
    Py_ssize_t used;
} Reader;

#define IS_SPACE(c) Py_UNICODE_ISSPACE(c)

/* FNV-1a over the code points: the same for a chunk whatever the kind of the string it is in. */
static inline Py_uhash_t
chunk_hash(int kind, const void *data, Py_ssize_t a, Py_ssize_t b)
{
    Py_uhash_t h = (Py_uhash_t)14695981039346656037ULL;
    Py_ssize_t i;
    switch (kind) {
    case PyUnicode_1BYTE_KIND: {
        const Py_UCS1 *p = (const Py_UCS1 *)data;
        for (i = a; i < b; i++) {
            h = (h ^ p[i]) * (Py_uhash_t)1099511628211ULL;
        }
        break;
    }
    case PyUnicode_2BYTE_KIND: {
        const Py_UCS2 *p = (const Py_UCS2 *)data;
        for (i = a; i < b; i++) {
            h = (h ^ p[i]) * (Py_uhash_t)1099511628211ULL;
        }
        break;
    }
    default: {
        const Py_UCS4 *p = (const Py_UCS4 *)data;
        for (i = a; i < b; i++) {
            h = (h ^ p[i]) * (Py_uhash_t)1099511628211ULL;
        }
        break;
    }
    }
    return h;
}

/* Whether the stored chunk ``key`` is data[a:b]. */
static inline int
same_chunk(PyObject *key, int kind, const void *data, Py_ssize_t a, Py_ssize_t b)
{
    Py_ssize_t n = b - a;
    if (PyUnicode_GET_LENGTH(key) != n) {
        return 0;
    }
    int key_kind = PyUnicode_KIND(key);
    const void *key_data = PyUnicode_DATA(key);
    if (key_kind == kind) {
        return memcmp(key_data, (const char *)data + a * kind, (size_t)(n * kind)) == 0;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyUnicode_READ(key_kind, key_data, i) != PyUnicode_READ(kind, data, a + i)) {
            return 0;
        }
    }
    return 1;
}

static void
clear_entry(Entry *e)
{
    Py_CLEAR(e->key);
    Py_CLEAR(e->stems);
    Py_CLEAR(e->names);
    Py_CLEAR(e->first);
    Py_CLEAR(e->opening);
}

static int
grow(Reader *self)
{
    Py_ssize_t size = (self->mask + 1) * 2;
    Entry *table = PyMem_Calloc((size_t)size, sizeof(Entry));
    if (table == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i <= self->mask; i++) {
        Entry *e = &self->table[i];
        if (e->key != NULL) {
            Py_ssize_t j = (Py_ssize_t)(e->hash & (Py_uhash_t)(size - 1));
            while (table[j].key != NULL) {
                j = (j + 1) & (size - 1);
            }
            table[j] = *e;
        }
    }
    PyMem_Free(self->table);
    self->table = table;
    self->mask = size - 1;
    return 0;
}

/* The record of a new chunk, from fields(chunk): checked, then stored in ``e``. */
static int
fill(Reader *self, Entry *e, PyObject *chunk, Py_uhash_t hash)
{
    PyObject *got = PyObject_CallOneArg(self->fields, chunk);
    if (got == NULL) {
        return -1;
    }
    if (!PyTuple_Check(got) || PyTuple_GET_SIZE(got) != 3 || !PyTuple_Check(PyTuple_GET_ITEM(got, 0))
        || !PyTuple_Check(PyTuple_GET_ITEM(got, 1))) {
        PyErr_SetString(PyExc_TypeError, "fields() must return (tuple, tuple, lead)");
        Py_DECREF(got);
        return -1;
    }
    PyObject *lead = PyTuple_GET_ITEM(got, 2);
    int kind = 0;
    PyObject *first = NULL, *opening = NULL;
    if (lead != Py_None) {
        if (!PyTuple_Check(lead) || PyTuple_GET_SIZE(lead) != 2 || !PyUnicode_Check(PyTuple_GET_ITEM(lead, 0))
            || !PyTuple_Check(PyTuple_GET_ITEM(lead, 1))) {
            PyErr_SetString(PyExc_TypeError, "a lead must be None or (str, tuple)");
            Py_DECREF(got);
            return -1;
        }
        kind = 1;
        if (PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(lead, 0)) > 0) {
            kind = 2;
            first = PyTuple_GET_ITEM(lead, 0);
            opening = PyTuple_GET_ITEM(lead, 1);
            Py_INCREF(first);
            Py_INCREF(opening);
        }
    }
    Py_INCREF(chunk);
    e->key = chunk;
    e->hash = hash;
    e->stems = Py_NewRef(PyTuple_GET_ITEM(got, 0));
    e->names = Py_NewRef(PyTuple_GET_ITEM(got, 1));
    e->first = first;
    e->opening = opening;
    e->lead = kind;
    Py_DECREF(got);
    self->used++;
    return 0;
}

/* The entry of the chunk data[a:b] (a < b), read through fields() the first time. NULL: an error. */
static Entry *
lookup(Reader *self, PyObject *s, int kind, const void *data, Py_ssize_t a, Py_ssize_t b)
{
    Py_uhash_t h = chunk_hash(kind, data, a, b);
    Py_ssize_t i = (Py_ssize_t)(h & (Py_uhash_t)self->mask);
    for (;;) {
        Entry *e = &self->table[i];
        if (e->key == NULL) {
            break;
        }
        if (e->hash == h && same_chunk(e->key, kind, data, a, b)) {
            return e;
        }
        i = (i + 1) & self->mask;
    }
    if ((self->used + 1) * 2 > self->mask + 1) {
        if (grow(self) < 0) {
            return NULL;
        }
        i = (Py_ssize_t)(h & (Py_uhash_t)self->mask);
        while (self->table[i].key != NULL) {
            i = (i + 1) & self->mask;
        }
    }
    PyObject *chunk = PyUnicode_Substring(s, a, b);
    if (chunk == NULL) {
        return NULL;
    }
    /* fields() runs Python code, which cannot reach this table (no reference to the reader is
       handed out), so the slot found above stays the place for the new chunk. */
    int failed = fill(self, &self->table[i], chunk, h);
    Py_DECREF(chunk);
    return failed ? NULL : &self->table[i];
}

/* Whether the strs a and b (ready) are equal. */
static inline int
same_str(PyObject *a, PyObject *b)
{
    if (a == b) {
        return 1;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(a);
    int kind = PyUnicode_KIND(a);
    return n == PyUnicode_GET_LENGTH(b) && kind == PyUnicode_KIND(b)
           && memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b), (size_t)n * (size_t)kind) == 0;
}

static int
add_all(PyObject *set, PyObject *items)
{
    Py_ssize_t n = PyTuple_GET_SIZE(items);
    for (Py_ssize_t k = 0; k < n; k++) {
        if (PySet_Add(set, PyTuple_GET_ITEM(items, k)) < 0) {
            return -1;
        }
    }
    return 0;
}

/* A set's content as the whole-loop reading (Reader.read_all) keeps it: its items (borrowed strs) and
   their hashes, each once, in the order first added (no Python set is made for a claim whose key sets
   are all known already; see read_all). */
typedef struct {
    PyObject *item;
    Py_hash_t hash;
} Item;

typedef struct {
    Item *items;
    Py_ssize_t n, cap;
} Bag;

static inline Py_hash_t
str_hash(PyObject *s)
{
    Py_hash_t h = ((PyASCIIObject *)s)->hash;
    return h != -1 ? h : PyObject_Hash(s);
}

/* The place of ``item`` (hash ``h``) in the bag, or -1. */
static inline Py_ssize_t
bag_find(const Bag *b, PyObject *item, Py_hash_t h)
{
    for (Py_ssize_t i = 0; i < b->n; i++) {
        Item *it = &b->items[i];
        if (it->hash == h && (it->item == item || same_str(it->item, item))) {
            return i;
        }
    }
    return -1;
}

/* Add a str to the bag (nothing if it is there). -1: an error. */
static int
bag_add(Bag *b, PyObject *item)
{
    if (!PyUnicode_CheckExact(item)) {
        PyErr_SetString(PyExc_TypeError, "read_all: the stems and names must be str");
        return -1;
    }
    Py_hash_t h = str_hash(item);
    if (h == -1) {
        return -1;
    }
    if (bag_find(b, item, h) >= 0) {
        return 0;
    }
    if (b->n == b->cap) {
        Py_ssize_t cap = b->cap ? b->cap * 2 : 32;
        Item *items = PyMem_Realloc(b->items, (size_t)cap * sizeof(Item));
        if (items == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        b->items = items;
        b->cap = cap;
    }
    b->items[b->n].item = item;
    b->items[b->n].hash = h;
    b->n++;
    return 0;
}

static void
bag_discard(Bag *b, PyObject *item, Py_hash_t h)
{
    Py_ssize_t i = bag_find(b, item, h);
    if (i >= 0) {
        b->items[i] = b->items[--b->n];
    }
}

/* Where read_clause and read_words put what they read: a Python set, or a bag. */
typedef struct {
    PyObject *set;
    Bag *bag;
} Sink;

static int
sink_add_all(Sink k, PyObject *items)
{
    if (k.bag == NULL) {
        return add_all(k.set, items);
    }
    Py_ssize_t n = PyTuple_GET_SIZE(items);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (bag_add(k.bag, PyTuple_GET_ITEM(items, i)) < 0) {
            return -1;
        }
    }
    return 0;
}

static inline Sink
to_set(PyObject *set)
{
    Sink k = {set, NULL};
    return k;
}

/* conflicts._clause_start: where the clause holding data[pos] starts. */
static inline __attribute__((always_inline)) Py_ssize_t
clause_start(int kind, const void *data, Py_ssize_t pos)
{
    Py_ssize_t j = pos - 1;
    while (j >= 0) {
        Py_UCS4 c = PyUnicode_READ(kind, data, j);
        if ((c >= 'a' && c <= 'z') || c == ' ' || (c >= 'A' && c <= 'Z')) {
            j--;
            continue;
        }
        int dash = 0;
        if (c < 128) {
            if (c == ';' || c == ':' || c == '(' || c == ')' || c == '[' || c == ']' || c == '"') {
                return j + 1;
            }
            if (c == '-') {
                dash = 1;
            }
            else if (c != ',' && c != '.' && c != '!' && c != '?') {
                j--;
                continue;
            }
        }
        else if (c == 0x201C || c == 0x201D || c == 0xAB || c == 0xBB || c == 0x2014 || c == 0x2026) {
            return j + 1;
        }
        else if (c == 0x2013) {
            dash = 1;
        }
        else {
            j--;
            continue;
        }
        if (j + 1 < pos && IS_SPACE(PyUnicode_READ(kind, data, j + 1))
            && (!dash || (j > 0 && IS_SPACE(PyUnicode_READ(kind, data, j - 1))))) {
            return j + 2;
        }
        j--;
    }
    return 0;
}

/* conflicts._clause_end: the start of conflicts._CLAUSE_BOUNDARY's first match at or after ``end``
   (``[;:()\[\]"“”«»—…]|,\s|\s[-–]\s|[.!?]\s``, sre's \s being Py_UNICODE_ISSPACE), else n. */
static inline __attribute__((always_inline)) Py_ssize_t
clause_end(int kind, const void *data, Py_ssize_t n, Py_ssize_t end)
{
    for (Py_ssize_t i = end; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        switch (c) {
        case ';': case ':': case '(': case ')': case '[': case ']': case '"':
        case 0x201C: case 0x201D: case 0xAB: case 0xBB: case 0x2014: case 0x2026:
            return i;
        case ',': case '.': case '!': case '?':
            if (i + 1 < n && IS_SPACE(PyUnicode_READ(kind, data, i + 1))) {
                return i;
            }
            continue;
        default:
            break;
        }
        if (i + 2 < n && IS_SPACE(c)) {
            Py_UCS4 d = PyUnicode_READ(kind, data, i + 1);
            if ((d == '-' || d == 0x2013) && IS_SPACE(PyUnicode_READ(kind, data, i + 2))) {
                return i;
            }
        }
    }
    return n;
}

static int
check_set(PyObject *o, const char *what)
{
    if (!PySet_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s must be a set", what);
        return -1;
    }
    return 0;
}

/* The clause of the figure at s[pos:end] (0 <= pos <= end <= len(s)): its chunks' stems into
   ``terms``, their names into ``names``; *n_stems, *first and *opening (borrowed, NULL when there is
   no capitalized opening word) as Reader.clause returns them. -1: an error. */
static inline __attribute__((always_inline)) int
read_clause_k(Reader *self, PyObject *s, int kind, Py_ssize_t pos, Py_ssize_t end, Sink terms, Sink names,
              Py_ssize_t *n_stems_out, PyObject **first_out, PyObject **opening_out)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    const void *data = PyUnicode_DATA(s);
    Py_ssize_t cut = pos ? clause_start(kind, data, pos) : 0;
    Py_ssize_t stop = clause_end(kind, data, n, end);
    int deciding = cut == 0; /* the clause opens the sentence: its first word is yet to be found */
    Py_ssize_t n_stems = 0;
    PyObject *first = NULL, *opening = NULL;
    Py_ssize_t lo = cut, hi = pos;
    for (int side = 0; side < 2; side++) {
        if (side == 1) {
            deciding = 0; /* the opening word is only ever on the left */
            lo = end;
            hi = stop;
        }
        Py_ssize_t i = lo;
        while (i < hi) {
            if (IS_SPACE(PyUnicode_READ(kind, data, i))) {
                i++;
                continue;
            }
            Py_ssize_t a = i;
            while (i < hi && !IS_SPACE(PyUnicode_READ(kind, data, i))) {
                i++;
            }
            Entry *e = lookup(self, s, kind, data, a, i);
            if (e == NULL) {
                return -1;
            }
            n_stems += PyTuple_GET_SIZE(e->stems);
            if (sink_add_all(terms, e->stems) < 0) {
                return -1;
            }
            if (deciding && e->lead) { /* the first word */
                deciding = 0;
                if (e->lead == 2) { /* a capitalized content word: a name only if seen so elsewhere */
                    first = e->first;
                    opening = e->opening;
                    continue;
                }
            }
            if (sink_add_all(names, e->names) < 0) {
                return -1;
            }
        }
    }
    *n_stems_out = n_stems;
    *first_out = first;
    *opening_out = opening;
    return 0;
}

/* Every chunk of text: its stems into ``stems``, its names into ``names``. -1: an error. */
static inline __attribute__((always_inline)) int
read_words_k(Reader *self, PyObject *s, int kind, Sink stems, Sink names)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    const void *data = PyUnicode_DATA(s);
    Py_ssize_t i = 0;
    while (i < n) {
        if (IS_SPACE(PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t a = i;
        while (i < n && !IS_SPACE(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        Entry *e = lookup(self, s, kind, data, a, i);
        if (e == NULL) {
            return -1;
        }
        if (sink_add_all(stems, e->stems) < 0 || sink_add_all(names, e->names) < 0) {
            return -1;
        }
    }
    return 0;
}

/* read_clause_k and read_words_k, each made for one kind of string (the character reads then need no
   switch on the kind). */
static int
read_clause(Reader *self, PyObject *s, Py_ssize_t pos, Py_ssize_t end, Sink terms, Sink names,
            Py_ssize_t *n_stems_out, PyObject **first_out, PyObject **opening_out)
{
    switch (PyUnicode_KIND(s)) {
    case PyUnicode_1BYTE_KIND:
        return read_clause_k(self, s, PyUnicode_1BYTE_KIND, pos, end, terms, names, n_stems_out, first_out,
                             opening_out);
    case PyUnicode_2BYTE_KIND:
        return read_clause_k(self, s, PyUnicode_2BYTE_KIND, pos, end, terms, names, n_stems_out, first_out,
                             opening_out);
    default:
        return read_clause_k(self, s, PyUnicode_4BYTE_KIND, pos, end, terms, names, n_stems_out, first_out,
                             opening_out);
    }
}

static int
read_words(Reader *self, PyObject *s, Sink stems, Sink names)
{
    switch (PyUnicode_KIND(s)) {
    case PyUnicode_1BYTE_KIND:
        return read_words_k(self, s, PyUnicode_1BYTE_KIND, stems, names);
    case PyUnicode_2BYTE_KIND:
        return read_words_k(self, s, PyUnicode_2BYTE_KIND, stems, names);
    default:
        return read_words_k(self, s, PyUnicode_4BYTE_KIND, stems, names);
    }
}

static PyObject *
Reader_clause(Reader *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "clause(sentence, pos, end, terms, names)");
        return NULL;
    }
    PyObject *s = args[0], *terms = args[3], *names = args[4];
    if (!PyUnicode_Check(s)) {
        PyErr_SetString(PyExc_TypeError, "sentence must be a str");
        return NULL;
    }
    if (check_set(terms, "terms") < 0 || check_set(names, "names") < 0) {
        return NULL;
    }
    Py_ssize_t pos = PyLong_AsSsize_t(args[1]);
    if (pos == -1 && PyErr_Occurred()) {
        return NULL;
    }
    Py_ssize_t end = PyLong_AsSsize_t(args[2]);
    if (end == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (PyUnicode_READY(s) < 0) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (pos < 0 || end < pos || end > n) {
        PyErr_SetString(PyExc_ValueError, "need 0 <= pos <= end <= len(sentence)");
        return NULL;
    }
    Py_ssize_t n_stems;
    PyObject *first, *opening;
    if (read_clause(self, s, pos, end, to_set(terms), to_set(names), &n_stems, &first, &opening) < 0) {
        return NULL;
    }
    PyObject *count = PyLong_FromSsize_t(n_stems);
    if (count == NULL) {
        return NULL;
    }
    PyObject *out;
    if (first == NULL) {
        PyObject *empty = PyTuple_New(0);
        if (empty == NULL) {
            Py_DECREF(count);
            return NULL;
        }
        out = PyTuple_Pack(3, count, Py_None, empty);
        Py_DECREF(empty);
    }
    else {
        out = PyTuple_Pack(3, count, first, opening);
    }
    Py_DECREF(count);
    return out;
}

static PyObject *
Reader_words(Reader *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "words(text, stems, names)");
        return NULL;
    }
    PyObject *s = args[0], *stems = args[1], *names = args[2];
    if (!PyUnicode_Check(s)) {
        PyErr_SetString(PyExc_TypeError, "text must be a str");
        return NULL;
    }
    if (check_set(stems, "stems") < 0 || check_set(names, "names") < 0) {
        return NULL;
    }
    if (PyUnicode_READY(s) < 0) {
        return NULL;
    }
    if (read_words(self, s, to_set(stems), to_set(names)) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* conflicts._PyReader.read for one claim (s, text: str; subject: str or None; all ready): 1 with
   new sets in *terms_out, *subj_out, *names_out and *first_out borrowed (NULL: None); 0 when the
   reference returns None; -1: an error. */
static int
read_sets(Reader *self, PyObject *s, PyObject *text, PyObject *subject, PyObject **terms_out,
          PyObject **subj_out, PyObject **names_out, PyObject **first_out)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    if (size == 0) {
        return 0;
    }
    Py_ssize_t pos = PyUnicode_Find(s, text, 0, n, 1);
    if (pos == -2) {
        return -1;
    }
    if (pos < 0) {
        return 0;
    }
    PyObject *terms = PySet_New(NULL);
    PyObject *names = PySet_New(NULL);
    PyObject *subj = NULL;
    if (terms == NULL || names == NULL) {
        goto error;
    }
    Py_ssize_t n_stems;
    PyObject *first, *opening;
    if (read_clause(self, s, pos, pos + size, to_set(terms), to_set(names), &n_stems, &first, &opening) < 0) {
        goto error;
    }
    if (PySet_GET_SIZE(terms) < 2 && n_stems < 2) {
        Py_DECREF(terms);
        Py_DECREF(names);
        return 0;
    }
    subj = PySet_New(NULL);
    if (subj == NULL) {
        goto error;
    }
    if (subject != Py_None && PyUnicode_GET_LENGTH(subject) > 0) {
        if (read_words(self, subject, to_set(subj), to_set(names)) < 0) {
            goto error;
        }
        PyObject *r = PyNumber_InPlaceOr(terms, subj); /* as ``terms |= subj`` (the same table order) */
        if (r == NULL) {
            goto error;
        }
        Py_DECREF(r);
    }
    if (opening != NULL && add_all(names, opening) < 0) {
        goto error;
    }
    *terms_out = terms;
    *subj_out = subj;
    *names_out = names;
    *first_out = first;
    return 1;
error:
    Py_XDECREF(terms);
    Py_XDECREF(names);
    Py_XDECREF(subj);
    return -1;
}

/* read(sentence, text, subject) -> (terms, subj, names, first) | None: conflicts._PyReader.read. */
static PyObject *
Reader_read(Reader *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "read(sentence, text, subject)");
        return NULL;
    }
    PyObject *s = args[0], *text = args[1], *subject = args[2];
    if (!PyUnicode_Check(s) || !PyUnicode_Check(text) || (subject != Py_None && !PyUnicode_Check(subject))) {
        PyErr_SetString(PyExc_TypeError, "read(str, str, str | None)");
        return NULL;
    }
    if (PyUnicode_READY(s) < 0 || PyUnicode_READY(text) < 0 || (subject != Py_None && PyUnicode_READY(subject) < 0)) {
        return NULL;
    }
    PyObject *terms, *subj, *names, *first;
    int got = read_sets(self, s, text, subject, &terms, &subj, &names, &first);
    if (got < 0) {
        return NULL;
    }
    if (got == 0) {
        Py_RETURN_NONE;
    }
    PyObject *out = PyTuple_New(4);
    if (out == NULL) {
        Py_DECREF(terms);
        Py_DECREF(subj);
        Py_DECREF(names);
        return NULL;
    }
    if (first == NULL) {
        first = Py_None;
    }
    Py_INCREF(first);
    PyTuple_SET_ITEM(out, 0, terms);
    PyTuple_SET_ITEM(out, 1, subj);
    PyTuple_SET_ITEM(out, 2, names);
    PyTuple_SET_ITEM(out, 3, first);
    return out;
}

static PyObject *
Reader_len(Reader *self, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromSsize_t(self->used);
}

static int
Reader_init(Reader *self, PyObject *args, PyObject *kwds)
{
    PyObject *fields;
    static char *kwlist[] = {"fields", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:Reader", kwlist, &fields)) {
        return -1;
    }
    if (!PyCallable_Check(fields)) {
        PyErr_SetString(PyExc_TypeError, "fields must be callable");
        return -1;
    }
    if (self->table != NULL) {
        PyErr_SetString(PyExc_RuntimeError, "a Reader is initialized once");
        return -1;
    }
    self->table = PyMem_Calloc(64, sizeof(Entry));
    if (self->table == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    self->mask = 63;
    self->used = 0;
    Py_INCREF(fields);
    self->fields = fields;
    return 0;
}

static void
Reader_dealloc(Reader *self)
{
    if (self->table != NULL) {
        for (Py_ssize_t i = 0; i <= self->mask; i++) {
            if (self->table[i].key != NULL) {
                clear_entry(&self->table[i]);
            }
        }
        PyMem_Free(self->table);
    }
    Py_XDECREF(self->fields);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
Reader_call_check(Reader *self)
{
    if (self->table == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Reader.__init__ was not called");
        return NULL;
    }
    return (PyObject *)self;
}

static PyObject *
Reader_clause_checked(Reader *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (Reader_call_check(self) == NULL) {
        return NULL;
    }
    return Reader_clause(self, args, nargs);
}

static PyObject *
Reader_words_checked(Reader *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (Reader_call_check(self) == NULL) {
        return NULL;
    }
    return Reader_words(self, args, nargs);
}

static PyObject *
Reader_read_checked(Reader *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (Reader_call_check(self) == NULL) {
        return NULL;
    }
    return Reader_read(self, args, nargs);
}

static PyObject *Reader_read_all_checked(Reader *self, PyObject *const *args, Py_ssize_t nargs);

static PyMethodDef Reader_methods[] = {
    {"read_all", (PyCFunction)(void (*)(void))Reader_read_all_checked, METH_FASTCALL,
     "read_all(claims, getter, tolerance, ...) -> bool: conflicts._read's loop (see conflicts._read_c)"},
    {"read", (PyCFunction)(void (*)(void))Reader_read_checked, METH_FASTCALL,
     "read(sentence, text, subject) -> (terms, subj, names, first) | None"},
    {"clause", (PyCFunction)(void (*)(void))Reader_clause_checked, METH_FASTCALL,
     "clause(sentence, pos, end, terms, names) -> (n_stems, first, opening)"},
    {"words", (PyCFunction)(void (*)(void))Reader_words_checked, METH_FASTCALL,
     "words(text, stems, names) -> None"},
    {"chunks", (PyCFunction)Reader_len, METH_NOARGS, "How many distinct chunks were read."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ReaderType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "kzfacts._clause.Reader",
    .tp_basicsize = sizeof(Reader),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Reader(fields): the clause reading of kzfacts.conflicts, over a table of chunks.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Reader_init,
    .tp_dealloc = (destructor)Reader_dealloc,
    .tp_methods = Reader_methods,
};

/* ------------------------------------------------------------------ Getter */

typedef struct {
    PyObject_HEAD
    vectorcallfunc vectorcall;
    PyTypeObject *cls;     /* NULL until __init__ */
    PyObject *names;       /* tuple of str */
    Py_ssize_t *offsets;   /* one per name; NULL: no fast path */
    unsigned int version;  /* cls->tp_version_tag when the offsets were taken */
} Getter;

static PyObject *
Getter_slow(Getter *self, PyObject *obj)
{
    Py_ssize_t n = PyTuple_GET_SIZE(self->names);
    PyObject *out = PyTuple_New(n);
    if (out == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *v = PyObject_GetAttr(obj, PyTuple_GET_ITEM(self->names, i));
        if (v == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(out, i, v);
    }
    return out;
}

static PyObject *
Getter_vectorcall(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Getter *self = (Getter *)callable;
    if (self->cls == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Getter.__init__ was not called");
        return NULL;
    }
    if (PyVectorcall_NARGS(nargsf) != 1 || (kwnames != NULL && PyTuple_GET_SIZE(kwnames) != 0)) {
        PyErr_SetString(PyExc_TypeError, "Getter takes exactly one positional argument");
        return NULL;
    }
    PyObject *obj = args[0];
    PyTypeObject *cls = self->cls;
    if (self->offsets == NULL || Py_TYPE(obj) != cls
        || !PyType_HasFeature(cls, Py_TPFLAGS_VALID_VERSION_TAG) || cls->tp_version_tag != self->version) {
        return Getter_slow(self, obj);
    }
    Py_ssize_t n = PyTuple_GET_SIZE(self->names);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (*(PyObject **)((char *)obj + self->offsets[i]) == NULL) {
            return Getter_slow(self, obj); /* an empty slot: AttributeError, as attrgetter raises */
        }
    }
    PyObject *out = PyTuple_New(n);
    if (out == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *v = *(PyObject **)((char *)obj + self->offsets[i]);
        Py_INCREF(v);
        PyTuple_SET_ITEM(out, i, v);
    }
    return out;
}

static PyObject *
Getter_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    Getter *self = (Getter *)PyType_GenericNew(type, args, kwds);
    if (self != NULL) {
        self->vectorcall = Getter_vectorcall; /* (checks that __init__ ran) */
    }
    return (PyObject *)self;
}

static int
Getter_init(Getter *self, PyObject *args, PyObject *kwds)
{
    PyObject *cls;
    PyObject *names;
    static char *kwlist[] = {"cls", "names", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!O:Getter", kwlist, &PyType_Type, &cls, &names)) {
        return -1;
    }
    PyObject *tuple = PySequence_Tuple(names);
    if (tuple == NULL) {
        return -1;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(tuple);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!PyUnicode_Check(PyTuple_GET_ITEM(tuple, i))) {
            Py_DECREF(tuple);
            PyErr_SetString(PyExc_TypeError, "Getter: the names must be str");
            return -1;
        }
    }
    PyTypeObject *type = (PyTypeObject *)cls;
    Py_ssize_t *offsets = NULL;
    /* The fast path: attributes found the generic way, each a plain object slot of the type itself. */
    if (type->tp_getattro == PyObject_GenericGetAttr) {
        offsets = PyMem_New(Py_ssize_t, n > 0 ? n : 1);
        if (offsets == NULL) {
            Py_DECREF(tuple);
            PyErr_NoMemory();
            return -1;
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *d = _PyType_Lookup(type, PyTuple_GET_ITEM(tuple, i)); /* borrowed */
            if (d == NULL || !Py_IS_TYPE(d, &PyMemberDescr_Type)) {
                PyMem_Free(offsets);
                offsets = NULL;
                break;
            }
            PyMemberDef *m = ((PyMemberDescrObject *)d)->d_member;
            if (m->type != T_OBJECT_EX || (m->flags & (READ_RESTRICTED | READONLY))
                || ((PyDescrObject *)d)->d_type != type) {
                PyMem_Free(offsets);
                offsets = NULL;
                break;
            }
            offsets[i] = m->offset;
        }
        /* (the look-ups gave the type a version tag if it can have one; without one, no fast path) */
        if (offsets != NULL && !PyType_HasFeature(type, Py_TPFLAGS_VALID_VERSION_TAG)) {
            PyMem_Free(offsets);
            offsets = NULL;
        }
    }
    Py_INCREF(cls);
    Py_XSETREF(self->cls, type);
    Py_XSETREF(self->names, tuple);
    PyMem_Free(self->offsets);
    self->offsets = offsets;
    self->version = type->tp_version_tag;
    return 0;
}

static void
Getter_dealloc(Getter *self)
{
    Py_XDECREF(self->cls);
    Py_XDECREF(self->names);
    PyMem_Free(self->offsets);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
Getter_fast(Getter *self, PyObject *Py_UNUSED(ignored))
{
    return PyBool_FromLong(self->offsets != NULL);
}

/* getter.make(values): object.__new__(cls), then object.__setattr__(obj, name, value) for each name
   and value in turn (a frozen dataclass's fields set past its __setattr__); on the fast path each
   slot is set at its offset. */
static PyObject *
Getter_make(Getter *self, PyObject *values)
{
    if (self->cls == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Getter.__init__ was not called");
        return NULL;
    }
    if (!PyTuple_Check(values)) {
        PyErr_SetString(PyExc_TypeError, "Getter.make takes a tuple");
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(self->names);
    if (PyTuple_GET_SIZE(values) != n) {
        PyErr_Format(PyExc_TypeError, "Getter.make: %zd values for %zd names", PyTuple_GET_SIZE(values), n);
        return NULL;
    }
    PyTypeObject *cls = self->cls;
    PyObject *empty = PyTuple_New(0);
    if (empty == NULL) {
        return NULL;
    }
    PyObject *obj = PyBaseObject_Type.tp_new(cls, empty, NULL); /* object.__new__(cls) */
    Py_DECREF(empty);
    if (obj == NULL) {
        return NULL;
    }
    if (self->offsets != NULL && Py_TYPE(obj) == cls && PyType_HasFeature(cls, Py_TPFLAGS_VALID_VERSION_TAG)
        && cls->tp_version_tag == self->version) {
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *v = PyTuple_GET_ITEM(values, i);
            PyObject **slot = (PyObject **)((char *)obj + self->offsets[i]);
            Py_INCREF(v);
            Py_XSETREF(*slot, v);
        }
        return obj;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyObject_GenericSetAttr(obj, PyTuple_GET_ITEM(self->names, i), PyTuple_GET_ITEM(values, i)) < 0) {
            Py_DECREF(obj);
            return NULL;
        }
    }
    return obj;
}

static PyMethodDef Getter_methods[] = {
    {"fast", (PyCFunction)Getter_fast, METH_NOARGS, "Whether the slots are read at their offsets (for tests)."},
    {"make", (PyCFunction)Getter_make, METH_O,
     "make(values): object.__new__(cls) with each name set to its value by object.__setattr__."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject GetterType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "kzfacts._clause.Getter",
    .tp_basicsize = sizeof(Getter),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "Getter(cls, names): getter(obj) is operator.attrgetter(*names)(obj), slots read at their offsets.",
    .tp_new = Getter_new,
    .tp_init = (initproc)Getter_init,
    .tp_dealloc = (destructor)Getter_dealloc,
    .tp_vectorcall_offset = offsetof(Getter, vectorcall),
    .tp_call = PyVectorcall_Call,
    .tp_methods = Getter_methods,
};

/* ------------------------------------------------------------------ Reader.read_all */

/* Whether ``s`` (a str) is the ASCII string ``lit`` of ``n`` characters. */
static inline int
eq_ascii(PyObject *s, const char *lit, Py_ssize_t n)
{
    return PyUnicode_GET_LENGTH(s) == n && PyUnicode_KIND(s) == PyUnicode_1BYTE_KIND
           && memcmp(PyUnicode_DATA(s), lit, (size_t)n) == 0;
}

#define EQ(s, lit) eq_ascii((s), (lit), (Py_ssize_t)(sizeof(lit) - 1))

/* The fields of conflicts._READ_FIELDS, in that order. */
static const char *const READ_FIELDS[] = {
    "kind", "change", "noun", "normalized_unit", "unit", "text", "sentence", "subject", "doc", "time",
    "normalized_value", "qualifier", "low", "high", "value",
};
enum { F_KIND, F_CHANGE, F_NOUN, F_NU, F_UNIT, F_TEXT, F_SENT, F_SUBJECT, F_DOC, F_TIME, F_V, F_Q, F_LO, F_HI,
       F_VALUE, N_FIELDS };

enum { A_CLAIMS, A_GETTER, A_TOL, A_DIMS, A_DIMENSION, A_ONE_OF, A_KEYS, A_NOUN_TERMS_OF, A_NOUN_TERMS,
       A_TIME_KEY, A_DECIMALS, A_TEN_POW, A_DIRECTIONS, A_DOC_SCOPES, A_SIGS, A_SET_IDS,
       A_PROVISIONAL, A_NAMES_SEEN, A_ROW_CLAIMS, A_ROW_SENT, A_ROW_LO, A_ROW_HI, A_ROW_POINT, N_ARGS };

static inline Sink
to_bag(Bag *bag)
{
    Sink k = {NULL, bag};
    return k;
}

static int
bag_reserve(Bag *b, Py_ssize_t n)
{
    if (n <= b->cap) {
        return 0;
    }
    Py_ssize_t cap = b->cap ? b->cap : 32;
    while (cap < n) {
        cap *= 2;
    }
    Item *items = PyMem_Realloc(b->items, (size_t)cap * sizeof(Item));
    if (items == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    b->items = items;
    b->cap = cap;
    return 0;
}

static int
bag_copy(Bag *to, const Bag *from)
{
    if (bag_reserve(to, from->n) < 0) {
        return -1;
    }
    if (from->n) {
        memcpy(to->items, from->items, (size_t)from->n * sizeof(Item));
    }
    to->n = from->n;
    return 0;
}

static int
bag_add_bag(Bag *to, const Bag *from)
{
    for (Py_ssize_t i = 0; i < from->n; i++) {
        if (bag_add(to, from->items[i].item) < 0) {
            return -1;
        }
    }
    return 0;
}

/* Whether two bags hold the same strs. */
static int
bag_same(const Bag *a, const Bag *b)
{
    if (a->n != b->n) {
        return 0;
    }
    for (Py_ssize_t i = 0; i < a->n; i++) {
        if (bag_find(b, a->items[i].item, a->items[i].hash) < 0) {
            return 0;
        }
    }
    return 1;
}

/* Add the bag's items to a Python set, in the order they were first added to the bag: the set is then
   what adding every item of the bag's history would have made (adding an item a set holds changes
   nothing). */
static int
bag_into(PyObject *set, const Bag *b)
{
    for (Py_ssize_t i = 0; i < b->n; i++) {
        if (PySet_Add(set, b->items[i].item) < 0) {
            return -1;
        }
    }
    return 0;
}

static void
bag_free(Bag *b)
{
    PyMem_Free(b->items);
    b->items = NULL;
    b->n = b->cap = 0;
}

/* The key sets numbered so far (set_ids' frozensets), found by their content: a claim whose sets are all
   known is numbered without making them. Each entry keeps the set's items (borrowed from the frozenset,
   which the entry holds) and their hashes in an array of the table's own, so that a look-up compares
   the bag with these, in a few consecutive bytes, rather than probing the frozenset (a cache miss or two
   each at ~300k sets). */
typedef struct {
    Py_uhash_t hash; /* content_hash of the set's items */
    PyObject *fs;    /* the frozenset (as set_ids holds it); NULL: an empty slot */
    PyObject *number;
    Py_ssize_t off;  /* its items: pool[off : off + n] */
    Py_ssize_t n;
} SetEntry;

typedef struct {
    SetEntry *slots;
    Py_ssize_t mask, used;
    Item *pool;
    Py_ssize_t pool_n, pool_cap;
} SetTable;

static int
settable_grow(SetTable *t)
{
    Py_ssize_t size = (t->mask + 1) * 2;
    SetEntry *slots = PyMem_Malloc((size_t)size * sizeof(SetEntry));
    if (slots == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    memset(slots, 0, (size_t)size * sizeof(SetEntry)); /* (written at once: see KTable) */
    for (Py_ssize_t i = 0; i <= t->mask; i++) {
        if (t->slots[i].fs != NULL) {
            Py_ssize_t j = (Py_ssize_t)(t->slots[i].hash & (Py_uhash_t)(size - 1));
            while (slots[j].fs != NULL) {
                j = (j + 1) & (size - 1);
            }
            slots[j] = t->slots[i];
        }
    }
    PyMem_Free(t->slots);
    t->slots = slots;
    t->mask = size - 1;
    return 0;
}

static inline Py_uhash_t
mix(Py_hash_t h)
{
    uint64_t x = (uint64_t)h;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return (Py_uhash_t)x;
}

/* A hash of a set's content, whatever the order of its items. */
static Py_uhash_t
bag_hash(const Bag *b)
{
    Py_uhash_t h = (Py_uhash_t)b->n * (Py_uhash_t)0x9E3779B97F4A7C15ULL;
    for (Py_ssize_t i = 0; i < b->n; i++) {
        h += mix(b->items[i].hash);
    }
    return h;
}

static int
settable_init(SetTable *t)
{
    t->slots = PyMem_Calloc(1024, sizeof(SetEntry));
    if (t->slots == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    t->mask = 1023;
    t->used = 0;
    t->pool = NULL;
    t->pool_n = t->pool_cap = 0;
    return 0;
}

static void
settable_free(SetTable *t)
{
    if (t->slots == NULL) {
        return;
    }
    for (Py_ssize_t i = 0; i <= t->mask; i++) {
        Py_XDECREF(t->slots[i].fs);
        Py_XDECREF(t->slots[i].number);
    }
    PyMem_Free(t->slots);
    PyMem_Free(t->pool);
    t->slots = NULL;
    t->pool = NULL;
}

/* 1 and *number (borrowed) when a set with the bag's content is known; 0 when none is; -1: an error.
   (The bag's items are distinct strs, and so are an entry's: the contents are equal when the sizes are
   and each item of the bag is among the entry's.) */
static int
settable_find(SetTable *t, const Bag *b, PyObject **number)
{
    Py_uhash_t h = bag_hash(b);
    Py_ssize_t i = (Py_ssize_t)(h & (Py_uhash_t)t->mask);
    for (;;) {
        SetEntry *e = &t->slots[i];
        if (e->fs == NULL) {
            return 0;
        }
        if (e->hash == h && e->n == b->n) {
            const Item *have = t->pool + e->off;
            int all = 1;
            for (Py_ssize_t k = 0; k < b->n && all; k++) {
                const Item *it = &b->items[k];
                all = 0;
                for (Py_ssize_t j = 0; j < e->n; j++) {
                    if (have[j].hash == it->hash && (have[j].item == it->item || same_str(have[j].item, it->item))) {
                        all = 1;
                        break;
                    }
                }
            }
            if (all) {
                *number = e->number;
                return 1;
            }
        }
        i = (i + 1) & t->mask;
    }
}

/* Record a set numbered ``number`` (its items: strs). -1: an error. */
static int
settable_add(SetTable *t, PyObject *fs, PyObject *number)
{
    Py_ssize_t n = PySet_GET_SIZE(fs);
    if (t->pool_n + n > t->pool_cap) {
        Py_ssize_t cap = t->pool_cap ? t->pool_cap : 4096;
        while (cap < t->pool_n + n) {
            cap *= 2;
        }
        Item *pool = PyMem_Realloc(t->pool, (size_t)cap * sizeof(Item));
        if (pool == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        t->pool = pool;
        t->pool_cap = cap;
    }
    Item *items = t->pool + t->pool_n;
    Py_uhash_t h = (Py_uhash_t)n * (Py_uhash_t)0x9E3779B97F4A7C15ULL;
    Py_ssize_t pos = 0, k = 0;
    PyObject *item;
    Py_hash_t item_hash;
    while (_PySet_NextEntry(fs, &pos, &item, &item_hash)) {
        if (!PyUnicode_CheckExact(item) || k >= n) {
            PyErr_SetString(PyExc_TypeError, "read_all: a key set of strs");
            return -1;
        }
        h += mix(item_hash);
        items[k].item = item; /* (borrowed: the entry holds the frozenset) */
        items[k].hash = item_hash;
        k++;
    }
    if ((t->used + 1) * 2 > t->mask + 1 && settable_grow(t) < 0) {
        return -1;
    }
    Py_ssize_t i = (Py_ssize_t)(h & (Py_uhash_t)t->mask);
    while (t->slots[i].fs != NULL) {
        i = (i + 1) & t->mask;
    }
    t->slots[i].hash = h;
    t->slots[i].fs = Py_NewRef(fs);
    t->slots[i].number = Py_NewRef(number);
    t->slots[i].off = t->pool_n;
    t->slots[i].n = k;
    t->pool_n += k;
    t->used++;
    return 0;
}

/* A memo keyed by a few objects (strs, None, numbers, tuples), compared as a tuple of them compares
   (identity, else ==) and hashed from their hashes: what read_all looks up a claim's dimension and its
   signature key in without making a tuple for it (the key tuple is made once, for a new key).
   The open-addressing slots hold a hash and an entry's number only (16 bytes: ~400k signature keys at a
   million claims fill 16 MB of slots, not 88 MB of whole entries); the entries lie in insertion order in
   an array of their own. The slots are written (memset) when made: a calloc'ed table read before it is
   written faulted each page in twice. */
#define KMAX 8
typedef struct {
    PyObject *comps[KMAX];
    PyObject *value;
    Py_hash_t value_hash;
} KEntry;

typedef struct {
    Py_uhash_t hash;
    Py_ssize_t entry; /* the entry's number + 1; 0: an empty slot */
} KSlot;

typedef struct {
    KSlot *slots;
    KEntry *entries;
    Py_ssize_t mask, used, cap;
    int n; /* components a key */
} KTable;

static KSlot *
kslots_new(Py_ssize_t size)
{
    KSlot *slots = PyMem_Malloc((size_t)size * sizeof(KSlot));
    if (slots == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    memset(slots, 0, (size_t)size * sizeof(KSlot));
    return slots;
}

static int
ktable_grow(KTable *t)
{
    Py_ssize_t size = (t->mask + 1) * 2;
    KSlot *slots = kslots_new(size);
    if (slots == NULL) {
        return -1;
    }
    for (Py_ssize_t i = 0; i <= t->mask; i++) {
        if (t->slots[i].entry != 0) {
            Py_ssize_t j = (Py_ssize_t)(t->slots[i].hash & (Py_uhash_t)(size - 1));
            while (slots[j].entry != 0) {
                j = (j + 1) & (size - 1);
            }
            slots[j] = t->slots[i];
        }
    }
    PyMem_Free(t->slots);
    t->slots = slots;
    t->mask = size - 1;
    return 0;
}

static int
ktable_init(KTable *t, int n)
{
    t->slots = kslots_new(1024);
    if (t->slots == NULL) {
        return -1;
    }
    t->entries = NULL;
    t->mask = 1023;
    t->used = t->cap = 0;
    t->n = n;
    return 0;
}

static void
ktable_free(KTable *t)
{
    for (Py_ssize_t i = 0; i < t->used; i++) {
        KEntry *e = &t->entries[i];
        for (int k = 0; k < t->n; k++) {
            Py_DECREF(e->comps[k]);
        }
        Py_DECREF(e->value);
    }
    PyMem_Free(t->slots);
    PyMem_Free(t->entries);
    t->slots = NULL;
    t->entries = NULL;
    t->used = t->cap = 0;
}

static inline Py_uhash_t
comps_hash(const Py_hash_t *hashes, int n)
{
    Py_uhash_t h = (Py_uhash_t)0x27d4eb2f165667c5ULL;
    for (int i = 0; i < n; i++) {
        h = (h ^ mix(hashes[i])) * (Py_uhash_t)0x100000001b3ULL + (Py_uhash_t)i;
    }
    return h;
}

/* a == b as a tuple's comparison of its items compares them: 1, 0, or -1 (an error). */
static inline int
comp_eq(PyObject *a, PyObject *b)
{
    if (a == b) {
        return 1;
    }
    if (PyUnicode_CheckExact(a) && PyUnicode_CheckExact(b)) {
        return same_str(a, b);
    }
    if (a == Py_None || b == Py_None) {
        return 0;
    }
    return PyObject_RichCompareBool(a, b, Py_EQ);
}

/* The entry of the key ``comps`` (hash h): 1 and *found (valid until the next insert); 0 when there is
   none; -1: an error. */
static int
ktable_find(KTable *t, PyObject *const *comps, Py_uhash_t h, KEntry **found)
{
    Py_ssize_t i = (Py_ssize_t)(h & (Py_uhash_t)t->mask);
    for (;;) {
        KSlot *s = &t->slots[i];
        if (s->entry == 0) {
            return 0;
        }
        if (s->hash == h) {
            KEntry *e = &t->entries[s->entry - 1];
            int same = 1;
            for (int k = 0; k < t->n && same; k++) {
                same = comp_eq(e->comps[k], comps[k]);
                if (same < 0) {
                    return -1;
                }
            }
            if (same) {
                *found = e;
                return 1;
            }
        }
        i = (i + 1) & t->mask;
    }
}

/* Add a key that is not there. -1: an error. */
static int
ktable_insert(KTable *t, PyObject *const *comps, Py_uhash_t h, PyObject *value, Py_hash_t value_hash)
{
    if ((t->used + 1) * 2 > t->mask + 1 && ktable_grow(t) < 0) {
        return -1;
    }
    if (t->used == t->cap) {
        Py_ssize_t cap = t->cap ? t->cap * 2 : 256;
        KEntry *entries = PyMem_Realloc(t->entries, (size_t)cap * sizeof(KEntry));
        if (entries == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        t->entries = entries;
        t->cap = cap;
    }
    Py_ssize_t i = (Py_ssize_t)(h & (Py_uhash_t)t->mask);
    while (t->slots[i].entry != 0) {
        i = (i + 1) & t->mask;
    }
    KEntry *e = &t->entries[t->used];
    for (int k = 0; k < t->n; k++) {
        e->comps[k] = Py_NewRef(comps[k]);
    }
    e->value = Py_NewRef(value);
    e->value_hash = value_hash;
    t->used++;
    t->slots[i].hash = h;
    t->slots[i].entry = t->used;
    return 0;
}

/* One document's sentences (a run of claims with the same doc, as _read_py's doc_sents and scopes
   dicts): each sentence's number and the scope of its figures, found by the sentence's content from a
   cheap hash of its length and a few of its bytes, so that no sentence is hashed with siphash (a
   sentence string is new for nearly every claim: its str hash was ~10% of the reading). Entries belong to
   the current document when their ``gen`` is the table's (a new document clears nothing). */
typedef struct {
    uint64_t hash;
    PyObject *s;      /* the sentence (borrowed: from a claim of the list, or a key of ``scopes``) */
    PyObject *scope;  /* its scope (borrowed from ``scopes``), or NULL: none */
    PyObject *number; /* its number (a new reference), or NULL: no claim of it read yet */
    uint64_t gen;
} SentEntry;

typedef struct {
    SentEntry *slots;
    Py_ssize_t mask, used;
    uint64_t gen;
} SentTable;

static uint64_t
sent_hash(PyObject *s)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    size_t bytes = (size_t)n * (size_t)kind;
    const unsigned char *d = PyUnicode_DATA(s);
    uint64_t h = (uint64_t)bytes * 0x9E3779B97F4A7C15ULL ^ (uint64_t)kind;
    if (bytes >= 8) {
        uint64_t a, b, c;
        memcpy(&a, d, 8);
        memcpy(&b, d + bytes / 2 - 4, 8);
        memcpy(&c, d + bytes - 8, 8);
        h = (h ^ a) * 0xff51afd7ed558ccdULL;
        h = (h ^ b) * 0xc4ceb9fe1a85ec53ULL;
        h = (h ^ c) * 0xff51afd7ed558ccdULL;
    }
    else {
        for (size_t i = 0; i < bytes; i++) {
            h = (h ^ d[i]) * 0x100000001b3ULL;
        }
    }
    return h ^ (h >> 29);
}

static int
senttable_init(SentTable *t)
{
    t->slots = PyMem_Calloc(64, sizeof(SentEntry));
    if (t->slots == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    t->mask = 63;
    t->used = 0;
    t->gen = 1;
    return 0;
}

/* Forget the document's sentences. */
static void
senttable_clear(SentTable *t)
{
    if (t->used > 0) {
        for (Py_ssize_t i = 0; i <= t->mask; i++) {
            if (t->slots[i].gen == t->gen) {
                Py_CLEAR(t->slots[i].number);
            }
        }
    }
    t->used = 0;
    t->gen++;
}

static void
senttable_free(SentTable *t)
{
    if (t->slots == NULL) {
        return;
    }
    senttable_clear(t);
    PyMem_Free(t->slots);
    t->slots = NULL;
}

/* The entry of sentence ``s`` (a ready str), made (no scope, no number) when there is none. NULL: an
   error. The entry is valid until the next call. */
static SentEntry *
senttable_get(SentTable *t, PyObject *s)
{
    uint64_t h = sent_hash(s);
    Py_ssize_t i = (Py_ssize_t)(h & (uint64_t)t->mask);
    for (;;) {
        SentEntry *e = &t->slots[i];
        if (e->gen != t->gen) {
            break;
        }
        if (e->hash == h && same_str(e->s, s)) {
            return e;
        }
        i = (i + 1) & t->mask;
    }
    if ((t->used + 1) * 2 > t->mask + 1) {
        Py_ssize_t size = (t->mask + 1) * 2;
        SentEntry *slots = PyMem_Calloc((size_t)size, sizeof(SentEntry));
        if (slots == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        for (Py_ssize_t k = 0; k <= t->mask; k++) {
            if (t->slots[k].gen == t->gen) {
                Py_ssize_t j = (Py_ssize_t)(t->slots[k].hash & (uint64_t)(size - 1));
                while (slots[j].gen == t->gen) {
                    j = (j + 1) & (size - 1);
                }
                slots[j] = t->slots[k];
            }
        }
        PyMem_Free(t->slots);
        t->slots = slots;
        t->mask = size - 1;
        i = (Py_ssize_t)(h & (uint64_t)t->mask);
        while (t->slots[i].gen == t->gen) {
            i = (i + 1) & t->mask;
        }
    }
    SentEntry *e = &t->slots[i];
    e->hash = h;
    e->s = s;
    e->scope = NULL;
    e->number = NULL;
    e->gen = t->gen;
    t->used++;
    return e;
}

/* The hash of an item of a key: a str's own (cached), None's a constant, else PyObject_Hash. */
static inline Py_hash_t
comp_hash(PyObject *o)
{
    if (o == Py_None) {
        return 0x5bd1e995;
    }
    if (PyUnicode_CheckExact(o)) {
        return str_hash(o);
    }
    return PyObject_Hash(o);
}

/* set_ids[fs] (borrowed), numbered len(set_ids) the first time (and then recorded in ``tab``). NULL: an
   error. */
static PyObject *
set_number(PyObject *set_ids, PyObject *fs, SetTable *tab)
{
    PyObject *n = PyDict_GetItemWithError(set_ids, fs);
    if (n != NULL || PyErr_Occurred()) {
        return n;
    }
    PyObject *number = PyLong_FromSsize_t(PyDict_GET_SIZE(set_ids));
    if (number == NULL) {
        return NULL;
    }
    int failed = PyDict_SetItem(set_ids, fs, number) < 0 || settable_add(tab, fs, number) < 0;
    Py_DECREF(number);
    return failed ? NULL : number; /* (the dict holds it) */
}

/* set_number(set_ids, frozenset(s), tab). */
static PyObject *
set_number_of(PyObject *set_ids, PyObject *s, SetTable *tab)
{
    PyObject *fs = PyFrozenSet_New(s);
    if (fs == NULL) {
        return NULL;
    }
    PyObject *n = set_number(set_ids, fs, tab);
    Py_DECREF(fs);
    return n;
}

static int
append_new(PyObject *list, PyObject *item)
{
    if (item == NULL) {
        return -1;
    }
    int failed = PyList_Append(list, item);
    Py_DECREF(item);
    return failed;
}

/* conflicts._decimals(x): the digits after the point in repr(x) (the shortest repr, as float_repr writes
   it), or -1 for None (no point, an exponent, or more than 6 digits); -2: an error. */
static long
decimals_of(double x)
{
    char *r = PyOS_double_to_string(x, 'r', 0, Py_DTSF_ADD_DOT_0, NULL);
    if (r == NULL) {
        return -2;
    }
    const char *dot = strchr(r, '.');
    long d = -1;
    if (dot != NULL && strchr(r, 'e') == NULL) {
        size_t n = strlen(r);
        d = (n >= 2 && r[n - 2] == '.' && r[n - 1] == '0') ? 0 : (long)(n - (size_t)(dot - r) - 1);
        if (d > 6) {
            d = -1;
        }
    }
    PyMem_Free(r);
    return d;
}

/* Whether the claim's fields are of the types conflicts._read is written for (str where a str is
   read, exact floats where a float is): else the whole list is left to the Python reading. */
static int
fields_typed(PyObject **f)
{
    static const int str_fields[] = {F_KIND, F_TEXT, F_SENT, F_DOC, F_Q};
    static const int opt_str_fields[] = {F_CHANGE, F_NOUN, F_NU, F_UNIT, F_SUBJECT, F_TIME};
    for (size_t i = 0; i < sizeof(str_fields) / sizeof(int); i++) {
        if (!PyUnicode_CheckExact(f[str_fields[i]]) || PyUnicode_READY(f[str_fields[i]]) < 0) {
            return 0;
        }
    }
    for (size_t i = 0; i < sizeof(opt_str_fields) / sizeof(int); i++) {
        PyObject *o = f[opt_str_fields[i]];
        if (o != Py_None && (!PyUnicode_CheckExact(o) || PyUnicode_READY(o) < 0)) {
            return 0;
        }
    }
    if (!PyFloat_CheckExact(f[F_V]) || !PyFloat_CheckExact(f[F_VALUE])) {
        return 0;
    }
    if ((f[F_LO] != Py_None && !PyFloat_CheckExact(f[F_LO])) || (f[F_HI] != Py_None && !PyFloat_CheckExact(f[F_HI]))) {
        return 0;
    }
    return 1;
}

/* read_all(claims, getter, tolerance, dims, dimension, one_of, keys, noun_terms_of, noun_terms, time_key,
            decimals, ten_pow, directions, doc_scopes, sigs, set_ids, provisional, names_seen,
            row_claims, row_sent, row_lo, row_hi, row_point) -> bool

   conflicts._read's loop over every claim (see _read_c there): fills the containers passed in as the
   loop fills its own and returns True; False when a claim is not what it is written for (another type
   than the getter's class, a field of another type): the caller then reads the whole list in Python. */
static PyObject *
Reader_read_all(Reader *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != N_ARGS) {
        PyErr_Format(PyExc_TypeError, "read_all takes %d arguments", (int)N_ARGS);
        return NULL;
    }
    PyObject *claims = args[A_CLAIMS];
    if (!PyList_CheckExact(claims) || !PyObject_TypeCheck(args[A_GETTER], &GetterType)
        || !PyDict_CheckExact(args[A_DIMS]) || !PyDict_CheckExact(args[A_NOUN_TERMS_OF])
        || !PyDict_CheckExact(args[A_DECIMALS]) || !PyList_CheckExact(args[A_TEN_POW])
        || !PyAnySet_CheckExact(args[A_DIRECTIONS]) || !PyList_CheckExact(args[A_SIGS])
        || !PyDict_CheckExact(args[A_SET_IDS]) || !PyList_CheckExact(args[A_PROVISIONAL])
        || !PySet_CheckExact(args[A_NAMES_SEEN]) || !PyList_CheckExact(args[A_ROW_CLAIMS])
        || !PyList_CheckExact(args[A_ROW_SENT]) || !PyList_CheckExact(args[A_ROW_LO])
        || !PyList_CheckExact(args[A_ROW_HI]) || !PyList_CheckExact(args[A_ROW_POINT])) {
        PyErr_SetString(PyExc_TypeError, "read_all: an argument of the wrong type");
        return NULL;
    }
    Getter *getter = (Getter *)args[A_GETTER];
    if (getter->cls == NULL || PyTuple_GET_SIZE(getter->names) != N_FIELDS) {
        PyErr_SetString(PyExc_TypeError, "read_all: the getter must read conflicts._READ_FIELDS");
        return NULL;
    }
    for (int i = 0; i < N_FIELDS; i++) {
        if (!PyUnicode_Check(PyTuple_GET_ITEM(getter->names, i))
            || PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(getter->names, i), READ_FIELDS[i]) != 0) {
            PyErr_SetString(PyExc_TypeError, "read_all: the getter must read conflicts._READ_FIELDS");
            return NULL;
        }
    }
    PyTypeObject *cls = getter->cls;
    if (getter->offsets == NULL || !PyType_HasFeature(cls, Py_TPFLAGS_VALID_VERSION_TAG)
        || cls->tp_version_tag != getter->version) {
        Py_RETURN_FALSE;
    }
    double tolerance = PyFloat_AsDouble(args[A_TOL]);
    if (tolerance == -1.0 && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *dims = args[A_DIMS], *dimension = args[A_DIMENSION], *one_of = args[A_ONE_OF];
    PyObject *keys = args[A_KEYS], *noun_terms_of = args[A_NOUN_TERMS_OF], *noun_terms_fn = args[A_NOUN_TERMS];
    PyObject *time_key = args[A_TIME_KEY], *decimals = args[A_DECIMALS];
    PyObject *ten_pow = args[A_TEN_POW], *directions = args[A_DIRECTIONS], *doc_scopes = args[A_DOC_SCOPES];
    PyObject *sigs = args[A_SIGS], *set_ids = args[A_SET_IDS], *provisional = args[A_PROVISIONAL];
    PyObject *names_seen = args[A_NAMES_SEEN], *row_claims = args[A_ROW_CLAIMS], *row_sent = args[A_ROW_SENT];
    PyObject *row_lo = args[A_ROW_LO], *row_hi = args[A_ROW_HI], *row_point = args[A_ROW_POINT];

    Bag Tc = {0}, Ss = {0}, N = {0}, T = {0}, Sf = {0}, D = {0}, M = {0};
    SetTable tab = {0};
    KTable dimtab = {0}, sigtab = {0};
    uint64_t bloom[64] = {0}; /* the direction words' hashes, 12 bits of each */
    PyObject *zero = PyLong_FromLong(0);
    PyObject *no_scope = PyTuple_New(0);
    SentTable sents = {0};
    PyObject *doc = NULL;    /* the current document (a new reference) */
    PyObject *scopes = NULL; /* its sentences' scopes (a dict, new reference) */
    Py_ssize_t n_sents = 0;
    PyObject *result = NULL;
    /* per claim (new references, cleared at the end of each) */
    PyObject *dkey = NULL, *terms = NULL, *subj = NULL, *names = NULL, *got = NULL, *named = NULL,
             *dirs = NULL, *tkey = NULL, *key = NULL, *number = NULL;
    if (zero == NULL || no_scope == NULL || senttable_init(&sents) < 0 || settable_init(&tab) < 0
        || ktable_init(&dimtab, 5) < 0 || ktable_init(&sigtab, 8) < 0) {
        goto done;
    }
    if (PyList_GET_SIZE(sigs) != 0) {
        PyErr_SetString(PyExc_ValueError, "read_all: sigs must be empty");
        goto done;
    }
    {
        Py_ssize_t pos = 0;
        PyObject *item;
        Py_hash_t hash;
        while (_PySet_NextEntry(directions, &pos, &item, &hash)) {
            bloom[(hash >> 6) & 63] |= (uint64_t)1 << (hash & 63);
        }
    }
    {
        /* the sets numbered already (the empty one) */
        Py_ssize_t pos = 0;
        PyObject *fs, *n;
        while (PyDict_Next(set_ids, &pos, &fs, &n)) {
            if (!PyFrozenSet_CheckExact(fs) || settable_add(&tab, fs, n) < 0) {
                if (!PyErr_Occurred()) {
                    PyErr_SetString(PyExc_TypeError, "read_all: set_ids maps frozensets to numbers");
                }
                goto done;
            }
        }
    }
    for (Py_ssize_t ci = 0; ci < PyList_GET_SIZE(claims); ci++) {
        PyObject *c = PyList_GET_ITEM(claims, ci);
        if (Py_TYPE(c) != cls) {
            result = Py_False;
            goto done;
        }
        PyObject *f[N_FIELDS];
        for (int i = 0; i < N_FIELDS; i++) {
            f[i] = *(PyObject **)((char *)c + getter->offsets[i]);
            if (f[i] == NULL) {
                result = Py_False;
                goto done;
            }
        }
        if (!fields_typed(f)) {
            result = Py_False;
            goto done;
        }
        Py_INCREF(c); /* (fields borrowed from it: held while Python code runs) */
        PyObject *kind = f[F_KIND], *change = f[F_CHANGE], *noun = f[F_NOUN], *text = f[F_TEXT], *s = f[F_SENT];
        PyObject *subject = f[F_SUBJECT], *claim_doc = f[F_DOC], *t = f[F_TIME], *q = f[F_Q];
        /* the dimension */
        PyObject *dcomps[5] = {kind, change, f[F_NU], f[F_UNIT], noun};
        Py_hash_t dhashes[5];
        for (int k = 0; k < 5; k++) {
            dhashes[k] = comp_hash(dcomps[k]);
            if (dhashes[k] == -1) {
                goto claim_error;
            }
        }
        Py_uhash_t dh = comps_hash(dhashes, 5);
        KEntry *de;
        int dfound = ktable_find(&dimtab, dcomps, dh, &de);
        if (dfound < 0) {
            goto claim_error;
        }
        PyObject *dim;
        Py_hash_t dim_hash;
        if (dfound) {
            dim = de->value;
            dim_hash = de->value_hash;
        }
        else {
            dkey = PyTuple_Pack(5, kind, change, f[F_NU], f[F_UNIT], noun);
            if (dkey == NULL) {
                goto claim_error;
            }
            dim = PyDict_GetItemWithError(dims, dkey); /* borrowed */
            if (dim == NULL) {
                if (PyErr_Occurred()) {
                    goto claim_error;
                }
                PyObject *made = PyObject_CallFunctionObjArgs(dimension, kind, change, f[F_NU], f[F_UNIT], noun, NULL);
                if (made == NULL) {
                    goto claim_error;
                }
                if (made != Py_None && (!PyTuple_CheckExact(made) || PyTuple_GET_SIZE(made) != 3
                                        || !PyUnicode_CheckExact(PyTuple_GET_ITEM(made, 0)))) {
                    Py_DECREF(made);
                    PyErr_SetString(PyExc_TypeError, "read_all: a dimension is None or (str, str | None, str)");
                    goto claim_error;
                }
                int failed = PyDict_SetItem(dims, dkey, made);
                Py_DECREF(made);
                if (failed) {
                    goto claim_error;
                }
                dim = made; /* (the dict holds it) */
            }

            dim_hash = PyObject_Hash(dim);
            if (dim_hash == -1 || ktable_insert(&dimtab, dcomps, dh, dim, dim_hash) < 0) {
                goto claim_error;
            }
        }
        Py_CLEAR(dkey);
        if (dim == Py_None) {
            goto next;
        }
        int counted = EQ(PyTuple_GET_ITEM(dim, 0), "count");
        if (counted && PyUnicode_GET_LENGTH(text) > 0) {
            Py_UCS4 ch = PyUnicode_READ_CHAR(text, 0);
            if (ch == 'o' || ch == 'O') { /* (``one\s+of\b``, case-insensitive: nothing else folds to o) */
                PyObject *m = PyObject_CallOneArg(one_of, text);
                if (m == NULL) {
                    goto claim_error;
                }
                int found = m != Py_None;
                Py_DECREF(m);
                if (found) {
                    goto next;
                }
            }
        }
        /* The clause and subject: into bags (no Python set), when the figure is in its sentence and
           its clause has >= 2 stems (read_sets's common case; otherwise ``keys`` reads the sentence). */
        PyObject *first = NULL; /* borrowed from the reader's table or from ``got`` */
        PyObject *n_terms = NULL, *n_subj = zero, *n_dirs = zero, *n_named = zero; /* borrowed: kept by set_ids */
        int first_in = 0;
        int has_noun = noun != Py_None && PyUnicode_GET_LENGTH(noun) > 0;
        PyObject *nt = NULL; /* the noun's terms (borrowed from noun_terms_of) */
        PyObject *head = NULL;
        Py_hash_t head_hash = 0;
        if (has_noun) {
            nt = PyDict_GetItemWithError(noun_terms_of, noun);
            if (nt == NULL) {
                if (PyErr_Occurred()) {
                    goto claim_error;
                }
                PyObject *made = PyObject_CallOneArg(noun_terms_fn, noun);
                if (made == NULL) {
                    goto claim_error;
                }
                if (!PyList_CheckExact(made)) {
                    Py_DECREF(made);
                    PyErr_SetString(PyExc_TypeError, "read_all: noun_terms() must return a list");
                    goto claim_error;
                }
                int failed = PyDict_SetItem(noun_terms_of, noun, made);
                Py_DECREF(made);
                if (failed) {
                    goto claim_error;
                }
                nt = made;
            }
            if (counted) {
                head = PyTuple_GET_ITEM(dim, 1);
                if (!PyUnicode_CheckExact(head)) {
                    PyErr_SetString(PyExc_TypeError, "read_all: a count's dimension names its noun head");
                    goto claim_error;
                }
                head_hash = str_hash(head);
                if (head_hash == -1) {
                    goto claim_error;
                }
            }
        }
        int in_bags = 0;
        {
            Py_ssize_t size = PyUnicode_GET_LENGTH(text);
            Py_ssize_t pos = -1;
            if (size > 0) {
                if (PyUnicode_KIND(s) == PyUnicode_1BYTE_KIND && PyUnicode_KIND(text) == PyUnicode_1BYTE_KIND) {
                    /* (str.find of one-byte strings: the first place the bytes match) */
                    const char *sd = PyUnicode_DATA(s);
                    const char *at = memmem(sd, (size_t)PyUnicode_GET_LENGTH(s), PyUnicode_DATA(text), (size_t)size);
                    pos = at == NULL ? -1 : (Py_ssize_t)(at - sd);
                }
                else {
                    pos = PyUnicode_Find(s, text, 0, PyUnicode_GET_LENGTH(s), 1);
                    if (pos == -2) {
                        goto claim_error;
                    }
                }
            }
            if (pos >= 0) {
                Py_ssize_t n_stems;
                PyObject *opening;
                Tc.n = Ss.n = N.n = 0;
                if (read_clause(self, s, pos, pos + size, to_bag(&Tc), to_bag(&N), &n_stems, &first, &opening) < 0) {
                    goto claim_error;
                }
                in_bags = Tc.n >= 2 || n_stems >= 2;
                if (in_bags && subject != Py_None && PyUnicode_GET_LENGTH(subject) > 0) {
                    if (read_words(self, subject, to_bag(&Ss), to_bag(&N)) < 0) {
                        goto claim_error;
                    }
                }
                if (in_bags && opening != NULL && sink_add_all(to_bag(&N), opening) < 0) {
                    goto claim_error;
                }
                if (!in_bags) {
                    first = NULL;
                }
            }
        }
        int numbered = 0;
        if (in_bags) {
            /* the final contents: terms = clause | subject | noun - head, subj = subject | noun - head */
            if (bag_copy(&T, &Tc) < 0 || bag_add_bag(&T, &Ss) < 0 || bag_copy(&Sf, &Ss) < 0) {
                goto claim_error;
            }
            if (nt != NULL) {
                for (Py_ssize_t k = 0; k < PyList_GET_SIZE(nt); k++) {
                    if (bag_add(&T, PyList_GET_ITEM(nt, k)) < 0) {
                        goto claim_error;
                    }
                }
                if (head != NULL) {
                    bag_discard(&T, head, head_hash);
                    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(nt); k++) {
                        if (bag_add(&Sf, PyList_GET_ITEM(nt, k)) < 0) {
                            goto claim_error;
                        }
                    }
                    bag_discard(&Sf, head, head_hash);
                }
            }
            for (Py_ssize_t k = 0; k < N.n; k++) {
                if (PySet_Add(names_seen, N.items[k].item) < 0) {
                    goto claim_error;
                }
            }
            Bag *named_bag = &N;
            if (has_noun) {
                M.n = 0;
                for (Py_ssize_t k = 0; k < N.n; k++) {
                    if (bag_find(&T, N.items[k].item, N.items[k].hash) >= 0 && bag_add(&M, N.items[k].item) < 0) {
                        goto claim_error;
                    }
                }
                named_bag = &M;
            }
            D.n = 0;
            for (Py_ssize_t k = 0; k < T.n; k++) {
                Py_hash_t th = T.items[k].hash;
                if (!(bloom[(th >> 6) & 63] & ((uint64_t)1 << (th & 63)))) {
                    continue; /* (no direction word has this hash) */
                }
                int in = PySet_Contains(directions, T.items[k].item);
                if (in < 0 || (in && bag_add(&D, T.items[k].item) < 0)) {
                    goto claim_error;
                }
            }
            if (first != NULL) {
                Py_hash_t h = str_hash(first);
                if (h == -1) {
                    goto claim_error;
                }
                first_in = bag_find(&T, first, h) >= 0;
            }
            /* all four sets known already: their numbers, with no set made */
            numbered = 1;
            if (settable_find(&tab, &T, &n_terms) <= 0) {
                numbered = 0;
            }
            if (numbered && Sf.n > 0) {
                if (bag_same(&Sf, &T)) {
                    n_subj = n_terms;
                }
                else if (settable_find(&tab, &Sf, &n_subj) <= 0) {
                    numbered = 0;
                }
            }
            if (numbered && D.n > 0 && settable_find(&tab, &D, &n_dirs) <= 0) {
                numbered = 0;
            }
            if (numbered && named_bag->n > 0 && settable_find(&tab, named_bag, &n_named) <= 0) {
                numbered = 0;
            }
            if (PyErr_Occurred()) {
                goto claim_error;
            }
            if (!numbered) {
                /* a new set: the Python sets, made as the reference makes them (set order included) */
                n_subj = n_dirs = n_named = zero;
                terms = PySet_New(NULL);
                subj = PySet_New(NULL);
                names = PySet_New(NULL);
                if (terms == NULL || subj == NULL || names == NULL || bag_into(terms, &Tc) < 0
                    || bag_into(subj, &Ss) < 0 || bag_into(names, &N) < 0) {
                    goto claim_error;
                }
                if (Ss.n > 0) {
                    PyObject *r = PyNumber_InPlaceOr(terms, subj);
                    if (r == NULL) {
                        goto claim_error;
                    }
                    Py_DECREF(r);
                }
            }
        }
        else {
            got = PyObject_CallFunctionObjArgs(keys, s, text, subject, NULL);
            if (got == NULL) {
                goto claim_error;
            }
            if (!PyTuple_CheckExact(got) || PyTuple_GET_SIZE(got) != 4 || !PySet_CheckExact(PyTuple_GET_ITEM(got, 0))
                || !PySet_CheckExact(PyTuple_GET_ITEM(got, 1)) || !PySet_CheckExact(PyTuple_GET_ITEM(got, 2))) {
                PyErr_SetString(PyExc_TypeError, "read_all: keys() must return (set, set, set, str | None)");
                goto claim_error;
            }
            terms = Py_NewRef(PyTuple_GET_ITEM(got, 0));
            subj = Py_NewRef(PyTuple_GET_ITEM(got, 1));
            names = Py_NewRef(PyTuple_GET_ITEM(got, 2));
            first = PyTuple_GET_ITEM(got, 3);
            if (first == Py_None) {
                first = NULL;
            }
        }
        if (!numbered) {
            /* The reference's steps on Python sets: _extend_noun, names_seen |= names, named, dirs, and
               each set numbered (a new one also into the table of known sets). */
            if (nt != NULL) {
                for (Py_ssize_t k = 0; k < PyList_GET_SIZE(nt); k++) {
                    if (PySet_Add(terms, PyList_GET_ITEM(nt, k)) < 0) {
                        goto claim_error;
                    }
                }
                if (head != NULL) {
                    if (PySet_Discard(terms, head) < 0) {
                        goto claim_error;
                    }
                    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(nt); k++) {
                        if (PySet_Add(subj, PyList_GET_ITEM(nt, k)) < 0) {
                            goto claim_error;
                        }
                    }
                    if (PySet_Discard(subj, head) < 0) {
                        goto claim_error;
                    }
                }
            }
            PyObject *r = PyNumber_InPlaceOr(names_seen, names);
            if (r == NULL) {
                goto claim_error;
            }
            Py_DECREF(r);
            if (has_noun) {
                named = PyNumber_And(terms, names);
                if (named == NULL) {
                    goto claim_error;
                }
            }
            else {
                named = Py_NewRef(names);
            }
            /* dirs: _EMPTY unless a direction word is among the terms */
            {
                Py_ssize_t pos = 0;
                PyObject *item;
                Py_hash_t hash;
                int any = 0;
                while (_PySet_NextEntry(terms, &pos, &item, &hash)) {
                    int in = PySet_Contains(directions, item);
                    if (in < 0) {
                        goto claim_error;
                    }
                    if (in) {
                        any = 1;
                        break;
                    }
                }
                if (any) {
                    dirs = PyNumber_And(directions, terms);
                    if (dirs == NULL) {
                        goto claim_error;
                    }
                }
            }
            n_terms = set_number_of(set_ids, terms, &tab);
            if (n_terms == NULL) {
                goto claim_error;
            }
            if (PySet_GET_SIZE(subj) > 0) {
                int same = PyObject_RichCompareBool(subj, terms, Py_EQ);
                if (same < 0) {
                    goto claim_error;
                }
                n_subj = same ? n_terms : set_number_of(set_ids, subj, &tab);
                if (n_subj == NULL) {
                    goto claim_error;
                }
            }
            if (dirs != NULL && PySet_GET_SIZE(dirs) > 0) {
                n_dirs = set_number(set_ids, dirs, &tab);
                if (n_dirs == NULL) {
                    goto claim_error;
                }
            }
            if (PySet_GET_SIZE(named) > 0) {
                n_named = set_number_of(set_ids, named, &tab);
                if (n_named == NULL) {
                    goto claim_error;
                }
            }
            if (first != NULL) {
                first_in = PySet_Contains(terms, first);
                if (first_in < 0) {
                    goto claim_error;
                }
            }
        }
        /* a new document: its sentences' scopes */
        if (doc == NULL || !same_str(claim_doc, doc)) {
            Py_XSETREF(doc, Py_NewRef(claim_doc));
            PyObject *sc = PyObject_CallOneArg(doc_scopes, doc);
            if (sc == NULL) {
                goto claim_error;
            }
            if (!PyDict_CheckExact(sc)) {
                Py_DECREF(sc);
                PyErr_SetString(PyExc_TypeError, "read_all: doc_scopes() must return a dict");
                goto claim_error;
            }
            senttable_clear(&sents);
            Py_XSETREF(scopes, sc);
            Py_ssize_t pos = 0;
            PyObject *sentence, *sentence_scope;
            while (PyDict_Next(scopes, &pos, &sentence, &sentence_scope)) {
                if (!PyUnicode_CheckExact(sentence) || PyUnicode_READY(sentence) < 0) {
                    result = Py_False; /* (a sentence of another type: the reference reads the list) */
                    Py_DECREF(c);
                    goto done;
                }
                SentEntry *e = senttable_get(&sents, sentence);
                if (e == NULL) {
                    goto claim_error;
                }
                e->scope = sentence_scope;
            }
        }
        /* the sentence's number and scope (as doc_sents.setdefault and scopes.get) */
        SentEntry *se = senttable_get(&sents, s);
        if (se == NULL) {
            goto claim_error;
        }
        if (se->number == NULL) {
            se->number = PyLong_FromSsize_t(n_sents);
            if (se->number == NULL) {
                goto claim_error;
            }
            n_sents++;
        }
        PyObject *sent = se->number; /* borrowed: the table holds it until the next document */
        if (t == Py_None || PyUnicode_GET_LENGTH(t) == 0) {
            tkey = Py_NewRef(Py_None);
        }
        else if (PyUnicode_GET_LENGTH(t) == 4) {
            tkey = Py_NewRef(t);
        }
        else {
            tkey = PyObject_CallOneArg(time_key, t);
            if (tkey == NULL) {
                goto claim_error;
            }
        }
        PyObject *scope = !counted && se->scope != NULL ? se->scope : no_scope;
        PyObject *kcomps[8] = {dim, tkey, n_terms, n_subj, n_dirs, scope, n_named, first_in ? first : Py_None};
        Py_hash_t khashes[8];
        khashes[0] = dim_hash;
        for (int k = 1; k < 8; k++) {
            khashes[k] = comp_hash(kcomps[k]);
            if (khashes[k] == -1) {
                goto claim_error;
            }
        }
        Py_uhash_t kh = comps_hash(khashes, 8);
        KEntry *ke;
        int kfound = ktable_find(&sigtab, kcomps, kh, &ke);
        if (kfound < 0) {
            goto claim_error;
        }
        PyObject *sig; /* borrowed */
        if (kfound) {
            sig = ke->value;
        }
        else {
            key = PyTuple_Pack(8, dim, tkey, n_terms, n_subj, n_dirs, scope, n_named, kcomps[7]);
            if (key == NULL) {
                goto claim_error;
            }
            number = PyLong_FromSsize_t(PyList_GET_SIZE(sigs));
            if (number == NULL || PyList_Append(sigs, key) < 0) {
                goto claim_error;
            }
            sig = number;
            if (ktable_insert(&sigtab, kcomps, kh, sig, 0) < 0) {
                goto claim_error;
            }
        }
        if (PyList_Append(provisional, sig) < 0) {
            goto claim_error;
        }
        if (PyList_Append(row_claims, c) < 0 || PyList_Append(row_sent, sent) < 0) {
            goto claim_error;
        }
        /* the interval and point value (conflicts._interval_point) */
        {
            double v = PyFloat_AS_DOUBLE(f[F_V]);
            double value = PyFloat_AS_DOUBLE(f[F_VALUE]);
            int has_lo0 = f[F_LO] != Py_None, has_hi0 = f[F_HI] != Py_None;
            double lo0 = has_lo0 ? PyFloat_AS_DOUBLE(f[F_LO]) : 0.0;
            double hi0 = has_hi0 ? PyFloat_AS_DOUBLE(f[F_HI]) : 0.0;
            int has_lo = has_lo0, has_hi = has_hi0;
            double lo = lo0, hi = hi0;
            if (!has_lo && !has_hi) {
                if (EQ(q, "more_than") || EQ(q, "at_least")) {
                    has_lo = 1;
                    lo = v;
                }
                else if (EQ(q, "less_than") || EQ(q, "at_most")) {
                    has_hi = 1;
                    hi = v;
                }
                else {
                    has_lo = has_hi = 1;
                    lo = hi = v;
                }
            }
            double slack = 0.0;
            if (!(value == 0.0 || EQ(kind, "fraction"))) {
                long d = 0;
                /* A whole number below 1e16 is written "N.0" (repr): no decimals, no look-up. */
                PyObject *d_obj = fabs(value) < 1e16 && value == floor(value) ? Py_None
                                  : PyDict_GetItemWithError(decimals, f[F_VALUE]); /* borrowed */
                if (d_obj == Py_None) {
                    d = 0;
                }
                else if (d_obj == NULL) {
                    if (PyErr_Occurred()) {
                        goto claim_error;
                    }
                    d = decimals_of(value);
                    if (d == -2) {
                        goto claim_error;
                    }
                    Py_XSETREF(number, PyLong_FromLong(d));
                    if (number == NULL || PyDict_SetItem(decimals, f[F_VALUE], number) < 0) {
                        goto claim_error;
                    }
                }
                else {
                    d = PyLong_AsLong(d_obj);
                    if (d == -1 && PyErr_Occurred()) {
                        goto claim_error;
                    }
                }
                if (d >= 0) {
                    if (d >= PyList_GET_SIZE(ten_pow) || !PyFloat_Check(PyList_GET_ITEM(ten_pow, d))) {
                        PyErr_SetString(PyExc_IndexError, "read_all: no power of ten for these decimals");
                        goto claim_error;
                    }
                    double scale = v != 0.0 ? fabs(v / value) : 1.0;
                    slack = 0.5 * PyFloat_AS_DOUBLE(PyList_GET_ITEM(ten_pow, d)) * scale;
                }
            }
            double lo_f, hi_f;
            if (EQ(q, "approximately")) {
                if (has_lo) {
                    double a = fabs(lo) * tolerance;
                    lo_f = lo - (slack > a ? slack : a);
                }
                else {
                    lo_f = -Py_HUGE_VAL;
                }
                if (has_hi) {
                    double a = fabs(hi) * tolerance;
                    hi_f = hi + (slack > a ? slack : a);
                }
                else {
                    hi_f = Py_HUGE_VAL;
                }
            }
            else {
                lo_f = has_lo ? lo - slack : -Py_HUGE_VAL;
                hi_f = has_hi ? hi + slack : Py_HUGE_VAL;
            }
            if (EQ(q, "range") && has_lo0 && has_hi0) {
                v = (lo0 + hi0) / 2;
            }
            int decrease = change != Py_None && EQ(change, "decrease");
            if (append_new(row_lo, PyFloat_FromDouble(decrease ? -hi_f : lo_f)) < 0
                || append_new(row_hi, PyFloat_FromDouble(decrease ? -lo_f : hi_f)) < 0
                || append_new(row_point, PyFloat_FromDouble(decrease ? -v : v)) < 0) {
                goto claim_error;
            }
        }
    next:
        Py_CLEAR(dkey);
        Py_CLEAR(terms);
        Py_CLEAR(subj);
        Py_CLEAR(names);
        Py_CLEAR(got);
        Py_CLEAR(named);
        Py_CLEAR(dirs);
        Py_CLEAR(tkey);
        Py_CLEAR(key);
        Py_CLEAR(number);
        Py_DECREF(c);
        continue;
    claim_error:
        Py_DECREF(c);
        goto done;
    }
    result = Py_True;
done:
    Py_XDECREF(dkey);
    Py_XDECREF(terms);
    Py_XDECREF(subj);
    Py_XDECREF(names);
    Py_XDECREF(got);
    Py_XDECREF(named);
    Py_XDECREF(dirs);
    Py_XDECREF(tkey);
    Py_XDECREF(key);
    Py_XDECREF(number);
    bag_free(&Tc);
    bag_free(&Ss);
    bag_free(&N);
    bag_free(&T);
    bag_free(&Sf);
    bag_free(&D);
    bag_free(&M);
    settable_free(&tab);
    ktable_free(&dimtab);
    ktable_free(&sigtab);
    Py_XDECREF(zero);
    Py_XDECREF(no_scope);
    senttable_free(&sents);
    Py_XDECREF(doc);
    Py_XDECREF(scopes);
    if (result == NULL) {
        return NULL;
    }
    return Py_NewRef(result);
}

static PyObject *
Reader_read_all_checked(Reader *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (Reader_call_check(self) == NULL) {
        return NULL;
    }
    return Reader_read_all(self, args, nargs);
}

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "kzfacts._clause", "The clause reading of kzfacts.conflicts, in C.", -1, NULL,
};

PyMODINIT_FUNC
PyInit__clause(void)
{
    if (PyType_Ready(&ReaderType) < 0 || PyType_Ready(&GetterType) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) {
        return NULL;
    }
    Py_INCREF(&ReaderType);
    if (PyModule_AddObject(m, "Reader", (PyObject *)&ReaderType) < 0) {
        Py_DECREF(&ReaderType);
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(&GetterType);
    if (PyModule_AddObject(m, "Getter", (PyObject *)&GetterType) < 0) {
        Py_DECREF(&GetterType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
