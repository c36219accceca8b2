/* The C ABI misused: every exported function called with NULL, zero, negative, huge and stale arguments, from
 * several threads at once. Each call must return an error status with a message (or its documented answer),
 * never crash and never write outside the caller's buffers (canaries around every buffer; built with
 * -fsanitize=address where the compiler has it). Then 1,000 load/free cycles, each handle's first queries made
 * by four threads at once, must keep the resident memory flat. Exits 0 when every check passes.
 *   test_misuse CORPUS SCRATCH_FOLDER */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fastw2v.h"

static int failures = 0;
static pthread_mutex_t report = PTHREAD_MUTEX_INITIALIZER;
#define CHECK(cond, ...) do { if (!(cond)) { pthread_mutex_lock(&report); failures++; \
    fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); fprintf(stderr, __VA_ARGS__); fprintf(stderr, "\n"); \
    pthread_mutex_unlock(&report); } } while (0)

/* A refusal: status 1 and a one-sentence message for this thread. */
#define REFUSED(call, what) do { int32_t s_ = (call); const char *e_ = fw2v_last_error(); \
    CHECK(s_ == FW2V_ERROR && e_ != NULL && strlen(e_) > 0, "%s: status %d, error '%s'", what, (int)s_, \
        e_ ? e_ : "(NULL)"); } while (0)

static const char *corpus, *scratch;
static char vectors_path[4096];
static fw2v_vectors *const bogus = (fw2v_vectors *)(uintptr_t)0x5eed1234;

static long rss_kb(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0) kb = atol(line + 6);
    if (f) fclose(f);
    return kb;
}

/* A neighbour buffer with canaries on both sides; intact() says whether only slots[0..n) were written. */
#define SLOTS 8
typedef struct { fw2v_neighbour before[2], slots[SLOTS], after[2]; } guarded;
static void guard(guarded *g) { memset(g, 0xA5, sizeof *g); }
static int untouched(const fw2v_neighbour *n, int count) {
    const unsigned char *p = (const unsigned char *)n;
    for (size_t i = 0; i < count * sizeof *n; i++) if (p[i] != 0xA5) return 0;
    return 1;
}
static int intact(const guarded *g) { return untouched(g->before, 2) && untouched(g->after, 2); }

static void misuse_queries(fw2v_vectors *v) {
    static const int32_t bad_k[] = { 0, -1, -1000, INT32_MIN };
    guarded g;
    int32_t found;
    for (size_t i = 0; i < sizeof bad_k / sizeof *bad_k; i++) {
        guard(&g);
        REFUSED(fw2v_most_similar(v, "government", bad_k[i], g.slots, &found), "most_similar k <= 0");
        CHECK(intact(&g) && untouched(g.slots, SLOTS), "most_similar k=%d wrote into the buffer", (int)bad_k[i]);
        guard(&g);
        REFUSED(fw2v_analogy(v, "he", "she", "his", bad_k[i], g.slots, &found), "analogy k <= 0");
        CHECK(intact(&g) && untouched(g.slots, SLOTS), "analogy k=%d wrote into the buffer", (int)bad_k[i]);
    }
    guard(&g);
    REFUSED(fw2v_most_similar(NULL, "government", 3, g.slots, &found), "most_similar NULL handle");
    REFUSED(fw2v_most_similar(bogus, "government", 3, g.slots, &found), "most_similar bogus handle");
    REFUSED(fw2v_most_similar(v, NULL, 3, g.slots, &found), "most_similar NULL query");
    REFUSED(fw2v_most_similar(v, "", 3, g.slots, &found), "most_similar empty query");
    REFUSED(fw2v_most_similar(v, " \t ", 3, g.slots, &found), "most_similar blank query");
    REFUSED(fw2v_most_similar(v, "government", 3, NULL, &found), "most_similar NULL out");
    REFUSED(fw2v_most_similar(v, "government", 3, g.slots, NULL), "most_similar NULL found");
    REFUSED(fw2v_analogy(NULL, "he", "she", "his", 3, g.slots, &found), "analogy NULL handle");
    REFUSED(fw2v_analogy(bogus, "he", "she", "his", 3, g.slots, &found), "analogy bogus handle");
    REFUSED(fw2v_analogy(v, NULL, "she", "his", 3, g.slots, &found), "analogy NULL a");
    REFUSED(fw2v_analogy(v, "he", NULL, "his", 3, g.slots, &found), "analogy NULL b");
    REFUSED(fw2v_analogy(v, "he", "she", NULL, 3, g.slots, &found), "analogy NULL c");
    REFUSED(fw2v_analogy(v, "he", "she", "his", 3, NULL, &found), "analogy NULL out");
    REFUSED(fw2v_analogy(v, "he", "she", "his", 3, g.slots, NULL), "analogy NULL found");
    CHECK(intact(&g) && untouched(g.slots, SLOTS), "a refused query wrote into the buffer");

    /* A huge k is no error: the answer holds every other word at most (a buffer of fw2v_count entries). */
    int64_t count = fw2v_count(v);
    fw2v_neighbour *all = malloc((size_t)count * sizeof *all);
    found = -1;
    CHECK(fw2v_most_similar(v, "government", INT32_MAX, all, &found) == FW2V_OK && found == count - 1,
        "most_similar k=INT32_MAX: found %d of %lld words", (int)found, (long long)count);
    free(all);
    guard(&g);
    CHECK(fw2v_most_similar(v, "government", 3, g.slots, &found) == FW2V_OK && found == 3 && intact(&g)
        && untouched(g.slots + 3, SLOTS - 3), "most_similar k=3 wrote beyond 3 entries");
}

