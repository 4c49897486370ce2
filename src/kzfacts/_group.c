/* kzfacts._group: the grouping of kzfacts.conflicts (_group: _weigh, _keys, the postings,
   _link_same_year, _attach_undated, _components) over integer arrays, in one call of C.

   group(terms, subj, dirs, names, scope, dim, tkey, size, n_claims, opposed,
         row_sig, row_sent, max_posting, max_cross, prefix_share, threshold, name_weight)
       -> [(root, rows), ...] | None

   One entry per signature in each of the first eight lists: its key sets (frozensets of str:
   terms, stated subject, direction words, names), its scope (tuple of (head, value)), its
   dimension (a tuple: (kind class, ...)) and year (str or None: together its block), and its
   number of claims. ``opposed``: direction word -> frozenset of the words opposed to it.
   ``row_sig``/``row_sent``: each row's signature and sentence number. Returns what
   conflicts._components returns, with each group's root signature as its number; None when a
   posting is outsized (more than ``max_posting`` signatures, or a (dated, undated) pair of
   postings of more than ``max_cross`` pairs: the Python reference compares those by sorted
   neighbourhood) or a set breaks an invariant the reference relies on (names and stated
   subject within the terms): the caller then runs the reference, conflicts._group_py.

   Exactly the reference's answer: the weights, norms and prefixes are the same floating-point
   operations in the same order (the norms sum over each frozenset in its own iteration order,
   read here with PyIter). A dot product sums the products over ``a.terms & b.terms`` in that
   set's order; here it is summed in rarity order, which can differ from it only in the last
   bits: when the sum falls within 1e-10 (relative) of the threshold and three or more terms are
   shared, it is summed again over the real intersection, in its order (PyNumber_And).

   Why C: compiled with mypyc, _group spends ~10k instructions a claim at 20k claims on dicts of
   weights per signature, sorting keys by rank, hashing tuples and frozenset operations; here the
   sets are sorted arrays of term ranks and every test is an integer merge.
*/
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <math.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    Py_ssize_t off, len; /* into the pool of ranks, sorted */
} Span;

typedef struct {
    /* per signature */
    Py_ssize_t n;
    int *terms, *subj, *dirs, *names; /* set numbers */
    int *counted;
    double *norm, *subj_norm;
    Py_ssize_t *w_off; /* into weights: one per term of the signature's terms, in rank order */
    PyObject **terms_obj, **subj_obj, **scope_obj;
    /* per set */
    Span *sets;
    Py_ssize_t n_sets;
    int *pool; /* ranks (after renumbering) */
    double *weights;
    /* per term */
    PyObject *ids;  /* str -> term id (a dict), ranks after renumbering */
    Py_ssize_t *opp_off, *opp_len; /* by rank: the opposed ranks */
    int *opp_pool;
    double threshold;
} G;

/* ---------------------------------------------------------------- a pointer -> int table */
typedef struct {
    void **keys;
    int *vals;
    size_t mask;
    size_t used;
} PtrMap;

static int ptrmap_init(PtrMap *m, size_t want) {
    size_t size = 16;
    while (size < want * 2) size <<= 1;
    m->keys = calloc(size, sizeof(void *));
    m->vals = malloc(size * sizeof(int));
    m->mask = size - 1;
    m->used = 0;
    return m->keys && m->vals ? 0 : -1;
}

static void ptrmap_free(PtrMap *m) {
    free(m->keys);
    free(m->vals);
}

static size_t ptr_hash(void *p) {
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (size_t)x;
}

/* the slot of ``p`` (found or empty) */
static size_t ptrmap_slot(PtrMap *m, void *p) {
    size_t i = ptr_hash(p) & m->mask;
    while (m->keys[i] != NULL && m->keys[i] != p) i = (i + 1) & m->mask;
    return i;
}

/* ---------------------------------------------------------------- an int64 -> int table */
typedef struct {
    int64_t *keys; /* -1: empty */
    int *vals;
    size_t mask;
} LongMap;

static int longmap_init(LongMap *m, size_t want) {
    size_t size = 16;
    while (size < want * 2) size <<= 1;
    m->keys = malloc(size * sizeof(int64_t));
    m->vals = malloc(size * sizeof(int));
    m->mask = size - 1;
    if (!m->keys || !m->vals) return -1;
    memset(m->keys, 0xff, size * sizeof(int64_t));
    return 0;
}

static void longmap_free(LongMap *m) {
    free(m->keys);
    free(m->vals);
}

static size_t long_hash(int64_t k) {
    uint64_t x = (uint64_t)k;
    x ^= x >> 31;
    x *= 0x9e3779b97f4a7c15ULL;
    x ^= x >> 29;
    return (size_t)x;
}

static size_t longmap_slot(LongMap *m, int64_t k) {
    size_t i = long_hash(k) & m->mask;
    while (m->keys[i] != -1 && m->keys[i] != k) i = (i + 1) & m->mask;
    return i;
}

/* The undated posting of the same key as the posting keyed ``key`` (block * (n_ids + 1) + term): its
   index, or -1 when the block has no undated partner or the partner block lacks the term. */
static int partner_posting(LongMap *posts, int64_t key, const int *partner, Py_ssize_t n_ids) {
    int b = (int)(key / ((int64_t)n_ids + 1));
    int t = (int)(key % ((int64_t)n_ids + 1));
    if (partner[b] < 0) return -1;
    size_t slot = longmap_slot(posts, (int64_t)partner[b] * ((int64_t)n_ids + 1) + t);
    return posts->keys[slot] == -1 ? -1 : posts->vals[slot];
}

/* ---------------------------------------------------------------- sorted int arrays */
static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* ascending: insertion sort for the few terms of a set, qsort beyond */
static void sort_ints(int *a, Py_ssize_t n) {
    if (n > 16) {
        qsort(a, (size_t)n, sizeof(int), cmp_int);
        return;
    }
    for (Py_ssize_t i = 1; i < n; i++) {
        int x = a[i];
        Py_ssize_t j = i;
        while (j > 0 && a[j - 1] > x) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = x;
    }
}

static inline const int *set_at(const G *g, int s) { return g->pool + g->sets[s].off; }
static inline Py_ssize_t set_len(const G *g, int s) { return g->sets[s].len; }

/* a <= b */
static int subset(const int *a, Py_ssize_t na, const int *b, Py_ssize_t nb) {
    Py_ssize_t i = 0, j = 0;
    if (na > nb) return 0;
    while (i < na) {
        if (j >= nb) return 0;
        if (a[i] == b[j]) { i++; j++; }
        else if (a[i] > b[j]) j++;
        else return 0;
    }
    return 1;
}

static int equal(const int *a, Py_ssize_t na, const int *b, Py_ssize_t nb) {
    return na == nb && (na == 0 || memcmp(a, b, (size_t)na * sizeof(int)) == 0);
}

static Py_ssize_t index_of(const int *a, Py_ssize_t na, int x) {
    Py_ssize_t lo = 0, hi = na;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (a[mid] < x) lo = mid + 1;
        else if (a[mid] > x) hi = mid;
        else return mid;
    }
    return -1;
}

static int contains(const int *a, Py_ssize_t na, int x) {
    return index_of(a, na, x) >= 0;
}

/* ---------------------------------------------------------------- the comparison */
/* The weight of rank ``t`` in signature ``s`` (t among its terms). */
static double weight(const G *g, int s, int t) {
    int ts = g->terms[s];
    Py_ssize_t k = index_of(set_at(g, ts), set_len(g, ts), t);
    return g->weights[g->w_off[s] + k];
}

/* Sum of wa[t] * wb[t] over the set ``shared`` (a Python set) in its own order; -1.0 on error. */
static double dot_in_set_order(const G *g, int a, int b, PyObject *shared) {
    PyObject *it = PyObject_GetIter(shared), *item;
    double total = 0.0;
    if (it == NULL) return -1.0;
    while ((item = PyIter_Next(it)) != NULL) {
        PyObject *id = PyDict_GetItemWithError(g->ids, item);
        Py_DECREF(item);
        if (id == NULL) {
            Py_DECREF(it);
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_KeyError, "term");
            return -1.0;
        }
        int t = (int)PyLong_AsLong(id);
        total += weight(g, a, t) * weight(g, b, t);
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1.0 : total;
}

/* whether ``total`` (summed in rank order over ``count`` terms) might compare otherwise with
   ``limit`` when summed in another order */
static inline int near(double total, double limit, Py_ssize_t count) {
    return count >= 3 && fabs(total - limit) <= 1e-10 * (fabs(total) + fabs(limit));
}

