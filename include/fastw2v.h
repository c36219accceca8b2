/* fastw2v.h: the C ABI of libfastw2v.so (FastW2V's library, NativeAOT).
 *
 * Every function that can fail returns a status: FW2V_OK, FW2V_ERROR (fw2v_last_error() says why, in
 * one sentence, for the calling thread) or FW2V_NOT_FOUND (a word is not in the vocabulary). No C++
 * exception or signal crosses the ABI. Strings are UTF-8 and NUL-terminated. A vectors handle is freed
 * with fw2v_free; the words a query returns stay valid until then.
 *
 * Build: tools/publish-native-lib.sh (out/native/libfastw2v.so), then cc -Iinclude app.c -Lout/native -lfastw2v
 */
#ifndef FASTW2V_H
#define FASTW2V_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { FW2V_OK = 0, FW2V_ERROR = 1, FW2V_NOT_FOUND = 2 };

typedef struct fw2v_vectors fw2v_vectors; /* opaque */

/* Training options; fw2v_default_options fills fw2v train's defaults. alpha 0 = the architecture's default. */
typedef struct {
    int32_t cbow, size, window, negative, hs, iter, min_count, threads;
    float sample, alpha;
    uint64_t seed;
} fw2v_options;

/* One answer of a query: a word (owned by the vectors handle) and its cosine similarity. */
typedef struct {
    const char *word;
    float similarity;
} fw2v_neighbour;

/* Called about every 200 ms with the fraction done (0..1) and the recent loss per example (NaN before the
 * first); returning non-zero cancels training (the call then fails with "cancelled"). */
typedef int32_t (*fw2v_progress)(double fraction, double loss, void *user);
/* Fills buffer with up to capacity bytes of text; returns the count, 0 at the end, -1 on error. */
typedef int64_t (*fw2v_read)(char *buffer, int64_t capacity, void *user);

const char *fw2v_last_error(void);
void fw2v_default_options(fw2v_options *options);

/* Train on a text file (plain, .gz) or on text read through a callback; options NULL = defaults. */
int32_t fw2v_train(const char *corpus_path, const fw2v_options *options, fw2v_progress progress, void *user, fw2v_vectors **out);
int32_t fw2v_train_stream(fw2v_read read, void *read_user, const fw2v_options *options, fw2v_progress progress, void *user, fw2v_vectors **out);

/* word2vec text or binary vector files (the format is detected when reading). */
int32_t fw2v_load(const char *path, fw2v_vectors **out);
int32_t fw2v_save(const fw2v_vectors *vectors, const char *path, int32_t binary);

int64_t fw2v_count(const fw2v_vectors *vectors);     /* words, or -1 */
int32_t fw2v_dimension(const fw2v_vectors *vectors); /* or -1 */

/* Copies the word's vector into out (fw2v_dimension floats). */
int32_t fw2v_vector(const fw2v_vectors *vectors, const char *word, float *out);
/* The k words nearest to the query: its words summed, "-word" subtracted ("king -man +woman"). */
int32_t fw2v_most_similar(const fw2v_vectors *vectors, const char *query, int32_t k, fw2v_neighbour *out, int32_t *found);
/* a is to b as c is to ?: the k best answers (3CosAdd, a, b and c excluded). */
int32_t fw2v_analogy(const fw2v_vectors *vectors, const char *a, const char *b, const char *c, int32_t k, fw2v_neighbour *out, int32_t *found);

void fw2v_free(fw2v_vectors *vectors);

#ifdef __cplusplus
}
#endif
#endif