static void misuse_vectors(fw2v_vectors *v) {
    int dim = fw2v_dimension(v);
    float *out = malloc((size_t)dim * sizeof *out);
    CHECK(fw2v_count(NULL) == -1 && strlen(fw2v_last_error()) > 0, "count NULL");
    CHECK(fw2v_count(bogus) == -1, "count bogus");
    CHECK(fw2v_dimension(NULL) == -1 && strlen(fw2v_last_error()) > 0, "dimension NULL");
    CHECK(fw2v_dimension(bogus) == -1, "dimension bogus");
    REFUSED(fw2v_vector(NULL, "government", out), "vector NULL handle");
    REFUSED(fw2v_vector(bogus, "government", out), "vector bogus handle");
    REFUSED(fw2v_vector(v, NULL, out), "vector NULL word");
    REFUSED(fw2v_vector(v, "government", NULL), "vector NULL out");
    CHECK(fw2v_vector(v, "", out) == FW2V_NOT_FOUND, "vector of the empty word");
    size_t huge = 1 << 20;
    char *word = malloc(huge + 1);
    memset(word, 'x', huge);
    word[huge] = 0;
    CHECK(fw2v_vector(v, word, out) == FW2V_NOT_FOUND, "vector of a 1 MB word");
    free(word);
    free(out);
}

static void misuse_files(fw2v_vectors *v) {
    char path[4200];
    snprintf(path, sizeof path, "%s/misuse-%p.bin", scratch, (void *)&path);
    REFUSED(fw2v_save(NULL, path, 1), "save NULL handle");
    REFUSED(fw2v_save(bogus, path, 1), "save bogus handle");
    REFUSED(fw2v_save(v, NULL, 1), "save NULL path");
    REFUSED(fw2v_save(v, "", 1), "save empty path");
    REFUSED(fw2v_save(v, scratch, 1), "save over a folder");
    REFUSED(fw2v_save(v, "/nonexistent/folder/v.bin", 1), "save into a missing folder");
    REFUSED(fw2v_save(v, path, -1), "save binary -1");
    REFUSED(fw2v_save(v, path, 2), "save binary 2");
    REFUSED(fw2v_save(v, path, INT32_MAX), "save binary INT32_MAX");

    fw2v_vectors *w = bogus;
    REFUSED(fw2v_load(NULL, &w), "load NULL path");
    CHECK(w == NULL, "a failed load leaves *out NULL");
    REFUSED(fw2v_load(vectors_path, NULL), "load NULL out");
    REFUSED(fw2v_load("", &w), "load empty path");
    REFUSED(fw2v_load(scratch, &w), "load a folder");
    REFUSED(fw2v_load("/nonexistent/v.bin", &w), "load a missing file");
    REFUSED(fw2v_load(corpus, &w), "load a text corpus as vectors");
    size_t huge = 100000;
    char *long_path = malloc(huge + 1);
    memset(long_path, 'p', huge);
    long_path[huge] = 0;
    REFUSED(fw2v_load(long_path, &w), "load a 100 kB path");
    free(long_path);
    CHECK(w == NULL, "failed loads leave *out NULL");
}

static fw2v_options small_options(void) {
    fw2v_options o;
    fw2v_default_options(&o);
    o.size = 10; o.iter = 1; o.threads = 1; o.min_count = 5;
    return o;
}

