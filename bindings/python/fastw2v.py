"""FastW2V from Python, over ctypes and libfastw2v.so's C ABI (include/fastw2v.h).

    import fastw2v
    v = fastw2v.train("corpus.txt", size=100, cbow=0, progress=lambda f, loss: print(f))
    v.most_similar("king -man +woman", k=5)   # [(word, cosine), ...]
    v.vector("king")                           # list of floats
    v.save("vectors.bin", binary=True); w = fastw2v.load("vectors.bin")

The library is found through $FASTW2V_LIB, or libfastw2v.so on the loader's path.
"""
import ctypes
import os

FW2V_OK, FW2V_ERROR, FW2V_NOT_FOUND = 0, 1, 2


class Options(ctypes.Structure):
    _fields_ = [(name, ctypes.c_int32) for name in
                ("cbow", "size", "window", "negative", "hs", "iter", "min_count", "threads")] + \
               [("sample", ctypes.c_float), ("alpha", ctypes.c_float), ("seed", ctypes.c_uint64)]


class Neighbour(ctypes.Structure):
    _fields_ = [("word", ctypes.c_char_p), ("similarity", ctypes.c_float)]


PROGRESS = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_double, ctypes.c_double, ctypes.c_void_p)

_lib = ctypes.CDLL(os.environ.get("FASTW2V_LIB", "libfastw2v.so"))
_lib.fw2v_last_error.restype = ctypes.c_char_p
_lib.fw2v_default_options.argtypes = [ctypes.POINTER(Options)]
_lib.fw2v_train.argtypes = [ctypes.c_char_p, ctypes.POINTER(Options), PROGRESS, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
_lib.fw2v_load.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
_lib.fw2v_save.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int32]
_lib.fw2v_count.argtypes = [ctypes.c_void_p]
_lib.fw2v_count.restype = ctypes.c_int64
_lib.fw2v_dimension.argtypes = [ctypes.c_void_p]
_lib.fw2v_vector.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_float)]
_lib.fw2v_most_similar.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int32, ctypes.POINTER(Neighbour), ctypes.POINTER(ctypes.c_int32)]
_lib.fw2v_analogy.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int32,
                              ctypes.POINTER(Neighbour), ctypes.POINTER(ctypes.c_int32)]
_lib.fw2v_free.argtypes = [ctypes.c_void_p]


class FastW2VError(Exception):
    """A failed call: the library's one-sentence message."""


def _check(status):
    if status == FW2V_ERROR:
        raise FastW2VError(_lib.fw2v_last_error().decode("utf-8"))
    return status


class Vectors:
    """Word vectors held by the library; free them with close() or a with block."""

    def __init__(self, handle):
        self._handle = handle

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self._handle:
            _lib.fw2v_free(self._handle)
            self._handle = None

    def __len__(self):
        return _lib.fw2v_count(self._handle)

    @property
    def dimension(self):
        return _lib.fw2v_dimension(self._handle)

    def vector(self, word):
        """The word's vector, or None when it is not in the vocabulary."""
        out = (ctypes.c_float * self.dimension)()
        if _check(_lib.fw2v_vector(self._handle, word.encode("utf-8"), out)) == FW2V_NOT_FOUND:
            return None
        return list(out)

    def _answers(self, call, k):
        out = (Neighbour * k)()
        found = ctypes.c_int32()
        if _check(call(out, ctypes.byref(found))) == FW2V_NOT_FOUND:
            return None
        return [(out[i].word.decode("utf-8"), out[i].similarity) for i in range(found.value)]

    def most_similar(self, query, k=10):
        """Nearest words to the query's words summed ("-word" subtracts); None if a word is unknown."""
        return self._answers(lambda o, f: _lib.fw2v_most_similar(self._handle, query.encode("utf-8"), k, o, f), k)

    def analogy(self, a, b, c, k=10):
        """a is to b as c is to ?; None if a word is unknown."""
        return self._answers(lambda o, f: _lib.fw2v_analogy(self._handle, a.encode(), b.encode(), c.encode(), k, o, f), k)

    def save(self, path, binary=True):
        _check(_lib.fw2v_save(self._handle, path.encode("utf-8"), 1 if binary else 0))


def train(corpus_path, progress=None, **options):
    """Trains on a text file. options: cbow, size, window, negative, hs, iter, min_count, threads, sample,
    alpha, seed (fw2v train's defaults otherwise). progress(fraction, loss) may return True to cancel."""
    o = Options()
    _lib.fw2v_default_options(ctypes.byref(o))
    for name, value in options.items():
        if not hasattr(o, name):
            raise TypeError(f"unknown option {name!r}")
        setattr(o, name, value)
    callback = PROGRESS(lambda fraction, loss, user: 1 if progress and progress(fraction, loss) else 0)
    handle = ctypes.c_void_p()
    _check(_lib.fw2v_train(corpus_path.encode("utf-8"), ctypes.byref(o), callback, None, ctypes.byref(handle)))
    return Vectors(handle.value)


def load(path):
    """Reads a word2vec text or binary vector file."""
    handle = ctypes.c_void_p()
    _check(_lib.fw2v_load(path.encode("utf-8"), ctypes.byref(handle)))
    return Vectors(handle.value)