/* conflicts._compatible(sigs[a], sigs[b]): 1, 0, or -1 with an exception set */
static int compatible(const G *g, int a, int b) {
    const int *ta = set_at(g, g->terms[a]), *tb = set_at(g, g->terms[b]);
    Py_ssize_t nta = set_len(g, g->terms[a]), ntb = set_len(g, g->terms[b]);
    const int *na_ = set_at(g, g->names[a]), *nb_ = set_at(g, g->names[b]);
    Py_ssize_t nna = set_len(g, g->names[a]), nnb = set_len(g, g->names[b]);
    if (!subset(na_, nna, tb, ntb) && !subset(nb_, nnb, ta, nta)) return 0;
    /* opposing direction words, each on one side only */
    int da = g->dirs[a], db = g->dirs[b];
    if (da != db) {
        const int *xa = set_at(g, da), *xb = set_at(g, db);
        Py_ssize_t nxa = set_len(g, da), nxb = set_len(g, db);
        if (!equal(xa, nxa, xb, nxb)) {
            for (Py_ssize_t i = 0; i < nxa; i++) {
                int x = xa[i];
                if (contains(xb, nxb, x)) continue;
                for (Py_ssize_t k = 0; k < g->opp_len[x]; k++) {
                    int y = g->opp_pool[g->opp_off[x] + k];
                    if (contains(xb, nxb, y) && !contains(xa, nxa, y)) return 0;
                }
            }
        }
    }
    /* a different count scopes the figure */
    PyObject *sa = g->scope_obj[a], *sb = g->scope_obj[b];
    if (PyTuple_GET_SIZE(sa) && PyTuple_GET_SIZE(sb)) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(sa); i++) {
            PyObject *pa = PyTuple_GET_ITEM(sa, i);
            for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(sb); k++) {
                PyObject *pb = PyTuple_GET_ITEM(sb, k);
                int same = PyObject_RichCompareBool(PyTuple_GET_ITEM(pb, 0), PyTuple_GET_ITEM(pa, 0), Py_EQ);
                if (same < 0) return -1;
                if (same) {
                    double va = PyFloat_AsDouble(PyTuple_GET_ITEM(pa, 1));
                    double vb = PyFloat_AsDouble(PyTuple_GET_ITEM(pb, 1));
                    if ((va == -1.0 || vb == -1.0) && PyErr_Occurred()) return -1;
                    if (vb != va) return 0;
                }
            }
        }
    }
    /* the shared terms, and whether one is no name of either side */
    Py_ssize_t shared = 0;
    int common_shared = 0;
    double total = 0.0;
    {
        const double *wa = g->weights + g->w_off[a], *wb = g->weights + g->w_off[b];
        Py_ssize_t i = 0, j = 0;
        while (i < nta && j < ntb) {
            if (ta[i] == tb[j]) {
                int t = ta[i];
                total += wa[i] * wb[j];
                shared++;
                if (!common_shared && !contains(na_, nna, t) && !contains(nb_, nnb, t)) common_shared = 1;
                i++;
                j++;
            } else if (ta[i] < tb[j]) i++;
            else j++;
        }
    }
    if (!shared) return 0;
    /* stated subjects that each say something the other does not */
    int ua = g->subj[a], ub = g->subj[b];
    const int *xa = set_at(g, ua), *xb = set_at(g, ub);
    Py_ssize_t nxa = set_len(g, ua), nxb = set_len(g, ub);
    if (nxa && nxb && !subset(xa, nxa, xb, nxb) && !subset(xb, nxb, xa, nxa)) return 0;
    /* same entity, different measure: besides names, the two must share a common word */
    if (!g->counted[a] && !common_shared) {
        /* common_a, common_b: the terms of each that are no name of either side */
        int has_a = 0, has_b = 0;
        for (Py_ssize_t i = 0; i < nta && !has_a; i++)
            if (!contains(na_, nna, ta[i]) && !contains(nb_, nnb, ta[i])) has_a = 1;
        for (Py_ssize_t i = 0; i < ntb && !has_b; i++)
            if (!contains(na_, nna, tb[i]) && !contains(nb_, nnb, tb[i])) has_b = 1;
        if (has_a && has_b) return 0;
    }
    double limit = g->threshold * g->norm[a] * g->norm[b];
    if (near(total, limit, shared)) {
        PyObject *inter = PyNumber_And(g->terms_obj[a], g->terms_obj[b]);
        if (inter == NULL) return -1;
        total = dot_in_set_order(g, a, b, inter);
        Py_DECREF(inter);
        if (total == -1.0 && PyErr_Occurred()) return -1;
    }
    if (total >= limit) return 1;
    if (nxa && nxb) {
        Py_ssize_t i = 0, j = 0, count = 0;
        total = 0.0;
        while (i < nxa && j < nxb) {
            if (xa[i] == xb[j]) {
                total += weight(g, a, xa[i]) * weight(g, b, xa[i]);
                count++;
                i++;
                j++;
            } else if (xa[i] < xb[j]) i++;
            else j++;
        }
        if (!count) return 0;
        limit = g->threshold * g->subj_norm[a] * g->subj_norm[b];
        if (near(total, limit, count)) {
            PyObject *inter = PyNumber_And(g->subj_obj[a], g->subj_obj[b]);
            if (inter == NULL) return -1;
            total = dot_in_set_order(g, a, b, inter);
            Py_DECREF(inter);
            if (total == -1.0 && PyErr_Occurred()) return -1;
        }
        return total >= limit;
    }
    return 0;
}

/* ---------------------------------------------------------------- union-find */
static int find(int *parent, int i) {
    int root = i;
    while (parent[root] != root) root = parent[root];
    while (parent[i] != root) {
        int next = parent[i];
        parent[i] = root;
        i = next;
    }
    return root;
}

/* the names veto of _compatible, checked first (it rejects most candidate pairs) */
static inline int names_pass(const G *g, int i, int j) {
    return subset(set_at(g, g->names[i]), set_len(g, g->names[i]), set_at(g, g->terms[j]), set_len(g, g->terms[j]))
        || subset(set_at(g, g->names[j]), set_len(g, g->names[j]), set_at(g, g->terms[i]), set_len(g, g->terms[i]));
}

/* ---------------------------------------------------------------- reading the sets */
/* The set number of frozenset ``obj`` (read once per object: its iteration order is its own). ``iter_pool``
   collects its term ids in iteration order, for the norms. */
typedef struct {
    PtrMap seen;
    int *pool;
    Py_ssize_t pool_len, pool_cap;
    int *iter_pool; /* the same ids, in the set's own order */
    Span *sets;
    Py_ssize_t n_sets, sets_cap;
    PyObject *ids;
    Py_ssize_t n_ids;
} Reading;

static int grow(void **p, Py_ssize_t *cap, Py_ssize_t need, size_t item) {
    if (need <= *cap) return 0;
    Py_ssize_t c = *cap ? *cap : 64;
    while (c < need) c *= 2;
    void *q = realloc(*p, (size_t)c * item);
    if (!q) return -1;
    *p = q;
    *cap = c;
    return 0;
}

static int term_id(Reading *r, PyObject *key) {
    PyObject *id = PyDict_GetItemWithError(r->ids, key);
    if (id != NULL) return (int)PyLong_AsLong(id);
    if (PyErr_Occurred()) return -1;
    if (!PyUnicode_CheckExact(key)) return -2;
    id = PyLong_FromSsize_t(r->n_ids);
    if (id == NULL) return -1;
    int rc = PyDict_SetItem(r->ids, key, id);
    Py_DECREF(id);
    if (rc < 0) return -1;
    return (int)r->n_ids++;
}

/* -1: error; -2: not a frozenset of str (decline) */
static int read_set(Reading *r, PyObject *obj) {
    if (!PyFrozenSet_CheckExact(obj)) return -2;
    if (r->seen.used * 2 >= r->seen.mask) {
        PtrMap bigger;
        if (ptrmap_init(&bigger, r->seen.used * 2 + 16) < 0) return -1;
        for (size_t i = 0; i <= r->seen.mask; i++) {
            if (r->seen.keys[i] != NULL) {
                size_t k = ptrmap_slot(&bigger, r->seen.keys[i]);
                bigger.keys[k] = r->seen.keys[i];
                bigger.vals[k] = r->seen.vals[i];
            }
        }
        bigger.used = r->seen.used;
        ptrmap_free(&r->seen);
        r->seen = bigger;
    }
    size_t slot = ptrmap_slot(&r->seen, obj);
    if (r->seen.keys[slot] != NULL) return r->seen.vals[slot];
    Py_ssize_t n = PySet_GET_SIZE(obj);
    if (r->pool_len + n > r->pool_cap) {
        if (grow((void **)&r->pool, &r->pool_cap, r->pool_len + n, sizeof(int)) < 0) return -1;
        void *q = realloc(r->iter_pool, (size_t)r->pool_cap * sizeof(int));
        if (!q) return -1;
        r->iter_pool = q;
    }
    if (grow((void **)&r->sets, &r->sets_cap, r->n_sets + 1, sizeof(Span)) < 0) return -1;
    PyObject *it = PyObject_GetIter(obj), *item;
    if (it == NULL) return -1;
    Py_ssize_t k = 0;
    while ((item = PyIter_Next(it)) != NULL) {
        int id = k < n ? term_id(r, item) : -2;
        Py_DECREF(item);
        if (id < 0) {
            Py_DECREF(it);
            return id;
        }
        r->iter_pool[r->pool_len + k] = id;
        r->pool[r->pool_len + k] = id;
        k++;
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) return -1;
    if (k != n) return -2;
    Span sp = {r->pool_len, n};
    r->pool_len += n;
    r->sets[r->n_sets] = sp;
    r->seen.keys[slot] = obj;
    r->seen.vals[slot] = (int)r->n_sets;
    r->seen.used++;
    return (int)r->n_sets++;
}

