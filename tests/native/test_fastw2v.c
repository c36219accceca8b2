/* The C ABI, used as a C program would: train on a corpus with a progress callback, query, save, load,
 * and check each failure path returns a status and a message. Exits 0 when every check passes.
 *   test_fastw2v CORPUS SCRATCH_FOLDER
 *   test_fastw2v --killed-stream CORPUS (streams the corpus and kills itself in the read callback) */
#include <dirent.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "fastw2v.h"

static int failures = 0;
#define CHECK(cond, ...) do { if (!(cond)) { failures++; fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
    fprintf(stderr, __VA_ARGS__); fprintf(stderr, "\n"); } } while (0)

static int calls = 0;
static int32_t on_progress(double fraction, double loss, void *user) {
    (void)loss;
    calls++;
    return fraction > *(double *)user; /* cancel past this fraction */
}

static int64_t read_file(char *buffer, int64_t capacity, void *user) {
    return (int64_t)fread(buffer, 1, (size_t)capacity, (FILE *)user);
}

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* Lookup cost through the ABI (a lookup should take well under a microsecond). */
static void report_speed(fw2v_vectors *v) {
    float vec[20];
    fw2v_neighbour nb[10];
    int32_t found;
    int n = 200000;
    double t0 = seconds();
    for (int i = 0; i < n; i++) fw2v_vector(v, "government", vec);
    double per_lookup = (seconds() - t0) / n;
    t0 = seconds();
    for (int i = 0; i < 20; i++) fw2v_most_similar(v, "government", 10, nb, &found);
    double per_query = (seconds() - t0) / 20;
    printf("lookup %.3f us, most_similar %.3f ms over %lld words\n", per_lookup * 1e6, per_query * 1e3,
        (long long)fw2v_count(v));
}

/* Queries that would write outside the caller's k entries, or through NULL, are refused; the buffer is untouched. */
static void check_query_refusals(fw2v_vectors *v) {
    fw2v_neighbour nb[4];
    int32_t found = 0;
    const int32_t ks[] = { 0, -1, INT32_MIN };
    memset(nb, 0xA5, sizeof nb);
    for (size_t i = 0; i < sizeof ks / sizeof *ks; i++) {
        CHECK(fw2v_most_similar(v, "government", ks[i], nb + 1, &found) == FW2V_ERROR
            && strstr(fw2v_last_error(), "k must be at least 1"), "most_similar k=%d: %s", (int)ks[i],
            fw2v_last_error());
        CHECK(fw2v_analogy(v, "he", "she", "his", ks[i], nb + 1, &found) == FW2V_ERROR
            && strstr(fw2v_last_error(), "k must be at least 1"), "analogy k=%d: %s", (int)ks[i], fw2v_last_error());
    }
    const unsigned char *bytes = (const unsigned char *)nb;
    int written = 0;
    for (size_t i = 0; i < sizeof nb; i++) written += bytes[i] != 0xA5;
    CHECK(written == 0, "a refused query wrote %d bytes into the buffer", written);
    CHECK(fw2v_most_similar(v, "government", 3, NULL, &found) == FW2V_ERROR, "most_similar NULL out");
    CHECK(fw2v_most_similar(v, "government", 3, nb, NULL) == FW2V_ERROR, "most_similar NULL found");
    CHECK(fw2v_most_similar(v, NULL, 3, nb, &found) == FW2V_ERROR && strstr(fw2v_last_error(), "NULL"),
        "most_similar NULL query: %s", fw2v_last_error());
    CHECK(fw2v_most_similar(NULL, "government", 3, nb, &found) == FW2V_ERROR, "most_similar NULL handle");
    CHECK(fw2v_analogy(v, "he", NULL, "his", 3, nb, &found) == FW2V_ERROR, "analogy NULL word");
    CHECK(fw2v_analogy(NULL, "he", "she", "his", 3, nb, &found) == FW2V_ERROR, "analogy NULL handle");
}

/* The spool file of fw2v_train_stream while the read callback runs: open (listed in /proc/self/fd) but unlinked. */
static int spool_open = 0, spool_named = 0;
static void look_for_spool(void) {
    DIR *fds = opendir("/proc/self/fd");
    struct dirent *e;
    char link[512], target[4096];
    while (fds && (e = readdir(fds))) {
        snprintf(link, sizeof link, "/proc/self/fd/%s", e->d_name);
        ssize_t n = readlink(link, target, sizeof target - 1);
        if (n <= 0) continue;
        target[n] = 0;
        if (!strstr(target, "fw2v-stream")) continue;
        spool_open++;
        if (!strstr(target, "(deleted)")) spool_named++;
    }
    if (fds) closedir(fds);
}

