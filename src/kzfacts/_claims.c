/* kzfacts._claims: read the JSON Lines ``kzfacts extract --format jsonl`` writes straight into Claims.

   parse(raw, cls) -> (claims, declined) | None

   ``raw`` is the file's bytes (UTF-8, no BOM: source.read_claims checks). Lines end at "\n" (a
   "\r" before it is dropped). A line holding only spaces and tabs is blank and skipped. A line
   written exactly as output.claim_json writes one (that key order, ", " and ": " between items,
   strings, ints for start/end/line/col, finite floats with a '.' or an exponent where floats go,
   null where the field may be None) becomes ``cls`` with its 20 slots set, as
   ``Claim.from_dict(json.loads(line))`` would make it: the same values of the same types (floats
   by PyOS_string_to_double, the correctly rounded conversion json uses; every JSON string escape,
   surrogate pairs included; UTF-8 decoded strictly). Any other line is *declined*: ``declined``
   gets (index in claims where its claim goes, line number, byte start, byte end) and the caller
   reads it with the json module, the reference (its errors and all).

   None: this file is not for the fast path. Either ``cls`` is not a slotted class whose fields are
   plain slots (then nothing could be built at offsets), or the text holds a character that
   str.splitlines breaks lines at besides "\n" and "\r\n" ("\r" alone, \v, \f, \x1c-\x1e, U+0085,
   U+2028, U+2029): line numbers would then differ from the reference's, so the caller reads the
   whole file the reference way.

   Repeated short strings (doc, unit, noun, kind, the normalized unit, qualifier, change, subject,
   time, short texts) are made once per file and shared, keyed by their bytes in the file; a
   sentence equal to the previous line's is shared too; low/high written as the same characters as
   the float before them in the line share its float object. (Equal values; only identity differs.)

   The reference is source._read_claims_text (what runs in a pure install, and for every line this
   declines); tests/test_claims_reader.py compares the two.
*/
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <math.h>
#include <string.h>

#define NFIELDS 20

static const char *const FIELD_NAMES[NFIELDS] = {
    "doc", "start", "end", "line", "col", "text", "sentence", "value", "value_high", "unit", "noun", "kind",
    "normalized_value", "normalized_unit", "qualifier", "low", "high", "change", "subject", "time",
};

enum { F_DOC, F_START, F_END, F_LINE, F_COL, F_TEXT, F_SENTENCE, F_VALUE, F_VALUE_HIGH, F_UNIT, F_NOUN, F_KIND,
       F_NVALUE, F_NUNIT, F_QUALIFIER, F_LOW, F_HIGH, F_CHANGE, F_SUBJECT, F_TIME, F_NONE = -1 };

/* What follows each key. */
enum { V_SKIPSTR, V_STR, V_OPTSTR, V_INT, V_FLOAT, V_OPTFLOAT };

typedef struct {
    const char *lit;  /* the characters before the value */
    int kind;         /* V_* */
    int field;        /* F_* */
    int shared;       /* 1: a short value is looked up in the file's string table; 2: the previous line's */
} Step;

static const Step STEPS[] = {
    {"{\"id\": ", V_SKIPSTR, F_NONE, 0},
    {", \"doc\": ", V_STR, F_DOC, 1},
    {", \"start\": ", V_INT, F_START, 0},
    {", \"end\": ", V_INT, F_END, 0},
    {", \"line\": ", V_INT, F_LINE, 0},
    {", \"col\": ", V_INT, F_COL, 0},
    {", \"text\": ", V_STR, F_TEXT, 1},
    {", \"sentence\": ", V_STR, F_SENTENCE, 2},
    {", \"value\": ", V_FLOAT, F_VALUE, 0},
    {", \"value_high\": ", V_OPTFLOAT, F_VALUE_HIGH, 0},
    {", \"unit\": ", V_OPTSTR, F_UNIT, 1},
    {", \"noun\": ", V_OPTSTR, F_NOUN, 1},
    {", \"kind\": ", V_STR, F_KIND, 1},
    {", \"normalized\": {\"value\": ", V_FLOAT, F_NVALUE, 0},
    {", \"unit\": ", V_OPTSTR, F_NUNIT, 1},
    {"}, \"qualifier\": ", V_STR, F_QUALIFIER, 1},
    {", \"low\": ", V_OPTFLOAT, F_LOW, 0},
    {", \"high\": ", V_OPTFLOAT, F_HIGH, 0},
    {", \"change\": ", V_OPTSTR, F_CHANGE, 1},
    {", \"subject\": ", V_OPTSTR, F_SUBJECT, 1},
    {", \"time\": ", V_OPTSTR, F_TIME, 1},
};
#define NSTEPS ((int)(sizeof(STEPS) / sizeof(STEPS[0])))
static Py_ssize_t STEP_LENS[NSTEPS];