/* ---------------------------------------------------------------- ranks */
typedef struct {
    double idf;
    PyObject *term;
    int id;
} Ranked;

static int rank_error;

static int cmp_ranked(const void *pa, const void *pb) {
    const Ranked *a = pa, *b = pb;
    if (a->idf > b->idf) return -1; /* by -idf, then spelling */
    if (a->idf < b->idf) return 1;
    int c = PyUnicode_Compare(a->term, b->term);
    if (c == -1 && PyErr_Occurred()) rank_error = 1;
    return c;
}

/* ---------------------------------------------------------------- prefixes */
/* conflicts._prefix over ``n`` weights in rank order: how many lead */
static Py_ssize_t prefix_len(const double *w, Py_ssize_t n, double share, double *before) {
    if (!n) return 0;
    double total = 0.0;
    for (Py_ssize_t k = 0; k < n; k++) {
        total = k ? total + w[k] * w[k] : w[k] * w[k];
        before[k] = total;
    }
    double limit = total - total * share;
    Py_ssize_t k = 0;
    while (k < n - 1 && before[k] <= limit) k++;
    return 1 + k;
}

/* ---------------------------------------------------------------- the entry point */
static int list_of(PyObject *obj, Py_ssize_t n, const char *what) {
    if (!PyList_CheckExact(obj) || PyList_GET_SIZE(obj) != n) {
        PyErr_Format(PyExc_TypeError, "%s: a list of %zd expected", what, n);
        return -1;
    }
    return 0;
}

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static PyObject *group(PyObject *self, PyObject *args) {
    PyObject *terms_l, *subj_l, *dirs_l, *names_l, *scope_l, *dim_l, *tkey_l, *size_l, *opposed;
    PyObject *row_sig_l, *row_sent_l;
    Py_ssize_t n_claims, max_posting, max_cross;
    double share, threshold, name_weight;
    if (!PyArg_ParseTuple(args, "O!O!O!O!O!O!O!O!nO!O!O!nnddd:group", &PyList_Type, &terms_l, &PyList_Type, &subj_l,
                          &PyList_Type, &dirs_l, &PyList_Type, &names_l, &PyList_Type, &scope_l, &PyList_Type, &dim_l,
                          &PyList_Type, &tkey_l, &PyList_Type, &size_l, &n_claims, &PyDict_Type, &opposed,
                          &PyList_Type, &row_sig_l, &PyList_Type, &row_sent_l, &max_posting, &max_cross, &share,
                          &threshold, &name_weight))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(terms_l);
    Py_ssize_t n_rows = PyList_GET_SIZE(row_sig_l);
    Py_ssize_t n_blocks = 0;
    if (list_of(subj_l, n, "subj") || list_of(dirs_l, n, "dirs") || list_of(names_l, n, "names") ||
        list_of(scope_l, n, "scope") || list_of(dim_l, n, "dim") || list_of(tkey_l, n, "tkey") ||
        list_of(size_l, n, "size") || list_of(row_sent_l, n_rows, "row_sent"))
        return NULL;
    /* the blocks: (dimension, year) -> number, as a dict of them numbers them */
    LongMap block_map;
    memset(&block_map, 0, sizeof block_map);
    PyObject *dim_ids = NULL, *tkey_ids = NULL;
    int *dim_counted = NULL, *block_dim = NULL, *block_tkey = NULL;
    Py_ssize_t n_dims = 0;
    PyObject *result = NULL;
    G g;
    memset(&g, 0, sizeof g);
    g.n = n;
    g.threshold = threshold;
    Reading r;
    memset(&r, 0, sizeof r);
    int *block = NULL, *partner = NULL, *parent = NULL, *root_of = NULL, *rank_of = NULL;
    int64_t *df = NULL;
    double *idf = NULL, *before = NULL, *wbuf = NULL;
    Ranked *ranked = NULL;
    int *keys_pool = NULL;
    Py_ssize_t *keys_off = NULL;
    int *post_of_entry = NULL, *post_count = NULL, *post_start = NULL, *post_members = NULL, *post_fill = NULL;
    int64_t *post_key = NULL;
    LongMap posts;
    memset(&posts, 0, sizeof posts);
    LongMap att;
    memset(&att, 0, sizeof att);
    int64_t *att_pairs = NULL;
    Py_ssize_t n_att = 0, att_cap = 0;
    int *row_sig = NULL, *row_sent = NULL, *members = NULL, *mem_start = NULL, *mem_count = NULL, *order = NULL,
        *is_attached = NULL, *extra_start = NULL, *extra_count = NULL, *extra = NULL, *buf = NULL;
    Py_ssize_t n_posts = 0;

#define FAIL_NOMEM do { PyErr_NoMemory(); goto done; } while (0)
#define DECLINE do { Py_INCREF(Py_None); result = Py_None; goto done; } while (0)

    g.terms = malloc(sizeof(int) * (size_t)(n + 1));
    g.subj = malloc(sizeof(int) * (size_t)(n + 1));
    g.dirs = malloc(sizeof(int) * (size_t)(n + 1));
    g.names = malloc(sizeof(int) * (size_t)(n + 1));
    g.counted = malloc(sizeof(int) * (size_t)(n + 1));
    g.norm = malloc(sizeof(double) * (size_t)(n + 1));
    g.subj_norm = malloc(sizeof(double) * (size_t)(n + 1));
    g.w_off = malloc(sizeof(Py_ssize_t) * (size_t)(n + 1));
    block = malloc(sizeof(int) * (size_t)(n + 1));
    partner = malloc(sizeof(int) * (size_t)(n + 1));
    if (!g.terms || !g.subj || !g.dirs || !g.names || !g.counted || !g.norm || !g.subj_norm || !g.w_off || !block ||
        !partner)
        FAIL_NOMEM;
    g.terms_obj = &PyList_GET_ITEM(terms_l, 0);
    g.subj_obj = &PyList_GET_ITEM(subj_l, 0);
    g.scope_obj = &PyList_GET_ITEM(scope_l, 0);
    r.ids = PyDict_New();
    if (r.ids == NULL) goto done;
    if (ptrmap_init(&r.seen, 1024) < 0) FAIL_NOMEM;
    if (longmap_init(&block_map, (size_t)n + 16) < 0) FAIL_NOMEM;
    dim_ids = PyDict_New();
    tkey_ids = PyDict_New();
    dim_counted = malloc(sizeof(int) * ((size_t)n + 1));
    block_dim = malloc(sizeof(int) * ((size_t)n + 1));
    block_tkey = malloc(sizeof(int) * ((size_t)n + 1));
    if (!dim_ids || !tkey_ids) goto done;
    if (!dim_counted || !block_dim || !block_tkey) FAIL_NOMEM;

    /* the sets, as term ids */
    for (Py_ssize_t i = 0; i < n; i++) {
        int got[4];
        PyObject *objs[4] = {PyList_GET_ITEM(terms_l, i), PyList_GET_ITEM(subj_l, i), PyList_GET_ITEM(dirs_l, i),
                             PyList_GET_ITEM(names_l, i)};
        for (int k = 0; k < 4; k++) {
            got[k] = read_set(&r, objs[k]);
            if (got[k] == -1) goto done;
            if (got[k] == -2) DECLINE;
        }
        g.terms[i] = got[0];
        g.subj[i] = got[1];
        g.dirs[i] = got[2];
        g.names[i] = got[3];
        if (!PyTuple_CheckExact(g.scope_obj[i])) DECLINE;
        for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(g.scope_obj[i]); k++) {
            PyObject *pair = PyTuple_GET_ITEM(g.scope_obj[i], k);
            if (!PyTuple_CheckExact(pair) || PyTuple_GET_SIZE(pair) != 2) DECLINE;
        }
        PyObject *dim = PyList_GET_ITEM(dim_l, i), *tkey = PyList_GET_ITEM(tkey_l, i);
        int d;
        PyObject *found = PyDict_GetItemWithError(dim_ids, dim); /* (compiled, each s.dim is a new tuple) */
        if (found != NULL) {
            d = (int)PyLong_AsLong(found);
        } else {
            if (PyErr_Occurred()) goto done;
            if (!PyTuple_CheckExact(dim) || PyTuple_GET_SIZE(dim) < 1 || !PyUnicode_Check(PyTuple_GET_ITEM(dim, 0)))
                DECLINE;
            PyObject *num = PyLong_FromSsize_t(n_dims);
            if (num == NULL || PyDict_SetItem(dim_ids, dim, num) < 0) {
                Py_XDECREF(num);
                goto done;
            }
            Py_DECREF(num);
            dim_counted[n_dims] = PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(dim, 0), "count") == 0;
            d = (int)n_dims++;
        }
        PyObject *tnum = PyDict_GetItemWithError(tkey_ids, tkey);
        if (tnum == NULL) {
            if (PyErr_Occurred()) goto done;
            tnum = PyLong_FromSsize_t(PyDict_GET_SIZE(tkey_ids));
            if (tnum == NULL || PyDict_SetItem(tkey_ids, tkey, tnum) < 0) {
                Py_XDECREF(tnum);
                goto done;
            }
            Py_DECREF(tnum);
        }
        int t = (int)PyLong_AsLong(tnum);
        int64_t bkey = (int64_t)d * ((int64_t)n + 1) + t;
        size_t bslot = longmap_slot(&block_map, bkey);
        if (block_map.keys[bslot] == -1) {
            block_map.keys[bslot] = bkey;
            block_map.vals[bslot] = (int)n_blocks;
            block_dim[n_blocks] = d;
            block_tkey[n_blocks] = t;
            n_blocks++;
        }
        block[i] = block_map.vals[bslot];
        g.counted[i] = dim_counted[d];
    }
    {
        /* each dated block's undated partner: the block of its dimension and no year */
        PyObject *none_num = PyDict_GetItemWithError(tkey_ids, Py_None);
        if (none_num == NULL && PyErr_Occurred()) goto done;
        int none_t = none_num == NULL ? -1 : (int)PyLong_AsLong(none_num);
        for (Py_ssize_t b = 0; b < n_blocks; b++) {
            partner[b] = -1;
            if (none_t < 0 || block_tkey[b] == none_t) continue;
            size_t z = longmap_slot(&block_map, (int64_t)block_dim[b] * ((int64_t)n + 1) + none_t);
            if (block_map.keys[z] != -1) partner[b] = block_map.vals[z];
        }
    }
    Py_ssize_t n_ids = r.n_ids;

    /* document frequencies, IDF, ranks (rarest first, ties by spelling) */
    df = calloc((size_t)n_ids + 1, sizeof(int64_t));
    idf = malloc(sizeof(double) * ((size_t)n_ids + 1));
    rank_of = malloc(sizeof(int) * ((size_t)n_ids + 1));
    ranked = malloc(sizeof(Ranked) * ((size_t)n_ids + 1));
    if (!df || !idf || !rank_of || !ranked) FAIL_NOMEM;
    for (Py_ssize_t i = 0; i < n; i++) {
        long long k = PyLong_AsLongLong(PyList_GET_ITEM(size_l, i));
        if (k == -1 && PyErr_Occurred()) goto done;
        Span sp = r.sets[g.terms[i]];
        for (Py_ssize_t m = 0; m < sp.len; m++) df[r.pool[sp.off + m]] += k;
    }
    {
        /* each term's spelling (the dict's keys, by id) */
        PyObject *key, *value;
        Py_ssize_t pos = 0;
        while (PyDict_Next(r.ids, &pos, &key, &value)) {
            Py_ssize_t id = PyLong_AsSsize_t(value);
            ranked[id].term = key;
            ranked[id].id = (int)id;
        }
    }
    Py_ssize_t n_terms = 0;
    {
        /* which ids are terms of some signature */
        char *is_term = calloc((size_t)n_ids + 1, 1);
        if (!is_term) FAIL_NOMEM;
        for (Py_ssize_t i = 0; i < n; i++) {
            Span sp = r.sets[g.terms[i]];
            for (Py_ssize_t m = 0; m < sp.len; m++) is_term[r.pool[sp.off + m]] = 1;
        }
        Py_ssize_t others = 0;
        Ranked *tail = malloc(sizeof(Ranked) * ((size_t)n_ids + 1));
        if (!tail) {
            free(is_term);
            FAIL_NOMEM;
        }
        for (Py_ssize_t id = 0; id < n_ids; id++) {
            Ranked x = ranked[id];
            if (is_term[id]) {
                x.idf = 1.0 + log((double)(n_claims + 1) / (double)(df[id] + 1));
                idf[id] = x.idf;
                ranked[n_terms++] = x;
            } else {
                idf[id] = 0.0;
                tail[others++] = x;
            }
        }
        memcpy(ranked + n_terms, tail, sizeof(Ranked) * (size_t)others);
        free(tail);
        free(is_term);
    }
    rank_error = 0;
    qsort(ranked, (size_t)n_terms, sizeof(Ranked), cmp_ranked);
    if (rank_error) goto done;
    for (Py_ssize_t k = 0; k < n_ids; k++) rank_of[ranked[k].id] = (int)k;
    /* ids -> ranks: the dict, the pools (the sorted one sorted) */
    {
        PyObject *key, *value;
        Py_ssize_t pos = 0;
        PyObject *ranks = PyDict_New();
        if (ranks == NULL) goto done;
        while (PyDict_Next(r.ids, &pos, &key, &value)) {
            PyObject *rk = PyLong_FromLong(rank_of[PyLong_AsSsize_t(value)]);
            if (rk == NULL || PyDict_SetItem(ranks, key, rk) < 0) {
                Py_XDECREF(rk);
                Py_DECREF(ranks);
                goto done;
            }
            Py_DECREF(rk);
        }
        g.ids = ranks;
    }
    {
        double *idf_r = malloc(sizeof(double) * ((size_t)n_ids + 1));
        if (!idf_r) FAIL_NOMEM;
        for (Py_ssize_t id = 0; id < n_terms; id++) idf_r[id] = 0.0;
        for (Py_ssize_t id = 0; id < n_ids; id++) idf_r[rank_of[id]] = idf[id];
        free(idf);
        idf = idf_r;
    }
    for (Py_ssize_t m = 0; m < r.pool_len; m++) {
        r.pool[m] = rank_of[r.pool[m]];
        r.iter_pool[m] = rank_of[r.iter_pool[m]];
    }
    for (Py_ssize_t s = 0; s < r.n_sets; s++) sort_ints(r.pool + r.sets[s].off, r.sets[s].len);
    g.sets = r.sets;
    g.n_sets = r.n_sets;
    g.pool = r.pool;

    /* the opposed direction words, by rank */
    g.opp_off = calloc((size_t)n_ids + 1, sizeof(Py_ssize_t));
    g.opp_len = calloc((size_t)n_ids + 1, sizeof(Py_ssize_t));
    if (!g.opp_off || !g.opp_len) FAIL_NOMEM;
    {
        Py_ssize_t cap = 0, used = 0;
        PyObject *key, *value;
        Py_ssize_t pos = 0;
        while (PyDict_Next(opposed, &pos, &key, &value)) {
            PyObject *id = PyDict_GetItemWithError(g.ids, key);
            if (id == NULL) {
                if (PyErr_Occurred()) goto done;
                continue;
            }
            int x = (int)PyLong_AsLong(id);
            g.opp_off[x] = used;
            PyObject *it = PyObject_GetIter(value), *item;
            if (it == NULL) goto done;
            while ((item = PyIter_Next(it)) != NULL) {
                PyObject *oid = PyDict_GetItemWithError(g.ids, item);
                Py_DECREF(item);
                if (oid == NULL) {
                    if (PyErr_Occurred()) {
                        Py_DECREF(it);
                        goto done;
                    }
                    continue;
                }
                if (grow((void **)&g.opp_pool, &cap, used + 1, sizeof(int)) < 0) {
                    Py_DECREF(it);
                    FAIL_NOMEM;
                }
                g.opp_pool[used++] = (int)PyLong_AsLong(oid);
            }
            Py_DECREF(it);
            if (PyErr_Occurred()) goto done;
            g.opp_len[x] = used - g.opp_off[x];
        }
    }

    /* weights and norms (conflicts._weigh) */
    Py_ssize_t w_total = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        g.w_off[i] = w_total;
        w_total += r.sets[g.terms[i]].len;
    }
    g.weights = malloc(sizeof(double) * ((size_t)w_total + 1));
    if (!g.weights) FAIL_NOMEM;
    for (Py_ssize_t i = 0; i < n; i++) {
        const int *t = set_at(&g, g.terms[i]), *nm = set_at(&g, g.names[i]), *sj = set_at(&g, g.subj[i]);
        Py_ssize_t nt = set_len(&g, g.terms[i]), nn = set_len(&g, g.names[i]), ns = set_len(&g, g.subj[i]);
        double *w = g.weights + g.w_off[i];
        if (!subset(nm, nn, t, nt) || !subset(sj, ns, t, nt)) DECLINE; /* the reference raises KeyError */
        for (Py_ssize_t k = 0; k < nt; k++) w[k] = contains(nm, nn, t[k]) ? idf[t[k]] * name_weight : idf[t[k]];
        /* the norms, summed in each set's own order */
        Span sp = r.sets[g.terms[i]];
        double norm2 = 0.0;
        for (Py_ssize_t k = 0; k < sp.len; k++) {
            double x = w[index_of(t, nt, r.iter_pool[sp.off + k])];
            norm2 += x * x;
        }
        g.norm[i] = sqrt(norm2);
        if (ns) {
            Span ss = r.sets[g.subj[i]];
            norm2 = 0.0;
            for (Py_ssize_t k = 0; k < ss.len; k++) norm2 += pow(w[index_of(t, nt, r.iter_pool[ss.off + k])], 2.0);
            g.subj_norm[i] = sqrt(norm2);
        } else {
            g.subj_norm[i] = 0.0;
        }
    }

    /* the keys (conflicts._keys): each signature's prefixes */
    keys_off = malloc(sizeof(Py_ssize_t) * ((size_t)n + 1));
    keys_pool = malloc(sizeof(int) * ((size_t)w_total * 2 + 1));
    before = malloc(sizeof(double) * ((size_t)n_ids + 1));
    wbuf = malloc(sizeof(double) * ((size_t)n_ids + 1));
    if (!keys_off || !keys_pool || !before || !wbuf) FAIL_NOMEM;
    Py_ssize_t n_keys = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const int *t = set_at(&g, g.terms[i]), *sj = set_at(&g, g.subj[i]);
        Py_ssize_t nt = set_len(&g, g.terms[i]), ns = set_len(&g, g.subj[i]);
        const double *w = g.weights + g.w_off[i];
        keys_off[i] = n_keys;
        Py_ssize_t k = prefix_len(w, nt, share, before);
        for (Py_ssize_t m = 0; m < k; m++) keys_pool[n_keys++] = t[m];
        if (ns && !equal(sj, ns, t, nt)) {
            for (Py_ssize_t m = 0; m < ns; m++) wbuf[m] = w[index_of(t, nt, sj[m])];
            Py_ssize_t ks = prefix_len(wbuf, ns, share, before);
            for (Py_ssize_t m = 0; m < ks; m++) {
                if (!contains(t, k, sj[m])) keys_pool[n_keys++] = sj[m]; /* (t[:k] is sorted) */
            }
        }
    }
    keys_off[n] = n_keys;

    /* the postings: (block, key) -> signatures, in signature order */
    if (longmap_init(&posts, (size_t)n_keys + 16) < 0) FAIL_NOMEM;
    post_of_entry = malloc(sizeof(int) * ((size_t)n_keys + 1));
    post_count = calloc((size_t)n_keys + 1, sizeof(int));
    post_key = malloc(sizeof(int64_t) * ((size_t)n_keys + 1));
    if (!post_of_entry || !post_count || !post_key) FAIL_NOMEM;
    for (Py_ssize_t i = 0; i < n; i++) {
        for (Py_ssize_t e = keys_off[i]; e < keys_off[i + 1]; e++) {
            int64_t key = (int64_t)block[i] * ((int64_t)n_ids + 1) + keys_pool[e];
            size_t slot = longmap_slot(&posts, key);
            if (posts.keys[slot] == -1) {
                posts.keys[slot] = key;
                posts.vals[slot] = (int)n_posts;
                post_key[n_posts++] = key;
            }
            int p = posts.vals[slot];
            post_of_entry[e] = p;
            post_count[p]++;
        }
    }
    post_start = malloc(sizeof(int) * ((size_t)n_posts + 1));
    post_fill = malloc(sizeof(int) * ((size_t)n_posts + 1));
    post_members = malloc(sizeof(int) * ((size_t)n_keys + 1));
    if (!post_start || !post_fill || !post_members) FAIL_NOMEM;
    {
        int at = 0;
        for (Py_ssize_t p = 0; p < n_posts; p++) {
            if (post_count[p] > max_posting) DECLINE; /* outsized: the reference's sorted neighbourhood */
            post_start[p] = at;
            post_fill[p] = at;
            at += post_count[p];
        }
        post_start[n_posts] = at;
    }
    for (Py_ssize_t i = 0; i < n; i++)
        for (Py_ssize_t e = keys_off[i]; e < keys_off[i + 1]; e++) post_members[post_fill[post_of_entry[e]]++] = (int)i;

    /* the (dated, undated) pairs of postings must not be outsized either */
    for (Py_ssize_t p = 0; p < n_posts; p++) {
        int q = partner_posting(&posts, post_key[p], partner, n_ids);
        if (q < 0) continue;
        if ((int64_t)post_count[p] * post_count[q] > max_cross) DECLINE;
    }

    /* same year: union-find over each posting (conflicts._link_same_year) */
    parent = malloc(sizeof(int) * ((size_t)n + 1));
    root_of = malloc(sizeof(int) * ((size_t)n + 1));
    if (!parent || !root_of) FAIL_NOMEM;
    for (Py_ssize_t i = 0; i < n; i++) parent[i] = (int)i;
    for (Py_ssize_t p = 0; p < n_posts; p++) {
        const int *mem = post_members + post_start[p];
        int m = post_count[p];
        for (int a = 1; a < m; a++) {
            int j = mem[a];
            for (int b = 0; b < a; b++) {
                int i = mem[b];
                if (!names_pass(&g, i, j)) continue;
                int ri = find(parent, i), rj = find(parent, j);
                if (ri == rj) continue;
                int ok = compatible(&g, i, j);
                if (ok < 0) goto done;
                if (ok) {
                    if (ri < rj) parent[rj] = ri;
                    else parent[ri] = rj;
                }
            }
        }
    }
    for (Py_ssize_t i = 0; i < n; i++) root_of[i] = find(parent, (int)i);

    /* undated against dated (conflicts._attach_undated): (undated root, dated root) pairs */
    if (longmap_init(&att, 1024) < 0) FAIL_NOMEM;
    for (Py_ssize_t p = 0; p < n_posts; p++) {
        int q = partner_posting(&posts, post_key[p], partner, n_ids);
        if (q < 0) continue;
        const int *dated = post_members + post_start[p], *undated = post_members + post_start[q];
        for (int a = 0; a < post_count[p]; a++) {
            int i = dated[a];
            for (int c = 0; c < post_count[q]; c++) {
                int j = undated[c];
                if (!names_pass(&g, i, j)) continue;
                int64_t pair = (int64_t)root_of[j] * ((int64_t)n + 1) + root_of[i];
                size_t s = longmap_slot(&att, pair);
                if (att.keys[s] != -1) continue;
                int ok = compatible(&g, i, j);
                if (ok < 0) goto done;
                if (!ok) continue;
                att.keys[s] = pair;
                att.vals[s] = 1;
                if (grow((void **)&att_pairs, &att_cap, n_att + 1, sizeof(int64_t)) < 0) FAIL_NOMEM;
                att_pairs[n_att++] = pair;
                if ((size_t)n_att * 2 >= att.mask) {
                    LongMap bigger;
                    if (longmap_init(&bigger, (size_t)n_att * 2) < 0) FAIL_NOMEM;
                    for (Py_ssize_t k = 0; k < n_att; k++) {
                        size_t z = longmap_slot(&bigger, att_pairs[k]);
                        bigger.keys[z] = att_pairs[k];
                        bigger.vals[z] = 1;
                    }
                    longmap_free(&att);
                    att = bigger;
                }
            }
        }
    }

    /* the groups (conflicts._components) */
    row_sig = malloc(sizeof(int) * ((size_t)n_rows + 1));
    row_sent = malloc(sizeof(int) * ((size_t)n_rows + 1));
    mem_count = calloc((size_t)n + 1, sizeof(int));
    mem_start = malloc(sizeof(int) * ((size_t)n + 1));
    members = malloc(sizeof(int) * ((size_t)n_rows + 1));
    order = malloc(sizeof(int) * ((size_t)n + 1));
    is_attached = calloc((size_t)n + 1, sizeof(int));
    extra_count = calloc((size_t)n + 1, sizeof(int));
    extra_start = malloc(sizeof(int) * ((size_t)n + 1));
    extra = malloc(sizeof(int) * ((size_t)n_att + 1));
    buf = malloc(sizeof(int) * ((size_t)n_rows + 1));
    if (!row_sig || !row_sent || !mem_count || !mem_start || !members || !order || !is_attached || !extra_count ||
        !extra_start || !extra || !buf)
        FAIL_NOMEM;
    Py_ssize_t n_roots = 0;
    for (Py_ssize_t k = 0; k < n_rows; k++) {
        long s = PyLong_AsLong(PyList_GET_ITEM(row_sig_l, k));
        long t = PyLong_AsLong(PyList_GET_ITEM(row_sent_l, k));
        if ((s == -1 || t == -1) && PyErr_Occurred()) goto done;
        if (s < 0 || s >= n) DECLINE;
        row_sig[k] = (int)s;
        row_sent[k] = (int)t;
        int root = root_of[s];
        if (mem_count[root]++ == 0) order[n_roots++] = root;
    }
    {
        int at = 0;
        for (Py_ssize_t k = 0; k < n_roots; k++) {
            mem_start[order[k]] = at;
            at += mem_count[order[k]];
        }
        for (Py_ssize_t k = 0; k < n_roots; k++) mem_count[order[k]] = 0;
        for (Py_ssize_t k = 0; k < n_rows; k++) {
            int root = root_of[row_sig[k]];
            members[mem_start[root] + mem_count[root]++] = (int)k;
        }
    }
    qsort(att_pairs, (size_t)n_att, sizeof(int64_t), cmp_i64);
    for (Py_ssize_t k = 0; k < n_att; k++) {
        int u = (int)(att_pairs[k] / ((int64_t)n + 1)), d = (int)(att_pairs[k] % ((int64_t)n + 1));
        is_attached[u] = 1;
        extra_count[d]++;
    }
    {
        int at = 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            extra_start[i] = at;
            at += extra_count[i];
            extra_count[i] = 0;
        }
        for (Py_ssize_t k = 0; k < n_att; k++) {
            int u = (int)(att_pairs[k] / ((int64_t)n + 1)), d = (int)(att_pairs[k] % ((int64_t)n + 1));
            extra[extra_start[d] + extra_count[d]++] = u;
        }
    }
    result = PyList_New(0);
    if (result == NULL) goto done;
    for (Py_ssize_t k = 0; k < n_roots; k++) {
        int root = order[k];
        if (is_attached[root]) continue;
        const int *mem = members + mem_start[root];
        Py_ssize_t m = mem_count[root];
        if (extra_count[root]) {
            memcpy(buf, mem, sizeof(int) * (size_t)m);
            for (int e = 0; e < extra_count[root]; e++) {
                int u = extra[extra_start[root] + e];
                memcpy(buf + m, members + mem_start[u], sizeof(int) * (size_t)mem_count[u]);
                m += mem_count[u];
            }
            sort_ints(buf, m);
            mem = buf;
        }
        if (m < 2) continue;
        int first = row_sent[mem[0]], several = 0;
        for (Py_ssize_t e = 1; e < m && !several; e++) several = row_sent[mem[e]] != first;
        if (!several) continue;
        PyObject *rows = PyList_New(m);
        if (rows == NULL) goto fail_result;
        for (Py_ssize_t e = 0; e < m; e++) {
            PyObject *x = PyLong_FromLong(mem[e]);
            if (x == NULL) {
                Py_DECREF(rows);
                goto fail_result;
            }
            PyList_SET_ITEM(rows, e, x);
        }
        PyObject *rootobj = PyLong_FromLong(root);
        if (rootobj == NULL) {
            Py_DECREF(rows);
            goto fail_result;
        }
        PyObject *pair = PyTuple_Pack(2, rootobj, rows);
        Py_DECREF(rootobj);
        Py_DECREF(rows);
        if (pair == NULL || PyList_Append(result, pair) < 0) {
            Py_XDECREF(pair);
            goto fail_result;
        }
        Py_DECREF(pair);
    }
    goto done;
