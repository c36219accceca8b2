/* The C ABI, used as a C program would: train on a corpus with a progress callback, query, save, load,
 * and check each failure path returns a status and a message. Exits 0 when every check passes.
 *   test_fastw2v CORPUS SCRATCH_FOLDER */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "fastw2v.h"

static int failures = 0;
#define CHECK(cond, ...) do { if (!(cond)) { failures++; fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); fprintf(stderr, __VA_ARGS__); fprintf(stderr, "\n"); } } while (0)

static int calls = 0;
static int32_t on_progress(double fraction, double loss, void *user) {
    (void)loss;
    calls++;
    return fraction > *(double *)user; /* cancel past this fraction */
}

static int64_t read_file(char *buffer, int64_t capacity, void *user) { return (int64_t)fread(buffer, 1, (size_t)capacity, (FILE *)user); }

static double seconds(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

int main(int argc, char **argv) {
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
    CHECK(fw2v_most_similar(v, "government", 5, nb, &found) == FW2V_OK && found == 5, "most_similar found %d", found);
    for (int i = 0; i < found; i++) CHECK(nb[i].word && strlen(nb[i].word) > 0 && nb[i].similarity <= 1.0001f, "neighbour %d", i);
    CHECK(found < 2 || nb[0].similarity >= nb[1].similarity, "neighbours sorted");
    CHECK(fw2v_analogy(v, "he", "she", "his", 3, nb, &found) == FW2V_OK && found == 3, "analogy");
    CHECK(fw2v_most_similar(v, "no-such-word-xyz", 5, nb, &found) == FW2V_NOT_FOUND && found == 0, "unknown query");

    char path[4096];
    snprintf(path, sizeof path, "%s/vectors.bin", argv[2]);
    CHECK(fw2v_save(v, path, 1) == FW2V_OK, "save: %s", fw2v_last_error());
    fw2v_vectors *w = NULL;
    CHECK(fw2v_load(path, &w) == FW2V_OK && w != NULL, "load: %s", fw2v_last_error());
    float vec2[20];
    if (w) {
        CHECK(fw2v_vector(w, "government", vec2) == FW2V_OK && memcmp(vec, vec2, sizeof vec) == 0, "binary round trip");
        fw2v_free(w);
    }

    /* Lookup cost through the ABI (a lookup should take well under a microsecond). */
    int n = 200000;
    double t0 = seconds();
    for (int i = 0; i < n; i++) fw2v_vector(v, "government", vec);
    double per_lookup = (seconds() - t0) / n;
    t0 = seconds();
    for (int i = 0; i < 20; i++) fw2v_most_similar(v, "government", 10, nb, &found);
    double per_query = (seconds() - t0) / 20;
    printf("lookup %.3f us, most_similar %.3f ms over %lld words\n", per_lookup * 1e6, per_query * 1e3, (long long)fw2v_count(v));

    /* The same corpus streamed through a read callback. */
    FILE *corpus = fopen(argv[1], "rb");
    CHECK(corpus != NULL, "open corpus");
    if (corpus) {
        fw2v_vectors *streamed = NULL;
        CHECK(fw2v_train_stream(read_file, corpus, &o, NULL, NULL, &streamed) == FW2V_OK && streamed, "train_stream: %s", fw2v_last_error());
        if (streamed) {
            CHECK(fw2v_count(streamed) == fw2v_count(v), "streamed vocabulary %lld", (long long)fw2v_count(streamed));
            fw2v_free(streamed);
        }
        fclose(corpus);
    }

    /* Failures: a status and one sentence, never a crash. */
    CHECK(fw2v_load("/nonexistent/vectors.bin", &w) == FW2V_ERROR && strlen(fw2v_last_error()) > 0, "load missing");
    CHECK(fw2v_train("/nonexistent/corpus.txt", &o, NULL, NULL, &w) == FW2V_ERROR && w == NULL, "train missing");
    double early = -1; /* cancel at the first call: a long run (100 epochs) cannot end before it */
    o.iter = 100; calls = 0;
    CHECK(fw2v_train(argv[1], &o, on_progress, &early, &w) == FW2V_ERROR && strstr(fw2v_last_error(), "cancel"), "cancel: %s", fw2v_last_error());
    o.iter = 3;
    o.size = -1;
    CHECK(fw2v_train(argv[1], &o, NULL, NULL, &w) == FW2V_ERROR, "bad size");
    CHECK(fw2v_vector(NULL, "x", vec) == FW2V_ERROR, "NULL handle");

    fw2v_free(v);
    if (failures == 0) printf("all C ABI checks passed\n");
    return failures == 0 ? 0 : 1;
}