#define SHARED_MAX 64 /* longest value (bytes in the file) looked up in the string table */

enum { R_GIVEUP = -2, R_ERROR = -1, R_DECLINE = 0, R_ACCEPT = 1 };

typedef struct {
    Py_uhash_t hash;
    Py_ssize_t len;
    const char *raw; /* its bytes in the file (alive while parsing) */
    PyObject *str;   /* NULL: an empty slot */
} Slot;

typedef struct {
    Slot *table;
    Py_ssize_t mask;
    Py_ssize_t used;
    const char *sent_raw; /* the previous sentence's bytes and str */
    Py_ssize_t sent_len;
    PyObject *sent;
} Shared;

static void
shared_free(Shared *sh)
{
    if (sh->table != NULL) {
        for (Py_ssize_t i = 0; i <= sh->mask; i++) {
            Py_XDECREF(sh->table[i].str);
        }
        PyMem_Free(sh->table);
    }
    Py_XDECREF(sh->sent);
}

static inline Py_uhash_t
fnv(const char *p, Py_ssize_t n)
{
    Py_uhash_t h = (Py_uhash_t)14695981039346656037ULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        h = (h ^ (unsigned char)p[i]) * (Py_uhash_t)1099511628211ULL;
    }
    return h;
}

static int
shared_grow(Shared *sh)
{
    Py_ssize_t size = (sh->mask + 1) * 2;
    Slot *table = PyMem_Calloc((size_t)size, sizeof(Slot));
    if (table == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i <= sh->mask; i++) {
        Slot *s = &sh->table[i];
        if (s->str != NULL) {
            Py_ssize_t j = (Py_ssize_t)(s->hash & (Py_uhash_t)(size - 1));
            while (table[j].str != NULL) {
                j = (j + 1) & (size - 1);
            }
            table[j] = *s;
        }
    }
    PyMem_Free(sh->table);
    sh->table = table;
    sh->mask = size - 1;
    return 0;
}

/* ------------------------------------------------------------------ strings */

/* Whether p[0..] starts a character str.splitlines breaks at (other than "\n"), given n bytes left. */
static inline int
is_break(const unsigned char *p, Py_ssize_t n)
{
    unsigned char c = p[0];
    if (c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d || c == 0x1e) {
        return 1;
    }
    if (c == 0xC2) {
        return n >= 2 && p[1] == 0x85;
    }
    if (c == 0xE2) {
        return n >= 3 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9);
    }
    return 0;
}

static int
has_break(const char *a, const char *b)
{
    for (const unsigned char *p = (const unsigned char *)a; p < (const unsigned char *)b; p++) {
        if (is_break(p, (const unsigned char *)b - p)) {
            return 1;
        }
    }
    return 0;
}

/* 1 for the bytes scan_string looks at: '"', '\\', control characters, non-ASCII bytes. */
static unsigned char STOP[256];

/* Scan the JSON string whose opening quote is at *pp: on R_ACCEPT, *pp is past its closing quote, the
   characters are [*a, *b), and *esc / *wide say whether it has escapes / non-ASCII bytes. */
static inline int
scan_string(const char **pp, const char *end, const char **a, const char **b, int *esc, int *wide)
{
    const unsigned char *p = (const unsigned char *)*pp;
    const unsigned char *e = (const unsigned char *)end;
    if (p >= e || *p != '"') {
        return R_DECLINE;
    }
    p++;
    *a = (const char *)p;
    *esc = 0;
    *wide = 0;
    for (;;) {
        while (p < e && !STOP[*p]) {
            p++;
        }
        if (p >= e) {
            return R_DECLINE;
        }
        unsigned char c = *p;
        if (c == '"') {
            break;
        }
        if (c == '\\') {
            *esc = 1;
            p += 2; /* (the escape itself is checked when decoded) */
            continue;
        }
        if (c < 0x20) {
            return is_break(p, e - p) ? R_GIVEUP : R_DECLINE; /* json refuses raw control characters */
        }
        if (c >= 0x80) {
            if (is_break(p, e - p)) {
                return R_GIVEUP;
            }
            *wide = 1;
        }
        p++;
    }
    *b = (const char *)p;
    *pp = (const char *)(p + 1);
    return R_ACCEPT;
}