fail_result:
    Py_CLEAR(result);
done:
    longmap_free(&block_map);
    Py_XDECREF(dim_ids);
    Py_XDECREF(tkey_ids);
    free(dim_counted);
    free(block_dim);
    free(block_tkey);
    free(g.terms);
    free(g.subj);
    free(g.dirs);
    free(g.names);
    free(g.counted);
    free(g.norm);
    free(g.subj_norm);
    free(g.w_off);
    free(g.weights);
    free(g.opp_off);
    free(g.opp_len);
    free(g.opp_pool);
    Py_XDECREF(g.ids);
    Py_XDECREF(r.ids);
    ptrmap_free(&r.seen);
    free(r.pool);
    free(r.iter_pool);
    free(r.sets);
    free(block);
    free(partner);
    free(parent);
    free(root_of);
    free(rank_of);
    free(df);
    free(idf);
    free(before);
    free(wbuf);
    free(ranked);
    free(keys_pool);
    free(keys_off);
    free(post_of_entry);
    free(post_count);
    free(post_start);
    free(post_members);
    free(post_fill);
    free(post_key);
    longmap_free(&posts);
    longmap_free(&att);
    free(att_pairs);
    free(row_sig);
    free(row_sent);
    free(members);
    free(mem_start);
    free(mem_count);
    free(order);
    free(is_attached);
    free(extra_start);
    free(extra_count);
    free(extra);
    free(buf);
    return result;
