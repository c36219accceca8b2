"""FastW2V from Python, over ctypes and libfastw2v.so's C ABI (include/fastw2v.h).

    import fastw2v
    v = fastw2v.train("corpus.txt", size=100, cbow=0, progress=lambda f, loss: print(f))
    v.most_similar("king -man +woman", k=5)   # [(word, cosine), ...]
    v.vector("king")                           # list of floats
    v.save("vectors.bin", binary=True); w = fastw2v.load("vectors.bin")

The library is found through $FASTW2V_LIB, or libfastw2v.so on the loader's path.

A failed call raises fastw2v.Error: the library's one-sentence message, or the binding's for what it refuses
before calling (a NUL character inside a word or a path, an integer outside its C type's range, a closed
Vectors). An argument of the wrong type raises TypeError.

Paths may be str, bytes or os.PathLike. Words are str: a word whose bytes in the vector file are not UTF-8
comes back decoded with errors="surrogateescape" (word.encode("utf-8", "surrogateescape") gives the file's
bytes back), and may be passed back as it is; words may also be given as bytes.

Vectors are freed by close(), by a with block, or by the garbage collector once nothing refers to them.
"""
import ctypes
import numbers
import operator
import os
import weakref

FW2V_OK, FW2V_ERROR, FW2V_NOT_FOUND = 0, 1, 2
_INT32 = (-2 ** 31, 2 ** 31 - 1)
_UINT64 = (0, 2 ** 64 - 1)


class Error(Exception):
    """A failed call: the library's one-sentence message, or the binding's for an argument it refuses."""


FastW2VError = Error  # the name of earlier versions


class Options(ctypes.Structure):
    _fields_ = [(name, ctypes.c_int32) for name in
                ("cbow", "size", "window", "negative", "hs", "iter", "min_count", "threads")] + \
               [("sample", ctypes.c_float), ("alpha", ctypes.c_float), ("seed", ctypes.c_uint64)]


class Neighbour(ctypes.Structure):
    _fields_ = [("word", ctypes.c_char_p), ("similarity", ctypes.c_float)]


PROGRESS = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_double, ctypes.c_double, ctypes.c_void_p)
_HANDLE = ctypes.c_void_p
_OUT = ctypes.POINTER(ctypes.c_void_p)
_NEIGHBOURS = ctypes.POINTER(Neighbour)
_FOUND = ctypes.POINTER(ctypes.c_int32)
_STRING = ctypes.c_char_p

_lib = ctypes.CDLL(os.environ.get("FASTW2V_LIB", "libfastw2v.so"))
_lib.fw2v_last_error.restype = ctypes.c_char_p
_lib.fw2v_last_error.argtypes = []
_lib.fw2v_default_options.argtypes = [ctypes.POINTER(Options)]
_lib.fw2v_default_options.restype = None
_lib.fw2v_train.argtypes = [_STRING, ctypes.POINTER(Options), PROGRESS, ctypes.c_void_p, _OUT]
_lib.fw2v_load.argtypes = [_STRING, _OUT]
_lib.fw2v_save.argtypes = [_HANDLE, _STRING, ctypes.c_int32]
_lib.fw2v_count.argtypes = [_HANDLE]
_lib.fw2v_count.restype = ctypes.c_int64
_lib.fw2v_dimension.argtypes = [_HANDLE]
_lib.fw2v_vector.argtypes = [_HANDLE, _STRING, ctypes.POINTER(ctypes.c_float)]
_lib.fw2v_most_similar.argtypes = [_HANDLE, _STRING, ctypes.c_int32, _NEIGHBOURS, _FOUND]
_lib.fw2v_analogy.argtypes = [_HANDLE, _STRING, _STRING, _STRING, ctypes.c_int32, _NEIGHBOURS, _FOUND]
_lib.fw2v_free.argtypes = [_HANDLE]
_lib.fw2v_free.restype = None


def _last_error():
    message = _lib.fw2v_last_error()
    return message.decode("utf-8", "replace") if message else "the library gave no reason"


def _check(status):
    if status == FW2V_ERROR:
        raise Error(_last_error())
    return status


def _refuse_nul(data, what):
    if b"\0" in data:
        raise Error(f"The {what} contains a NUL character (a C string would end there): {data!r}.")
    return data


def _text(value, what):
    """A word or query (str, or bytes as they are in the vector file) as the C string's bytes."""
    if isinstance(value, str):
        try:
            data = value.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError as e:
            raise Error(f"The {what} is not encodable as UTF-8 ({e.reason}).") from None
    elif isinstance(value, (bytes, bytearray)):
        data = bytes(value)
    else:
        raise TypeError(f"the {what} must be str or bytes, not {type(value).__name__}")
    return _refuse_nul(data, what)