static inline int
hex4(const unsigned char *p, Py_UCS4 *out)
{
    Py_UCS4 v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') {
            v |= (Py_UCS4)(c - '0');
        }
        else if (c >= 'a' && c <= 'f') {
            v |= (Py_UCS4)(c - 'a' + 10);
        }
        else if (c >= 'A' && c <= 'F') {
            v |= (Py_UCS4)(c - 'A' + 10);
        }
        else {
            return 0;
        }
    }
    *out = v;
    return 1;
}

static inline int
cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* The characters of [a, b) with escapes, into out (room for b - a): their count, or -1 (decline:
   a bad escape, a lone surrogate, or bytes strict UTF-8 decoding refuses). */
static Py_ssize_t
decode_escaped(const unsigned char *p, const unsigned char *e, Py_UCS4 *out)
{
    Py_ssize_t n = 0;
    while (p < e) {
        unsigned char c = *p;
        if (c == '\\') {
            if (e - p < 2) {
                return -1;
            }
            unsigned char d = p[1];
            p += 2;
            switch (d) {
            case '"': out[n++] = '"'; break;
            case '\\': out[n++] = '\\'; break;
            case '/': out[n++] = '/'; break;
            case 'b': out[n++] = '\b'; break;
            case 'f': out[n++] = '\f'; break;
            case 'n': out[n++] = '\n'; break;
            case 'r': out[n++] = '\r'; break;
            case 't': out[n++] = '\t'; break;
            case 'u': {
                Py_UCS4 u, lo;
                if (e - p < 4 || !hex4(p, &u)) {
                    return -1;
                }
                p += 4;
                if (u >= 0xD800 && u <= 0xDBFF) {
                    if (e - p < 6 || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF) {
                        return -1; /* a lone high surrogate: json keeps it; the reference decides */
                    }
                    p += 6;
                    u = 0x10000 + (((u - 0xD800) << 10) | (lo - 0xDC00));
                }
                else if (u >= 0xDC00 && u <= 0xDFFF) {
                    return -1;
                }
                out[n++] = u;
                break;
            }
            default:
                return -1;
            }
            continue;
        }
        if (c < 0x80) {
            out[n++] = c;
            p++;
            continue;
        }
        /* strict UTF-8, as bytes.decode("utf-8") */
        Py_ssize_t left = e - p;
        if (c >= 0xC2 && c <= 0xDF) {
            if (left < 2 || !cont(p[1])) {
                return -1;
            }
            out[n++] = ((Py_UCS4)(c & 0x1F) << 6) | (p[1] & 0x3F);
            p += 2;
        }
        else if (c >= 0xE0 && c <= 0xEF) {
            if (left < 3 || !cont(p[1]) || !cont(p[2]) || (c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F)) {
                return -1;
            }
            out[n++] = ((Py_UCS4)(c & 0x0F) << 12) | ((Py_UCS4)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            p += 3;
        }
        else if (c >= 0xF0 && c <= 0xF4) {
            if (left < 4 || !cont(p[1]) || !cont(p[2]) || !cont(p[3]) || (c == 0xF0 && p[1] < 0x90)
                || (c == 0xF4 && p[1] > 0x8F)) {
                return -1;
            }
            out[n++] = ((Py_UCS4)(c & 0x07) << 18) | ((Py_UCS4)(p[1] & 0x3F) << 12) | ((Py_UCS4)(p[2] & 0x3F) << 6)
                       | (p[3] & 0x3F);
            p += 4;
        }
        else {
            return -1;
        }
    }
    return n;
}

/* A new str of [a, b), or NULL with *r = R_DECLINE (not what json would read the same) or R_ERROR. */
static PyObject *
make_string(const char *a, const char *b, int esc, int wide, int *r)
{
    Py_ssize_t n = b - a;
    if (!esc) {
        if (!wide) {
            PyObject *s = PyUnicode_New(n, 127);
            if (s == NULL) {
                *r = R_ERROR;
                return NULL;
            }
            memcpy(PyUnicode_1BYTE_DATA(s), a, (size_t)n);
            return s;
        }
        PyObject *s = PyUnicode_DecodeUTF8(a, n, NULL);
        if (s == NULL) {
            if (PyErr_ExceptionMatches(PyExc_UnicodeDecodeError)) {
                PyErr_Clear();
                *r = R_DECLINE;
            }
            else {
                *r = R_ERROR;
            }
        }
        return s;
    }
    Py_UCS4 small[256];
    Py_UCS4 *buf = n <= 256 ? small : PyMem_New(Py_UCS4, (size_t)n);
    if (buf == NULL) {
        PyErr_NoMemory();
        *r = R_ERROR;
        return NULL;
    }
    Py_ssize_t count = decode_escaped((const unsigned char *)a, (const unsigned char *)b, buf);
    PyObject *s = NULL;
    if (count < 0) {
        *r = R_DECLINE;
    }
    else {
        s = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, count);
        if (s == NULL) {
            *r = R_ERROR;
        }
    }
    if (buf != small) {
        PyMem_Free(buf);
    }
    return s;
}