#undef FAIL_NOMEM
#undef DECLINE
}


/* ---------------------------------------------------------------- gather (conflicts._verdicts) */
/* The Claim fields gather reads, at their slots' offsets when the type allows it (as _clause.Getter). */
static const char *gather_names[5] = {"doc", "start", "end", "time", "subject"};
static PyTypeObject *gather_cls = NULL; /* borrowed: the offsets' type (compared, never dereferenced when stale) */
static unsigned int gather_version = 0;
static Py_ssize_t gather_offsets[5];
static int gather_fast = 0;

static void gather_prepare(PyTypeObject *type) {
    if (gather_cls == type && gather_fast && PyType_HasFeature(type, Py_TPFLAGS_VALID_VERSION_TAG) &&
        type->tp_version_tag == gather_version)
        return;
    gather_cls = type;
    gather_fast = 0;
    if (type->tp_getattro != PyObject_GenericGetAttr) return;
    for (int i = 0; i < 5; i++) {
        PyObject *name = PyUnicode_InternFromString(gather_names[i]);
        if (name == NULL) {
            PyErr_Clear();
            return;
        }
        PyObject *d = _PyType_Lookup(type, name); /* borrowed */
        Py_DECREF(name);
        if (d == NULL || !Py_IS_TYPE(d, &PyMemberDescr_Type)) return;
        PyMemberDef *m = ((PyMemberDescrObject *)d)->d_member;
        if (m->type != T_OBJECT_EX || (m->flags & READ_RESTRICTED) || ((PyDescrObject *)d)->d_type != type) return;
        gather_offsets[i] = m->offset;
    }
    if (!PyType_HasFeature(type, Py_TPFLAGS_VALID_VERSION_TAG)) return;
    gather_version = type->tp_version_tag;
    gather_fast = 1;
}