static int64_t read_and_look(char *buffer, int64_t capacity, void *user) {
    int64_t n = read_file(buffer, capacity, user);
    if (n == 0) look_for_spool();
    return n;
}

/* Returns `result` once (capacity + 1 for -2), after filling the buffer with text; then the end. */
typedef struct { int64_t result; int calls; } fixed_reader;
static int64_t read_fixed(char *buffer, int64_t capacity, void *user) {
    fixed_reader *r = user;
    if (r->calls++ > 0) return 0;
    static const char sentence[] = "the government said the minister will visit the country next week\n";
    for (int64_t i = 0; i < capacity; i++) buffer[i] = sentence[i % (sizeof sentence - 1)];
    return r->result == -2 ? capacity + 1 : r->result;
}

static int spool_hidden(void) {
    return strstr(fw2v_last_error(), "fw2v-stream") == NULL && strstr(fw2v_last_error(), "/proc/") == NULL;
}

static void check_stream_and_options(const char *corpus, fw2v_options o) {
    FILE *f = fopen(corpus, "rb");
    fw2v_vectors *w = NULL;
    CHECK(f && fw2v_train_stream(read_and_look, f, &o, NULL, NULL, &w) == FW2V_OK && w, "train_stream: %s",
        fw2v_last_error());
    CHECK(spool_open > 0 && spool_named == 0, "the spool file has a name while training (%d open, %d named)",
        spool_open, spool_named);
    if (f) fclose(f);
    fw2v_free(w);
    fixed_reader over = { -2, 0 }, empty = { 0, 0 }, broken = { -1, 0 };
    CHECK(fw2v_train_stream(read_fixed, &over, &o, NULL, NULL, &w) == FW2V_ERROR
        && strstr(fw2v_last_error(), "capacity") && spool_hidden(), "read past the capacity: %s", fw2v_last_error());
    CHECK(fw2v_train_stream(read_fixed, &empty, &o, NULL, NULL, &w) == FW2V_ERROR && spool_hidden(),
        "empty stream: %s", fw2v_last_error());
    CHECK(fw2v_train_stream(read_fixed, &broken, &o, NULL, NULL, &w) == FW2V_ERROR
        && strstr(fw2v_last_error(), "read callback") && spool_hidden(), "read error: %s", fw2v_last_error());
    const float alphas[] = { NAN, -0.025f, -INFINITY, INFINITY };
    for (size_t i = 0; i < sizeof alphas / sizeof *alphas; i++) {
        o.alpha = alphas[i];
        CHECK(fw2v_train(corpus, &o, NULL, NULL, &w) == FW2V_ERROR && w == NULL
            && strstr(fw2v_last_error(), "alpha"), "alpha %f: %s", alphas[i], fw2v_last_error());
    }
}

/* --killed-stream: the process is killed while the read callback runs, with the spool file open. */
static int64_t read_then_die(char *buffer, int64_t capacity, void *user) {
    static int calls = 0;
    if (++calls == 2) kill(getpid(), SIGKILL);
    return read_file(buffer, capacity, user);
}

static int killed_stream(const char *corpus) {
    FILE *f = fopen(corpus, "rb");
    fw2v_vectors *w = NULL;
    if (f) fw2v_train_stream(read_then_die, f, NULL, NULL, NULL, &w);
    return 3; /* not reached */
}