#define BAD_OPTION(field, value) do { fw2v_options o = small_options(); o.field = (value); \
    fw2v_vectors *w = bogus; REFUSED(fw2v_train(corpus, &o, NULL, NULL, &w), #field " = " #value); \
    CHECK(w == NULL, #field " = " #value ": *out not NULL"); } while (0)

static void misuse_training(void) {
    BAD_OPTION(size, 0); BAD_OPTION(size, -1); BAD_OPTION(size, INT32_MAX); BAD_OPTION(size, INT32_MIN);
    BAD_OPTION(window, 0); BAD_OPTION(window, -5); BAD_OPTION(window, INT32_MAX);
    BAD_OPTION(negative, -1); BAD_OPTION(negative, INT32_MAX);
    BAD_OPTION(iter, 0); BAD_OPTION(iter, -1); BAD_OPTION(iter, INT32_MAX);
    BAD_OPTION(threads, -1); BAD_OPTION(threads, INT32_MAX);
    BAD_OPTION(min_count, 0); BAD_OPTION(min_count, -1); BAD_OPTION(min_count, INT32_MIN);
    BAD_OPTION(cbow, -1); BAD_OPTION(cbow, 2); BAD_OPTION(hs, -1); BAD_OPTION(hs, INT32_MAX);
    BAD_OPTION(alpha, NAN); BAD_OPTION(alpha, -0.025f); BAD_OPTION(alpha, INFINITY);
    BAD_OPTION(sample, NAN); BAD_OPTION(sample, -1); BAD_OPTION(sample, INFINITY);
    fw2v_vectors *w = NULL;
    fw2v_options o = small_options();
    REFUSED(fw2v_train(NULL, &o, NULL, NULL, &w), "train NULL path");
    REFUSED(fw2v_train(corpus, &o, NULL, NULL, NULL), "train NULL out");
    REFUSED(fw2v_train("", &o, NULL, NULL, &w), "train empty path");
    REFUSED(fw2v_train(scratch, &o, NULL, NULL, &w), "train on a folder");
    fw2v_default_options(NULL);
}

typedef struct { int64_t result; int calls; } reader;
static int64_t read_fixed(char *buffer, int64_t capacity, void *user) {
    reader *r = user;
    if (r->calls++ > 0) return 0;
    int64_t n = r->result < capacity ? r->result : capacity;
    if (n > 0) memset(buffer, 'a', (size_t)n);
    return r->result;
}

static void misuse_stream(void) {
    fw2v_options o = small_options();
    fw2v_vectors *w = NULL;
    static const int64_t results[] = { -1, -7, INT64_MIN, 0 };
    for (size_t i = 0; i < sizeof results / sizeof *results; i++) {
        reader r = { results[i], 0 };
        REFUSED(fw2v_train_stream(read_fixed, &r, &o, NULL, NULL, &w), "train_stream read error or no text");
        CHECK(strstr(fw2v_last_error(), "fw2v-stream") == NULL && strstr(fw2v_last_error(), "/proc/") == NULL,
            "an error names the spool file: %s", fw2v_last_error());
    }
    reader over = { INT64_MAX, 0 };
    REFUSED(fw2v_train_stream(read_fixed, &over, &o, NULL, NULL, &w), "train_stream read past the capacity");
    CHECK(strstr(fw2v_last_error(), "capacity") != NULL, "the overflow is said: %s", fw2v_last_error());
    REFUSED(fw2v_train_stream(NULL, NULL, &o, NULL, NULL, &w), "train_stream NULL read");
    reader fine = { 1000, 0 };
    REFUSED(fw2v_train_stream(read_fixed, &fine, &o, NULL, NULL, NULL), "train_stream NULL out");
    o.alpha = NAN;
    reader again = { 1000, 0 };
    REFUSED(fw2v_train_stream(read_fixed, &again, &o, NULL, NULL, &w), "train_stream alpha NaN");
}

static void *misuse_all(void *handle) {
    fw2v_vectors *v = handle;
    for (int round = 0; round < 3; round++) {
        misuse_queries(v);
        misuse_vectors(v);
        misuse_files(v);
        misuse_training();
        misuse_stream();
    }
    CHECK(fw2v_last_error() != NULL, "fw2v_last_error is NULL");
    return NULL;
}

static void *last_error_on_a_new_thread(void *unused) {
    (void)unused;
    const char *e = fw2v_last_error();
    CHECK(e != NULL && strlen(e) == 0, "a new thread's last error is not the empty string");
    return NULL;
}

/* Four threads query a handle while it is freed: each call answers or is refused, none crashes. */
static void *query_until_freed(void *handle) {
    for (int i = 0; i < 300; i++) {
        fw2v_neighbour nb[3];
        int32_t found, s = fw2v_most_similar(handle, "government", 3, nb, &found);
        CHECK(s == FW2V_OK || s == FW2V_ERROR, "a query racing fw2v_free returned %d", (int)s);
        CHECK(fw2v_dimension(handle) == 50 || fw2v_dimension(handle) == -1, "dimension racing fw2v_free");
    }
    return NULL;
}

static void free_while_querying(void) {
    fw2v_vectors *w = NULL;
    CHECK(fw2v_load(vectors_path, &w) == FW2V_OK, "load: %s", fw2v_last_error());
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) pthread_create(&threads[i], NULL, query_until_freed, w);
    fw2v_neighbour nb[3];
    int32_t found;
    for (int i = 0; i < 20; i++) fw2v_most_similar(w, "government", 3, nb, &found);
    fw2v_free(w);
    for (int i = 0; i < 4; i++) pthread_join(threads[i], NULL);
    REFUSED(fw2v_vector(w, "government", (float[50]){0}), "vector of a freed handle");
}

/* Load/free cycles whose first queries four threads make at once (the handle's lazy state is made then). */
enum { CYCLES = 1000, WARM = 100, QUERY_THREADS = 4, GROWTH_LIMIT_KB = 48 * 1024 };
typedef struct { pthread_barrier_t start, done; fw2v_vectors *v; int stop; } cycle_state;

static void *first_queries(void *arg) {
    cycle_state *c = arg;
    for (;;) {
        pthread_barrier_wait(&c->start);
        if (c->stop) return NULL;
        fw2v_neighbour nb[5];
        int32_t found = 0;
        CHECK(fw2v_most_similar(c->v, "government", 5, nb, &found) == FW2V_OK && found == 5, "first query");
        CHECK(fw2v_analogy(c->v, "he", "she", "his", 5, nb, &found) == FW2V_OK && found == 5, "first analogy");
        pthread_barrier_wait(&c->done);
    }
}

static void load_free_cycles(void) {
    cycle_state c = { .stop = 0 };
    pthread_barrier_init(&c.start, NULL, QUERY_THREADS + 1);
    pthread_barrier_init(&c.done, NULL, QUERY_THREADS + 1);
    pthread_t threads[QUERY_THREADS];
    for (int i = 0; i < QUERY_THREADS; i++) pthread_create(&threads[i], NULL, first_queries, &c);
    long warm_kb = -1, kb = -1;
    int cycle = 0;
    for (; cycle < CYCLES; cycle++) {
        fw2v_vectors *w = NULL;
        if (fw2v_load(vectors_path, &w) != FW2V_OK) { CHECK(0, "load: %s", fw2v_last_error()); break; }
        c.v = w;
        pthread_barrier_wait(&c.start);
        pthread_barrier_wait(&c.done);
        fw2v_free(w);
        if (cycle + 1 == WARM) warm_kb = rss_kb();
        if (cycle + 1 >= WARM && (cycle + 1) % 100 == 0 && (kb = rss_kb()) - warm_kb > GROWTH_LIMIT_KB) break;
    }
    c.stop = 1;
    pthread_barrier_wait(&c.start);
    for (int i = 0; i < QUERY_THREADS; i++) pthread_join(threads[i], NULL);
    printf("load/free cycles: VmRSS %ld kB after %d, %ld kB after %d\n", warm_kb, WARM, kb, cycle);
    CHECK(cycle == CYCLES && kb - warm_kb <= GROWTH_LIMIT_KB, "memory grew by %ld kB over %d cycles",
        kb - warm_kb, cycle - WARM);
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: test_misuse CORPUS SCRATCH\n"); return 2; }
    corpus = argv[1]; scratch = argv[2];
    pthread_t fresh;
    pthread_create(&fresh, NULL, last_error_on_a_new_thread, NULL);
    pthread_join(fresh, NULL);

    fw2v_options o;
    fw2v_default_options(&o);
    o.size = 50; o.iter = 1; o.min_count = 2; o.threads = 2; o.cbow = 0;
    fw2v_vectors *v = NULL;
    int32_t s = fw2v_train(corpus, &o, NULL, NULL, &v);
    CHECK(s == FW2V_OK && v, "train: %s", fw2v_last_error());
    if (!v) return 1;
    snprintf(vectors_path, sizeof vectors_path, "%s/misuse-vectors.bin", scratch);
    CHECK(fw2v_save(v, vectors_path, 1) == FW2V_OK, "save: %s", fw2v_last_error());

    enum { THREADS = 4 };
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; i++) pthread_create(&threads[i], NULL, misuse_all, v);
    for (int i = 0; i < THREADS; i++) pthread_join(threads[i], NULL);
    printf("misuse from %d threads: done\n", THREADS);

    free_while_querying();
    fw2v_free(v);
    fw2v_free(v); /* a second free is refused, not a crash */
    CHECK(strlen(fw2v_last_error()) > 0, "a double free says so");
    REFUSED(fw2v_most_similar(v, "government", 3, (fw2v_neighbour[3]){0}, &(int32_t){0}), "query a freed handle");
    CHECK(fw2v_count(v) == -1, "count of a freed handle");
    fw2v_free(NULL);
    fw2v_free(bogus);

    load_free_cycles();
    if (failures == 0) printf("all C ABI misuse checks passed\n");
    return failures == 0 ? 0 : 1;
}