/* obj's five fields (new references) */
static int gather_fields(PyTypeObject *cls, PyObject *obj, PyObject **out) {
    if (gather_fast && Py_TYPE(obj) == cls) {
        int full = 1;
        for (int i = 0; i < 5; i++) {
            out[i] = *(PyObject **)((char *)obj + gather_offsets[i]);
            if (out[i] == NULL) full = 0;
        }
        if (full) {
            for (int i = 0; i < 5; i++) Py_INCREF(out[i]);
            return 0;
        }
    }
    for (int i = 0; i < 5; i++) {
        out[i] = PyObject_GetAttrString(obj, gather_names[i]);
        if (out[i] == NULL) {
            for (int k = 0; k < i; k++) Py_DECREF(out[k]);
            return -1;
        }
    }
    return 0;
}

static char *put_int(char *p, long long v) {
    char digits[24];
    int n = 0;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) *p++ = '-';
    while (n) *p++ = digits[--n];
    return p;
}

/* the id text's buffer, kept from call to call (the GIL is held) */
static char *gather_buf = NULL;
static Py_ssize_t gather_cap = 0;

/* a == b for two str (a dict's test: identity, hash, then characters) */
static int same_str(PyObject *a, PyObject *b) {
    if (a == b) return 1;
    Py_hash_t ha = PyObject_Hash(a), hb = PyObject_Hash(b);
    if (ha == -1 || hb == -1) return -1;
    if (ha != hb) return 0;
    return PyObject_RichCompareBool(a, b, Py_EQ);
}

/* How many members gather and worst_pair prefetch at a time (see pf_rows). */
#define PF_BLOCK 32

/* The rows of members[from:to] that are ints in [0, n_rows), into ``rows`` (at most PF_BLOCK of them),
   with their slots of ``a`` and ``b`` (lists of n_rows items) prefetched; how many. Only a hint: what
   is skipped here is checked (and refused) where it is read. */
static int pf_rows(PyObject *members, Py_ssize_t from, Py_ssize_t to, Py_ssize_t n_rows, PyObject *a, PyObject *b,
                   Py_ssize_t *rows) {
    int n = 0;
    if (to > PyList_GET_SIZE(members)) to = PyList_GET_SIZE(members);
    for (Py_ssize_t k = from; k < to && n < PF_BLOCK; k++) {
        PyObject *o = PyList_GET_ITEM(members, k);
        if (!PyLong_CheckExact(o)) continue;
        Py_ssize_t r = PyLong_AsSsize_t(o);
        if (r == -1 && PyErr_Occurred()) {
            PyErr_Clear();
            continue;
        }
        if (r < 0 || r >= n_rows) continue;
        __builtin_prefetch(&((PyListObject *)a)->ob_item[r], 0, 3);
        __builtin_prefetch(&((PyListObject *)b)->ob_item[r], 0, 3);
        rows[n++] = r;
    }
    return n;
}

/* Fetch ahead what gather reads of the members members[from:to]: at a million claims a group's claims
   lie all over memory, and read one after the other each costs a few cache misses in turn (the list's
   slot, the claim, its fields); asked for together first, the misses overlap. (Only loads: the answer
   is the same with or without it.) */
static void gather_prefetch(PyObject *members, Py_ssize_t from, Py_ssize_t to, PyObject *claims_of,
                            PyObject *point_of, PyTypeObject *cls) {
    Py_ssize_t rows[PF_BLOCK];
    int n = pf_rows(members, from, to, PyList_GET_SIZE(claims_of), claims_of, point_of, rows);
    for (int i = 0; i < n; i++) {
        char *c = (char *)PyList_GET_ITEM(claims_of, rows[i]);
        __builtin_prefetch(c, 1, 3);
        if (gather_fast)
            for (int j = 0; j < 5; j++) __builtin_prefetch(c + gather_offsets[j], 0, 3);
        __builtin_prefetch(PyList_GET_ITEM(point_of, rows[i]), 1, 3);
    }
    if (!gather_fast) return;
    for (int i = 0; i < n; i++) {
        PyObject *c = PyList_GET_ITEM(claims_of, rows[i]);
        if (Py_TYPE(c) != cls) continue;
        for (int j = 0; j < 5; j++) {
            PyObject *f = *(PyObject **)((char *)c + gather_offsets[j]);
            if (f != NULL) __builtin_prefetch(f, 1, 3);
        }
    }
}