/* Runs --killed-stream with TMPDIR a folder of its own, which must then be empty. */
static void check_killed_stream_leaves_nothing(const char *self, const char *corpus, const char *scratch) {
    static char tmp[4096], variable[4200];
    snprintf(tmp, sizeof tmp, "%s/killed-stream-tmp", scratch);
    mkdir(tmp, 0700);
    snprintf(variable, sizeof variable, "TMPDIR=%s", tmp);
    extern char **environ;
    size_t n = 0;
    while (environ[n]) n++;
    char **env = calloc(n + 2, sizeof *env), *args[] = { (char *)self, "--killed-stream", (char *)corpus, NULL };
    size_t m = 0;
    env[m++] = variable;
    for (size_t i = 0; i < n; i++) if (strncmp(environ[i], "TMPDIR=", 7) != 0) env[m++] = environ[i];
    pid_t pid = fork();
    if (pid == 0) { execve(self, args, env); _exit(127); }
    int status = 0;
    waitpid(pid, &status, 0);
    free(env);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the child was not killed (status %d)", status);
    DIR *d = opendir(tmp);
    struct dirent *e;
    int left = 0;
    while (d && (e = readdir(d))) if (e->d_name[0] != '.') { left++; fprintf(stderr, "left: %s\n", e->d_name); }
    if (d) closedir(d);
    CHECK(d && left == 0, "a process killed while streaming left %d file(s) in its TMPDIR", left);
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "--killed-stream") == 0) return killed_stream(argv[2]);
    if (argc != 3) { fprintf(stderr, "usage: test_fastw2v CORPUS SCRATCH\n"); return 2; }
    fw2v_options o;
    fw2v_default_options(&o);
    o.size = 20; o.iter = 3; o.min_count = 5; o.threads = 2; o.cbow = 0;
    double never = 2.0;
    fw2v_vectors *v = NULL;
    int32_t s = fw2v_train(argv[1], &o, on_progress, &never, &v);
    CHECK(s == FW2V_OK && v != NULL, "train: %d %s", s, fw2v_last_error());
    if (!v) return 1;
    CHECK(calls > 0, "the progress callback was never called");
    CHECK(fw2v_dimension(v) == 20, "dimension %d", fw2v_dimension(v));
    CHECK(fw2v_count(v) > 1000, "count %lld", (long long)fw2v_count(v));

    float vec[20];
    CHECK(fw2v_vector(v, "government", vec) == FW2V_OK, "vector");
    double norm = 0; for (int i = 0; i < 20; i++) norm += vec[i] * vec[i];
    CHECK(norm > 0 && isfinite(norm), "vector norm %f", norm);
    CHECK(fw2v_vector(v, "no-such-word-xyz", vec) == FW2V_NOT_FOUND, "unknown word");

    fw2v_neighbour nb[5]; int32_t found = 0;
    CHECK(fw2v_most_similar(v, "government", 5, nb, &found) == FW2V_OK && found == 5, "most_similar found %d",
        found);
    for (int i = 0; i < found; i++)
        CHECK(nb[i].word && strlen(nb[i].word) > 0 && nb[i].similarity <= 1.0001f, "neighbour %d", i);
    CHECK(found < 2 || nb[0].similarity >= nb[1].similarity, "neighbours sorted");
    CHECK(fw2v_analogy(v, "he", "she", "his", 3, nb, &found) == FW2V_OK && found == 3, "analogy");
    CHECK(fw2v_most_similar(v, "no-such-word-xyz", 5, nb, &found) == FW2V_NOT_FOUND && found == 0,
        "unknown query");
    check_query_refusals(v);

    char path[4096];
    snprintf(path, sizeof path, "%s/vectors.bin", argv[2]);
    CHECK(fw2v_save(v, path, 1) == FW2V_OK, "save: %s", fw2v_last_error());
    fw2v_vectors *w = NULL;
    CHECK(fw2v_load(path, &w) == FW2V_OK && w != NULL, "load: %s", fw2v_last_error());
    float vec2[20];
    if (w) {
        CHECK(fw2v_vector(w, "government", vec2) == FW2V_OK && memcmp(vec, vec2, sizeof vec) == 0,
            "binary round trip");
        fw2v_free(w);
    }

    report_speed(v);

    /* The same corpus streamed through a read callback. */
    FILE *corpus = fopen(argv[1], "rb");
    CHECK(corpus != NULL, "open corpus");
    if (corpus) {
        fw2v_vectors *streamed = NULL;
        CHECK(fw2v_train_stream(read_file, corpus, &o, NULL, NULL, &streamed) == FW2V_OK && streamed,
            "train_stream: %s", fw2v_last_error());
        if (streamed) {
            CHECK(fw2v_count(streamed) == fw2v_count(v), "streamed vocabulary %lld",
                (long long)fw2v_count(streamed));
            fw2v_free(streamed);
        }
        fclose(corpus);
    }

    /* Failures: a status and one sentence, never a crash. */
    CHECK(fw2v_load("/nonexistent/vectors.bin", &w) == FW2V_ERROR && strlen(fw2v_last_error()) > 0, "load missing");
    CHECK(fw2v_train("/nonexistent/corpus.txt", &o, NULL, NULL, &w) == FW2V_ERROR && w == NULL, "train missing");
    double early = -1; /* cancel at the first call: a long run (100 epochs) cannot end before it */
    o.iter = 100; calls = 0;
    CHECK(fw2v_train(argv[1], &o, on_progress, &early, &w) == FW2V_ERROR && strstr(fw2v_last_error(), "cancel"),
        "cancel: %s", fw2v_last_error());
    o.iter = 3;
    o.size = -1;
    CHECK(fw2v_train(argv[1], &o, NULL, NULL, &w) == FW2V_ERROR, "bad size");
    CHECK(fw2v_vector(NULL, "x", vec) == FW2V_ERROR, "NULL handle");

    o.size = 20;
    check_stream_and_options(argv[1], o);
    check_killed_stream_leaves_nothing(argv[0], argv[1], argv[2]);
    fw2v_free(v);
    if (failures == 0) printf("all C ABI checks passed\n");
    return failures == 0 ? 0 : 1;
}