/* The str for [a, b), shared through the file's table when short. */
static PyObject *
shared_string(Shared *sh, const char *a, const char *b, int esc, int wide, int *r)
{
    Py_ssize_t n = b - a;
    if (n > SHARED_MAX) {
        return make_string(a, b, esc, wide, r);
    }
    Py_uhash_t h = fnv(a, n);
    Py_ssize_t i = (Py_ssize_t)(h & (Py_uhash_t)sh->mask);
    for (;;) {
        Slot *s = &sh->table[i];
        if (s->str == NULL) {
            break;
        }
        if (s->hash == h && s->len == n && memcmp(s->raw, a, (size_t)n) == 0) {
            Py_INCREF(s->str);
            return s->str;
        }
        i = (i + 1) & sh->mask;
    }
    PyObject *str = make_string(a, b, esc, wide, r);
    if (str == NULL) {
        return NULL;
    }
    Slot *s = &sh->table[i];
    s->hash = h;
    s->len = n;
    s->raw = a;
    Py_INCREF(str);
    s->str = str;
    if (++sh->used * 2 > sh->mask + 1 && shared_grow(sh) < 0) {
        Py_DECREF(str);
        *r = R_ERROR;
        return NULL;
    }
    return str;
}

/* ------------------------------------------------------------------ numbers */

/* A JSON number at *pp: on R_ACCEPT its characters are [*pp, *numend) and *is_int says whether json reads
   it as an int (no fraction, no exponent). */
static inline int
scan_number(const char *p, const char *end, const char **numend, int *is_int)
{
    const char *q = p;
    if (q < end && *q == '-') {
        q++;
    }
    if (q >= end) {
        return R_DECLINE;
    }
    if (*q == '0') {
        q++;
    }
    else if (*q >= '1' && *q <= '9') {
        while (q < end && *q >= '0' && *q <= '9') {
            q++;
        }
    }
    else {
        return R_DECLINE;
    }
    *is_int = 1;
    if (q < end && *q == '.') {
        q++;
        if (q >= end || !(*q >= '0' && *q <= '9')) {
            return R_DECLINE;
        }
        while (q < end && *q >= '0' && *q <= '9') {
            q++;
        }
        *is_int = 0;
    }
    if (q < end && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < end && (*q == '+' || *q == '-')) {
            q++;
        }
        if (q >= end || !(*q >= '0' && *q <= '9')) {
            return R_DECLINE;
        }
        while (q < end && *q >= '0' && *q <= '9') {
            q++;
        }
        *is_int = 0;
    }
    *numend = q;
    return R_ACCEPT;
}

/* ------------------------------------------------------------------ one line */