static PyObject *gather(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4 || !PyList_CheckExact(args[0]) || !PyList_CheckExact(args[1]) || !PyList_CheckExact(args[2]) ||
        !PyType_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError, "gather(members: list, claims: list, points: list, cls: type)");
        return NULL;
    }
    PyObject *members = args[0], *claims_of = args[1], *point_of = args[2];
    PyTypeObject *cls = (PyTypeObject *)args[3];
    Py_ssize_t m = PyList_GET_SIZE(members), n_rows = PyList_GET_SIZE(claims_of);
    if (m == 0 || PyList_GET_SIZE(point_of) != n_rows) Py_RETURN_NONE;
    gather_prepare(cls);
    PyObject *claims = PyTuple_New(m), *times = PyList_New(m), *subjects = PyList_New(m), *points = PyList_New(m);
    PyObject *docs = NULL, *result = NULL, *text = NULL;
    PyObject *distinct[16];
    Py_ssize_t n_distinct = 0;
    Py_ssize_t len = 0;
    if (!claims || !times || !subjects || !points) goto done;
    for (Py_ssize_t k = 0; k < m; k++) {
        if (k % PF_BLOCK == 0) gather_prefetch(members, k, k + PF_BLOCK, claims_of, point_of, cls);
        Py_ssize_t r = PyLong_AsSsize_t(PyList_GET_ITEM(members, k));
        if (r == -1 && PyErr_Occurred()) goto done;
        if (r < 0 || r >= n_rows) {
            PyErr_SetString(PyExc_IndexError, "gather: row out of range");
            goto done;
        }
        PyObject *c = PyList_GET_ITEM(claims_of, r), *f[5];
        Py_INCREF(c);
        PyTuple_SET_ITEM(claims, k, c);
        PyObject *pt = PyList_GET_ITEM(point_of, r);
        Py_INCREF(pt);
        PyList_SET_ITEM(points, k, pt);
        if (gather_fields(cls, c, f) < 0) goto done;
        PyList_SET_ITEM(times, k, f[3]);
        PyList_SET_ITEM(subjects, k, f[4]);
        /* the id, f"{doc}:{start}-{end}", into the text (UTF-8, lines joined by \n) */
        Py_ssize_t dlen;
        const char *d = PyUnicode_CheckExact(f[0]) ? PyUnicode_AsUTF8AndSize(f[0], &dlen) : NULL;
        long long start = PyLong_CheckExact(f[1]) ? PyLong_AsLongLong(f[1]) : -1;
        long long end = PyLong_CheckExact(f[2]) ? PyLong_AsLongLong(f[2]) : -1;
        int plain = d != NULL && PyLong_CheckExact(f[1]) && PyLong_CheckExact(f[2]) &&
                    !((start == -1 || end == -1) && PyErr_Occurred());
        /* the distinct documents (as a set of them counts them) */
        int new_doc = 1;
        for (Py_ssize_t i = n_distinct - 1; i >= 0 && new_doc && plain; i--) {
            if (distinct[i] == f[0]) new_doc = 0;
            else {
                int eq = same_str(distinct[i], f[0]);
                if (eq < 0) plain = 0;
                else if (eq) new_doc = 0;
            }
        }
        if (plain && new_doc) {
            if (docs == NULL && n_distinct < 16) {
                Py_INCREF(f[0]);
                distinct[n_distinct++] = f[0];
            } else {
                if (docs == NULL) {
                    docs = PySet_New(NULL);
                    for (Py_ssize_t i = 0; docs && i < n_distinct; i++)
                        if (PySet_Add(docs, distinct[i]) < 0) Py_CLEAR(docs);
                    if (docs == NULL) plain = 0;
                }
                if (docs != NULL && PySet_Add(docs, f[0]) < 0) plain = 0;
            }
        }
        if (plain && grow((void **)&gather_buf, &gather_cap, len + dlen + 48, 1) < 0) {
            PyErr_NoMemory();
            plain = 0;
        }
        if (plain) {
            char *p = gather_buf + len;
            if (k) *p++ = '\n';
            memcpy(p, d, (size_t)dlen);
            p += dlen;
            *p++ = ':';
            p = put_int(p, start);
            *p++ = '-';
            p = put_int(p, end);
            len = p - gather_buf;
        }
        Py_DECREF(f[0]);
        Py_DECREF(f[1]);
        Py_DECREF(f[2]);
        if (!plain) { /* not str docs and int offsets: the reference spells them */
            PyErr_Clear();
            Py_INCREF(Py_None);
            result = Py_None;
            goto done;
        }
    }
    text = PyBytes_FromStringAndSize(gather_buf ? gather_buf : "", len);
    if (text == NULL) goto done;
    {
        PyObject *count = PyLong_FromSsize_t(docs ? PySet_GET_SIZE(docs) : n_distinct);
        if (count == NULL) goto done;
        result = PyTuple_Pack(6, claims, text, times, subjects, count, points);
        Py_DECREF(count);
    }
done:
    for (Py_ssize_t i = 0; i < n_distinct; i++) Py_DECREF(distinct[i]);
    Py_XDECREF(text);
    Py_XDECREF(docs);
    Py_XDECREF(claims);
    Py_XDECREF(times);
    Py_XDECREF(subjects);
    Py_XDECREF(points);
    return result;
}