def _path(value):
    """A str, bytes or os.PathLike path as the C string's bytes (str in the file system's encoding)."""
    path = os.fspath(value)  # TypeError for anything else
    return _refuse_nul(os.fsencode(path), "path")


def _integer(value, what, bounds):
    try:
        n = operator.index(value)
    except TypeError:
        raise TypeError(f"{what} must be an integer, not {type(value).__name__}") from None
    low, high = bounds
    if not low <= n <= high:
        raise Error(f"{what} must be between {low} and {high} (got {n}).")
    return n


def _word(raw):
    return raw.decode("utf-8", "surrogateescape")


class Vectors:
    """Word vectors held by the library; freed by close(), a with block, or the garbage collector."""

    def __init__(self, handle):
        self._handle = handle or None
        # Frees the handle once: at close(), or when this object is collected (or at exit).
        self._free = weakref.finalize(self, _lib.fw2v_free, handle) if handle else None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        """Frees the vectors; any later call raises Error. Closing twice does nothing."""
        self._handle = None
        if self._free is not None:
            self._free()

    @property
    def closed(self):
        return self._handle is None

    def _live(self):
        handle = self._handle
        if handle is None:
            raise Error("The vectors are closed.")
        return handle

    def __len__(self):
        n = _lib.fw2v_count(self._live())
        if n < 0:
            raise Error(_last_error())
        return n

    @property
    def dimension(self):
        d = _lib.fw2v_dimension(self._live())
        if d < 0:
            raise Error(_last_error())
        return d

    def vector(self, word):
        """The word's vector, or None when it is not in the vocabulary."""
        data = _text(word, "word")
        out = (ctypes.c_float * self.dimension)()
        if _check(_lib.fw2v_vector(self._live(), data, out)) == FW2V_NOT_FOUND:
            return None
        return list(out)

    def _answers(self, call, k):
        k = _integer(k, "k", (1, _INT32[1]))
        k = max(1, min(k, len(self)))  # an answer holds every other word at most
        out = (Neighbour * k)()
        found = ctypes.c_int32()
        if _check(call(k, out, ctypes.byref(found))) == FW2V_NOT_FOUND:
            return None
        return [(_word(out[i].word), out[i].similarity) for i in range(found.value)]

    def most_similar(self, query, k=10):
        """Nearest words to the query's words summed ("-word" subtracts); None if a word is unknown."""
        handle, data = self._live(), _text(query, "query")
        return self._answers(lambda n, o, f: _lib.fw2v_most_similar(handle, data, n, o, f), k)

    def analogy(self, a, b, c, k=10):
        """a is to b as c is to ?; None if a word is unknown."""
        handle, words = self._live(), [_text(w, "word") for w in (a, b, c)]
        return self._answers(lambda n, o, f: _lib.fw2v_analogy(handle, *words, n, o, f), k)

    def save(self, path, binary=True):
        _check(_lib.fw2v_save(self._live(), _path(path), 1 if binary else 0))


def _options(options):
    o = Options()
    _lib.fw2v_default_options(ctypes.byref(o))
    for name, value in options.items():
        if name == "seed":
            o.seed = _integer(value, name, _UINT64)
        elif name in ("sample", "alpha"):
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                raise TypeError(f"{name} must be a number, not {type(value).__name__}")
            setattr(o, name, float(value))  # beyond a C float's range: infinite, which the library refuses
        elif hasattr(o, name):
            setattr(o, name, _integer(value, name, _INT32))
        else:
            raise TypeError(f"unknown option {name!r}")
    return o


def train(corpus_path, progress=None, **options):
    """Trains on a text file. options: cbow, size, window, negative, hs, iter, min_count, threads, sample,
    alpha, seed (fw2v train's defaults otherwise). progress(fraction, loss) may return True to cancel; an
    exception it raises cancels training and is raised again here."""
    if progress is not None and not callable(progress):
        raise TypeError("progress must be callable")
    o, path, raised = _options(options), _path(corpus_path), []

    def report(fraction, loss, user):
        try:
            return 1 if progress is not None and progress(fraction, loss) else 0
        except BaseException as e:  # an exception must not unwind through C: keep it, cancel
            raised.append(e)
            return 1

    callback = PROGRESS(report)
    handle = ctypes.c_void_p()
    status = _lib.fw2v_train(path, ctypes.byref(o), callback, None, ctypes.byref(handle))
    if raised:
        if status == FW2V_OK:
            _lib.fw2v_free(handle.value)
        raise raised[0]
    _check(status)
    return Vectors(handle.value)


def load(path):
    """Reads a word2vec text or binary vector file."""
    data = _path(path)
    handle = ctypes.c_void_p()
    _check(_lib.fw2v_load(data, ctypes.byref(handle)))
    return Vectors(handle.value)