/* Parse [p, end) into values[] (new references, NULL where unset). */
static int
parse_line(const char *p, const char *end, Shared *sh, PyObject **values)
{
    const char *last_float = NULL; /* the previous float's characters in this line, and its object */
    Py_ssize_t last_len = 0;
    PyObject *last_obj = NULL;
    for (int k = 0; k < NSTEPS; k++) {
        const Step *st = &STEPS[k];
        Py_ssize_t ln = STEP_LENS[k];
        if (end - p < ln || memcmp(p, st->lit, (size_t)ln) != 0) {
            return R_DECLINE;
        }
        p += ln;
        int kind = st->kind;
        if ((kind == V_OPTSTR || kind == V_OPTFLOAT) && end - p >= 4 && memcmp(p, "null", 4) == 0) {
            Py_INCREF(Py_None);
            values[st->field] = Py_None;
            p += 4;
            continue;
        }
        if (kind == V_SKIPSTR || kind == V_STR || kind == V_OPTSTR) {
            const char *a, *b;
            int esc, wide;
            int r = scan_string(&p, end, &a, &b, &esc, &wide);
            if (r != R_ACCEPT) {
                return r;
            }
            PyObject *s;
            r = R_ACCEPT;
            if (kind == V_SKIPSTR) {
                if (esc || wide) { /* (the id is not read: only whether json would read it) */
                    s = make_string(a, b, esc, wide, &r);
                    if (s == NULL) {
                        return r;
                    }
                    Py_DECREF(s);
                }
                continue;
            }
            if (st->shared == 1) {
                s = shared_string(sh, a, b, esc, wide, &r);
            }
            else if (st->shared == 2 && sh->sent != NULL && sh->sent_len == b - a
                     && memcmp(sh->sent_raw, a, (size_t)(b - a)) == 0) {
                s = sh->sent;
                Py_INCREF(s);
            }
            else {
                s = make_string(a, b, esc, wide, &r);
                if (s != NULL && st->shared == 2) {
                    Py_INCREF(s);
                    Py_XSETREF(sh->sent, s);
                    sh->sent_raw = a;
                    sh->sent_len = b - a;
                }
            }
            if (s == NULL) {
                return r;
            }
            values[st->field] = s;
            continue;
        }
        const char *numend;
        int is_int;
        int r = scan_number(p, end, &numend, &is_int);
        if (r != R_ACCEPT) {
            return r;
        }
        Py_ssize_t n = numend - p;
        if (kind == V_INT) {
            if (!is_int) {
                return R_DECLINE; /* int(1.0) is 1 in the reference: let it decide */
            }
            const char *q = p;
            int neg = 0;
            if (*q == '-') {
                neg = 1;
                q++;
            }
            if (numend - q > 18) {
                return R_DECLINE;
            }
            long long v = 0;
            for (; q < numend; q++) {
                v = v * 10 + (*q - '0');
            }
            PyObject *o = PyLong_FromLongLong(neg ? -v : v);
            if (o == NULL) {
                return R_ERROR;
            }
            values[st->field] = o;
            p = numend;
            continue;
        }
        /* V_FLOAT, V_OPTFLOAT */
        if (is_int) {
            return R_DECLINE; /* float(int): claim_json never writes it; the reference reads it */
        }
        PyObject *o;
        if (last_obj != NULL && last_len == n && memcmp(last_float, p, (size_t)n) == 0) {
            o = last_obj;
            Py_INCREF(o);
        }
        else {
            char *stop;
            double d = PyOS_string_to_double(p, &stop, NULL);
            if (d == -1.0 && PyErr_Occurred()) {
                return R_ERROR;
            }
            if (stop != numend || !isfinite(d)) {
                return R_DECLINE; /* 1e400: json reads inf; the reference decides */
            }
            o = PyFloat_FromDouble(d);
            if (o == NULL) {
                return R_ERROR;
            }
            last_obj = o;
            last_float = p;
            last_len = n;
        }
        values[st->field] = o;
        p = numend;
    }
    if (end - p != 1 || *p != '}') {
        return R_DECLINE;
    }
    return R_ACCEPT;
}

/* ------------------------------------------------------------------ parse */

/* The offsets of cls's slots for FIELD_NAMES, or 0 if they are not all plain object slots of cls. */
static int
slot_offsets(PyTypeObject *cls, Py_ssize_t *offsets)
{
    if (cls->tp_getattro != PyObject_GenericGetAttr || cls->tp_alloc == NULL) {
        return 0;
    }
    for (int i = 0; i < NFIELDS; i++) {
        PyObject *name = PyUnicode_InternFromString(FIELD_NAMES[i]);
        if (name == NULL) {
            return -1;
        }
        PyObject *d = _PyType_Lookup(cls, name); /* borrowed */
        Py_DECREF(name);
        if (d == NULL || !Py_IS_TYPE(d, &PyMemberDescr_Type) || ((PyDescrObject *)d)->d_type != cls) {
            return 0;
        }
        PyMemberDef *m = ((PyMemberDescrObject *)d)->d_member;
        if (m->type != T_OBJECT_EX || (m->flags & (READ_RESTRICTED | READONLY))) {
            return 0;
        }
        offsets[i] = m->offset;
    }
    return 1;
}

