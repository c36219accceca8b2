/* fastw2v.h: the C ABI of libfastw2v.so (FastW2V's library, NativeAOT).
 *
 * Every function that can fail returns a status: FW2V_OK, FW2V_ERROR (fw2v_last_error() says why, in
 * one sentence, for the calling thread) or FW2V_NOT_FOUND (a word is not in the vocabulary). No C++
 * exception or signal crosses the ABI. Strings are UTF-8 and NUL-terminated. A vectors handle is freed
 * with fw2v_free; the words a query returns stay valid until then.
 *
 * Arguments are checked before anything is written: a NULL pointer, a k below 1, a flag other than 0 or 1,
 * an option out of range, or a handle that is freed or was never returned by fw2v_train/fw2v_load is
 * refused with FW2V_ERROR (a handle is a number the library looks up, never followed into memory). A
 * failed fw2v_train/fw2v_load leaves *out NULL. Every function may be called from any thread; a handle may
 * be queried by several threads at once, and fw2v_free while another thread queries it is safe: that query
 * completes (or is refused), and the memory goes when it returns.
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

/* Training options; fw2v_default_options fills fw2v train's defaults. cbow and hs are 0 or 1; alpha 0 = the
 * architecture's default, otherwise a positive number (NaN, infinities and negatives are refused). */
typedef struct {
    int32_t cbow, size, window, negative, hs, iter, min_count, threads;
    float sample, alpha;
    uint64_t seed;
} fw2v_options;

/* One answer of a query: a word (owned by the vectors handle) and its cosine similarity. The word is the
 * vector file's bytes, which need not be valid UTF-8. */
typedef struct {
    const char *word;
    float similarity;
} fw2v_neighbour;

/* Called about every 200 ms with the fraction done (0..1) and the recent loss per example (NaN before the
 * first); returning non-zero cancels training (the call then fails with "cancelled"). */
typedef int32_t (*fw2v_progress)(double fraction, double loss, void *user);
/* Fills buffer with up to capacity bytes of text; returns the count, 0 at the end, -1 on error. Returning
 * more than capacity, or any negative number, fails the training with a message that says so. */
typedef int64_t (*fw2v_read)(char *buffer, int64_t capacity, void *user);

/* Why this thread's last call failed; the empty string before any failure, never NULL. Valid until this
 * thread's next failing call. */
const char *fw2v_last_error(void);
void fw2v_default_options(fw2v_options *options); /* NULL: nothing is done */

/* Train on a text file (plain, .gz) or on text read through a callback; options NULL = defaults. The streamed
 * text is spooled to a temporary file that is unlinked as soon as it is created (read through /proc/self/fd),
 * so nothing is left behind even when the process is killed. */
int32_t fw2v_train(const char *corpus_path, const fw2v_options *options, fw2v_progress progress, void *user,
                   fw2v_vectors **out);
int32_t fw2v_train_stream(fw2v_read read, void *read_user, const fw2v_options *options, fw2v_progress progress,
                          void *user, fw2v_vectors **out);

/* word2vec text or binary vector files (the format is detected when reading); binary is 0 (text) or 1. */
int32_t fw2v_load(const char *path, fw2v_vectors **out);
int32_t fw2v_save(const fw2v_vectors *vectors, const char *path, int32_t binary);

int64_t fw2v_count(const fw2v_vectors *vectors);     /* words, or -1 */
int32_t fw2v_dimension(const fw2v_vectors *vectors); /* or -1 */

/* Copies the word's vector into out (fw2v_dimension floats). */
int32_t fw2v_vector(const fw2v_vectors *vectors, const char *word, float *out);
/* The k (at least 1) words nearest to the query: its words summed, "-word" subtracted ("king -man +woman"),
 * written to out[0..*found); out holds k entries (*found is at most k and at most fw2v_count - 1). */
int32_t fw2v_most_similar(const fw2v_vectors *vectors, const char *query, int32_t k, fw2v_neighbour *out,
                          int32_t *found);
/* a is to b as c is to ?: the k best answers (3CosAdd, a, b and c excluded), as fw2v_most_similar's. */
int32_t fw2v_analogy(const fw2v_vectors *vectors, const char *a, const char *b, const char *c, int32_t k,
                     fw2v_neighbour *out, int32_t *found);

/* Frees the handle (NULL: nothing is done); freeing it twice sets fw2v_last_error and does nothing else. */
void fw2v_free(fw2v_vectors *vectors);

#ifdef __cplusplus
}
#endif
#endif