/* ---------------------------------------------------------------- short, human (conflicts._short, _human) */
/* conflicts._short(x) into ``out``: 0, or -1 when x is not finite (the reference raises) */
static int short_into(double x, char *out, size_t size) {
    if (!isfinite(x)) return -1;
    double a = fabs(x);
    if ((x == trunc(x) || a >= 1000) && a < 1e15) {
        /* f"{round(x):,}": round half to even, as float.__round__ */
        double r = round(x);
        if (fabs(x - r) == 0.5) r = 2.0 * round(x / 2.0);
        long long n = (long long)r;
        unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
        char digits[32];
        int k = 0;
        do {
            digits[k++] = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        char *p = out;
        if (n < 0) *p++ = '-';
        for (int i = k - 1; i >= 0; i--) {
            *p++ = digits[i];
            if (i && i % 3 == 0) *p++ = ',';
        }
        *p = '\0';
        return 0;
    }
    /* f"{x:.4g}", or f"{x:g}" when that has an exponent */
    char *s = PyOS_double_to_string(x, 'g', 4, 0, NULL);
    if (s == NULL) return -2;
    if (strchr(s, 'e') != NULL) {
        PyMem_Free(s);
        s = PyOS_double_to_string(x, 'g', 6, 0, NULL);
        if (s == NULL) return -2;
    }
    size_t len = strlen(s);
    if (len >= size) {
        PyMem_Free(s);
        return -1;
    }
    memcpy(out, s, len + 1);
    PyMem_Free(s);
    return 0;
}

static int arg_double(PyObject *const *args, Py_ssize_t nargs, double *x) {
    if (nargs != 1 || !PyFloat_CheckExact(args[0])) return -1; /* (the reference takes anything else) */
    *x = PyFloat_AS_DOUBLE(args[0]);
    return 0;
}

static PyObject *short_(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    double x;
    char out[64];
    if (arg_double(args, nargs, &x) < 0) Py_RETURN_NONE;
    int rc = short_into(x, out, sizeof out);
    if (rc == -2) return NULL;
    if (rc < 0) Py_RETURN_NONE;
    return PyUnicode_FromString(out);
}

static PyObject *human(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    double x;
    char out[96];
    if (arg_double(args, nargs, &x) < 0) Py_RETURN_NONE;
    double a = fabs(x);
    const char *word = NULL;
    if (a >= 1e12) {
        x = x / 1e12;
        word = " trillion";
    } else if (a >= 1e9) {
        x = x / 1e9;
        word = " billion";
    } else if (a >= 1e6) {
        x = x / 1e6;
        word = " million";
    }
    int rc = short_into(x, out, 64);
    if (rc == -2) return NULL;
    if (rc < 0) Py_RETURN_NONE;
    if (word != NULL) strcat(out, word);
    return PyUnicode_FromString(out);
}


/* ---------------------------------------------------------------- worst pair (conflicts._worst_pair) */
static double spread2(double x, double y) {
    double hi = y > x ? y : x, lo = y < x ? y : x;
    double a_hi = fabs(hi), a_lo = fabs(lo);
    double denom = a_lo > a_hi ? a_lo : a_hi;
    return denom == 0 ? 0.0 : (hi - lo) / denom;
}

/* the first two of ``rows`` (n of them) by ``key`` descending (sign 1) or ascending (sign -1), as a
   stable sort's [:2] */
static int top2(const int *rows, Py_ssize_t n, const double *key, int sign, int *out) {
    int k = 0;
    Py_ssize_t first = -1;
    for (Py_ssize_t i = 0; i < n; i++)
        if (first < 0 || sign * key[i] > sign * key[first]) first = i;
    if (first < 0) return 0;
    out[k++] = rows[first];
    Py_ssize_t second = -1;
    for (Py_ssize_t i = 0; i < n; i++)
        if (i != first && (second < 0 || sign * key[i] > sign * key[second])) second = i;
    if (second >= 0) out[k++] = rows[second];
    return k;
}

/* Fetch ahead what worst_pair reads of members[from:to] (as gather_prefetch): their slots of the four
   lists, then the objects there. */
static void worst_prefetch(PyObject *members, Py_ssize_t from, Py_ssize_t to, PyObject *lo_l, PyObject *hi_l,
                           PyObject *sent_l, PyObject *point_l) {
    Py_ssize_t rows[PF_BLOCK];
    int n = pf_rows(members, from, to, PyList_GET_SIZE(lo_l), lo_l, hi_l, rows);
    for (int i = 0; i < n; i++) {
        __builtin_prefetch(&((PyListObject *)sent_l)->ob_item[rows[i]], 0, 3);
        __builtin_prefetch(&((PyListObject *)point_l)->ob_item[rows[i]], 0, 3);
    }
    for (int i = 0; i < n; i++) {
        __builtin_prefetch(PyList_GET_ITEM(lo_l, rows[i]), 0, 3);
        __builtin_prefetch(PyList_GET_ITEM(hi_l, rows[i]), 0, 3);
        __builtin_prefetch(PyList_GET_ITEM(sent_l, rows[i]), 0, 3);
        __builtin_prefetch(PyList_GET_ITEM(point_l, rows[i]), 0, 3);
    }
}

/* worst_pair(members, lo, hi, sent, point) -> (a, b) | None, as conflicts._worst_pair(members, rows,
   nan=False); False (declined) when a bound is NaN or a value is not a float: the reference decides */
static PyObject *worst_pair(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "worst_pair(members, lo, hi, sent, point)");
        return NULL;
    }
    for (int i = 0; i < 5; i++) {
        if (!PyList_CheckExact(args[i])) {
            PyErr_SetString(PyExc_TypeError, "worst_pair: lists expected");
            return NULL;
        }
    }
    PyObject *members = args[0], *lo_l = args[1], *hi_l = args[2], *sent_l = args[3], *point_l = args[4];
    Py_ssize_t m = PyList_GET_SIZE(members), n_rows = PyList_GET_SIZE(lo_l);
    if (m == 0 || PyList_GET_SIZE(hi_l) != n_rows || PyList_GET_SIZE(sent_l) != n_rows ||
        PyList_GET_SIZE(point_l) != n_rows)
        Py_RETURN_FALSE;
    int small_rows[64], small_sent[64];
    double small_lo[64] = {0.0}, small_hi[64] = {0.0};
    int *rows = small_rows, *sent = small_sent;
    double *lo = small_lo, *hi = small_hi;
    PyObject *result = NULL;
    if (m > 64) {
        rows = malloc(sizeof(int) * (size_t)m);
        sent = malloc(sizeof(int) * (size_t)m);
        lo = malloc(sizeof(double) * (size_t)m);
        hi = malloc(sizeof(double) * (size_t)m);
        if (!rows || !sent || !lo || !hi) {
            PyErr_NoMemory();
            goto done;
        }
    }
    for (Py_ssize_t k = 0; k < m; k++) {
        if (k % PF_BLOCK == 0) worst_prefetch(members, k, k + PF_BLOCK, lo_l, hi_l, sent_l, point_l);
        Py_ssize_t r = PyLong_AsSsize_t(PyList_GET_ITEM(members, k));
        if (r == -1 && PyErr_Occurred()) goto done;
        if (r < 0 || r >= n_rows || r > INT_MAX) {
            PyErr_SetString(PyExc_IndexError, "worst_pair: row out of range");
            goto done;
        }
        PyObject *a = PyList_GET_ITEM(lo_l, r), *b = PyList_GET_ITEM(hi_l, r), *c = PyList_GET_ITEM(sent_l, r);
        if (!PyFloat_CheckExact(a) || !PyFloat_CheckExact(b) || !PyLong_CheckExact(c) ||
            !PyFloat_CheckExact(PyList_GET_ITEM(point_l, r))) {
            result = Py_False;
            Py_INCREF(result);
            goto done;
        }
        rows[k] = (int)r;
        lo[k] = PyFloat_AS_DOUBLE(a);
        hi[k] = PyFloat_AS_DOUBLE(b);
        long st = PyLong_AsLong(c);
        if (st == -1 && PyErr_Occurred()) goto done;
        if (isnan(lo[k]) || isnan(hi[k]) || st < INT_MIN || st > INT_MAX) {
            result = Py_False;
            Py_INCREF(result);
            goto done;
        }
        sent[k] = (int)st;
    }
    {
        double highest_lo = lo[0], lowest_hi = hi[0];
        for (Py_ssize_t k = 0; k < m; k++) {
            if (lo[k] > highest_lo) highest_lo = lo[k];
            if (hi[k] < lowest_hi) lowest_hi = hi[k];
        }
        if (highest_lo <= lowest_hi) {
            result = Py_None;
            Py_INCREF(result);
            goto done;
        }
    }
    /* per sentence, its row of the highest low end and the one of the lowest high end (the first
       of equals), in the order the sentences first appear; with one claim per sentence, the rows */
    int los[2], his[2];
    int n_los, n_his;
    {
        int *bl = malloc(sizeof(int) * (size_t)m * 3);
        if (!bl) {
            PyErr_NoMemory();
            goto done;
        }
        int *bh = bl + m, *bs = bl + 2 * m;
        Py_ssize_t ns = 0;
        for (Py_ssize_t k = 0; k < m; k++) {
            Py_ssize_t j = 0;
            while (j < ns && bs[j] != sent[k]) j++; /* (few sentences: a group's claims) */
            if (j == ns) {
                bs[ns] = sent[k];
                bl[ns] = (int)k;
                bh[ns] = (int)k;
                ns++;
            } else {
                if (lo[k] > lo[bl[j]]) bl[j] = (int)k;
                if (hi[k] < hi[bh[j]]) bh[j] = (int)k;
            }
        }
        double *kl = malloc(sizeof(double) * (size_t)ns * 2);
        if (!kl) {
            free(bl);
            PyErr_NoMemory();
            goto done;
        }
        double *kh = kl + ns;
        for (Py_ssize_t j = 0; j < ns; j++) {
            kl[j] = lo[bl[j]];
            kh[j] = hi[bh[j]];
        }
        n_los = top2(bl, ns, kl, 1, los);
        n_his = top2(bh, ns, kh, -1, his);
        free(kl);
        free(bl);
    }
    {
        double best_gap = 0.0;
        int best_a = -1, best_b = -1;
        for (int x = 0; x < n_los; x++) {
            for (int y = 0; y < n_his; y++) {
                int a = los[x], b = his[y];
                if (sent[a] == sent[b] || lo[a] <= hi[b]) continue;
                double gap = spread2(PyFloat_AS_DOUBLE(PyList_GET_ITEM(point_l, rows[a])),
                                     PyFloat_AS_DOUBLE(PyList_GET_ITEM(point_l, rows[b])));
                if (best_a < 0 || gap > best_gap) {
                    best_gap = gap;
                    best_a = a;
                    best_b = b;
                }
            }
        }
        if (best_a < 0) {
            result = Py_None;
            Py_INCREF(result);
        } else {
            result = Py_BuildValue("(ii)", rows[best_a], rows[best_b]);
        }
    }
done:
    if (rows != small_rows) {
        free(rows);
        free(sent);
        free(lo);
        free(hi);
    }
    return result;
}

static PyMethodDef methods[] = {
    {"group", group, METH_VARARGS,
     "group(terms, subj, dirs, names, scope, dim, tkey, size, n_claims, opposed, row_sig, row_sent, "
     "max_posting, max_cross, prefix_share, threshold, name_weight) -> [(root, rows), ...] | None"},
    {"gather", (PyCFunction)(void (*)(void))gather, METH_FASTCALL,
     "gather(members, claims, points, cls) -> (claims, id_text, times, subjects, n_docs, points) | None"},
    {"short", (PyCFunction)(void (*)(void))short_, METH_FASTCALL,
     "short(x) -> conflicts._short(x) for a float, or None (not a float, or not finite: the reference decides)"},
    {"human", (PyCFunction)(void (*)(void))human, METH_FASTCALL,
     "human(x) -> conflicts._human(x) for a float, or None (as short)"},
    {"worst_pair", (PyCFunction)(void (*)(void))worst_pair, METH_FASTCALL,
     "worst_pair(members, lo, hi, sent, point) -> (a, b) | None, or False: declined (NaN bounds)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "kzfacts._group",
                                    "The grouping of kzfacts.conflicts in C (see _group.c).", -1, methods};

PyMODINIT_FUNC PyInit__group(void) { return PyModule_Create(&module); }