static PyObject *
parse(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *raw;
    PyTypeObject *cls;
    if (!PyArg_ParseTuple(args, "O!O!:parse", &PyBytes_Type, &raw, &PyType_Type, &cls)) {
        return NULL;
    }
    Py_ssize_t offsets[NFIELDS];
    int ok = slot_offsets(cls, offsets);
    if (ok < 0) {
        return NULL;
    }
    if (!ok) {
        Py_RETURN_NONE;
    }
    Shared sh = {NULL, 63, 0, NULL, 0, NULL};
    sh.table = PyMem_Calloc(64, sizeof(Slot));
    if (sh.table == NULL) {
        return PyErr_NoMemory();
    }
    PyObject *claims = PyList_New(0);
    PyObject *declined = PyList_New(0);
    PyObject *result = NULL;
    if (claims == NULL || declined == NULL) {
        goto done;
    }
    const char *buf = PyBytes_AS_STRING(raw);
    const char *bufend = buf + PyBytes_GET_SIZE(raw);
    const char *p = buf;
    Py_ssize_t lineno = 0;
    PyObject *values[NFIELDS];
    while (p < bufend) {
        lineno++;
        const char *nl = memchr(p, '\n', (size_t)(bufend - p));
        const char *lend = nl != NULL ? nl : bufend;
        const char *next = nl != NULL ? nl + 1 : bufend;
        const char *cend = lend;
        if (cend > p && cend[-1] == '\r') {
            cend--;
        }
        const char *q = p;
        while (q < cend && (*q == ' ' || *q == '\t')) {
            q++;
        }
        if (q == cend) { /* blank */
            p = next;
            continue;
        }
        memset(values, 0, sizeof(values));
        int r = parse_line(p, cend, &sh, values);
        if (r == R_ACCEPT) {
            PyObject *obj = cls->tp_alloc(cls, 0); /* object.__new__(cls) */
            if (obj == NULL) {
                r = R_ERROR;
            }
            else {
                for (int i = 0; i < NFIELDS; i++) {
                    PyObject **slot = (PyObject **)((char *)obj + offsets[i]);
                    Py_XSETREF(*slot, values[i]);
                    values[i] = NULL;
                }
                if (PyList_Append(claims, obj) < 0) {
                    r = R_ERROR;
                }
                Py_DECREF(obj);
            }
        }
        for (int i = 0; i < NFIELDS; i++) {
            Py_CLEAR(values[i]);
        }
        if (r == R_ERROR) {
            goto done;
        }
        if (r == R_DECLINE && has_break(p, cend)) {
            r = R_GIVEUP;
        }
        if (r == R_GIVEUP) {
            result = Py_None;
            Py_INCREF(result);
            goto done;
        }
        if (r == R_DECLINE) {
            PyObject *t = Py_BuildValue("(nnnn)", PyList_GET_SIZE(claims), lineno, (Py_ssize_t)(p - buf),
                                        (Py_ssize_t)(cend - buf));
            if (t == NULL || PyList_Append(declined, t) < 0) {
                Py_XDECREF(t);
                goto done;
            }
            Py_DECREF(t);
        }
        p = next;
    }
    result = PyTuple_Pack(2, claims, declined);
done:
    Py_XDECREF(claims);
    Py_XDECREF(declined);
    shared_free(&sh);
    return result;
}

static PyMethodDef methods[] = {
    {"parse", parse, METH_VARARGS,
     "parse(raw, cls) -> (claims, declined) | None: the claims of a JSON Lines claims file (see the module)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "kzfacts._claims",
    "Claims files (kzfacts extract --format jsonl) read straight into Claims; source.read_claims is the reference.",
    -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__claims(void)
{
    for (int k = 0; k < NSTEPS; k++) {
        STEP_LENS[k] = (Py_ssize_t)strlen(STEPS[k].lit);
    }
    for (int c = 0; c < 256; c++) {
        STOP[c] = c == '"' || c == '\\' || c < 0x20 || c >= 0x80;
    }
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) {
        return NULL;
    }
    PyObject *fields = PyTuple_New(NFIELDS);
    if (fields == NULL) {
        Py_DECREF(m);
        return NULL;
    }
    for (int i = 0; i < NFIELDS; i++) {
        PyObject *s = PyUnicode_InternFromString(FIELD_NAMES[i]);
        if (s == NULL) {
            Py_DECREF(fields);
            Py_DECREF(m);
            return NULL;
        }
        PyTuple_SET_ITEM(fields, i, s);
    }
    if (PyModule_AddObject(m, "FIELDS", fields) < 0) {
        Py_DECREF(fields);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
