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

/* conflicts._clause_start: where the clause holding data[pos] starts. */
static Py_ssize_t
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
static Py_ssize_t
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
static int
read_clause(Reader *self, PyObject *s, Py_ssize_t pos, Py_ssize_t end, PyObject *terms, PyObject *names,
            Py_ssize_t *n_stems_out, PyObject **first_out, PyObject **opening_out)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
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
            if (add_all(terms, e->stems) < 0) {
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
            if (add_all(names, e->names) < 0) {
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
static int
read_words(Reader *self, PyObject *s, PyObject *stems, PyObject *names)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
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
        if (add_all(stems, e->stems) < 0 || add_all(names, e->names) < 0) {
            return -1;
        }
    }
    return 0;
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
    if (read_clause(self, s, pos, end, terms, names, &n_stems, &first, &opening) < 0) {
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
    if (read_words(self, s, stems, names) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
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
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    if (size == 0) {
        Py_RETURN_NONE;
    }
    Py_ssize_t pos = PyUnicode_Find(s, text, 0, n, 1);
    if (pos == -2) {
        return NULL;
    }
    if (pos < 0) {
        Py_RETURN_NONE;
    }
    PyObject *terms = PySet_New(NULL);
    PyObject *names = PySet_New(NULL);
    PyObject *subj = NULL;
    if (terms == NULL || names == NULL) {
        goto error;
    }
    Py_ssize_t n_stems;
    PyObject *first, *opening;
    if (read_clause(self, s, pos, pos + size, terms, names, &n_stems, &first, &opening) < 0) {
        goto error;
    }
    if (PySet_GET_SIZE(terms) < 2 && n_stems < 2) {
        Py_DECREF(terms);
        Py_DECREF(names);
        Py_RETURN_NONE;
    }
    subj = PySet_New(NULL);
    if (subj == NULL) {
        goto error;
    }
    if (subject != Py_None && PyUnicode_GET_LENGTH(subject) > 0) {
        if (read_words(self, subject, subj, names) < 0) {
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
    PyObject *out = PyTuple_New(4);
    if (out == NULL) {
        goto error;
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
error:
    Py_XDECREF(terms);
    Py_XDECREF(names);
    Py_XDECREF(subj);
    return NULL;
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

static PyMethodDef Reader_methods[] = {
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
