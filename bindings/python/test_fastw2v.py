"""Tests of the Python binding (run by the NUnit suite): python3 test_fastw2v.py CORPUS SCRATCH

Training, queries, saving and loading; then misuse: every function called with None, zero, negative, huge and
wrongly typed arguments, on closed vectors, from several threads at once, each raising fastw2v.Error or
TypeError and never crashing; and 1,000 vector sets dropped without close() keeping the memory flat."""
import gc
import math
import os
import pathlib
import struct
import sys
import threading

import fastw2v


def expect(error, call, *args, contains=None, **kwargs):
    """call(*args, **kwargs) must raise `error` (whose message holds `contains`)."""
    try:
        result = call(*args, **kwargs)
    except error as e:
        assert contains is None or contains in str(e), f"{call.__name__}{args}: {e}"
        return e
    except Exception as e:
        raise AssertionError(f"{call.__name__}{args} {kwargs} raised {type(e).__name__}: {e}, "
                             f"not {error.__name__}") from e
    raise AssertionError(f"{call.__name__}{args} {kwargs} returned {result!r}, not {error.__name__}")


def train_query_save_load(corpus, scratch):
    fractions = []
    with fastw2v.train(corpus, size=20, iter=3, min_count=5, threads=2, cbow=0,
                       progress=lambda f, loss: fractions.append(f)) as v:
        assert fractions, "the progress callback was never called"
        assert v.dimension == 20 and len(v) > 1000, (v.dimension, len(v))
        g = v.vector("government")
        assert g is not None and len(g) == 20 and any(x != 0 for x in g)
        assert v.vector(b"government") == g
        assert v.vector("no-such-word-xyz") is None
        near = v.most_similar("government", k=5)
        assert len(near) == 5 and all(-1.0001 <= s <= 1.0001 for _, s in near), near
        assert [s for _, s in near] == sorted((s for _, s in near), reverse=True)
        assert v.most_similar("no-such-word-xyz") is None
        assert len(v.analogy("he", "she", "his", k=3)) == 3
        assert len(v.most_similar("government", k=2 ** 31 - 1)) == len(v) - 1, "a huge k: every other word"
        path = os.path.join(scratch, "py-vectors.bin")
        v.save(path)
        for name in (path, path.encode(), pathlib.Path(path)):
            with fastw2v.load(name) as w:
                assert w.vector("government") == g, f"binary round trip through {name!r}"
        v.save(pathlib.Path(scratch) / "py-vectors.txt", binary=False)
    with fastw2v.train(pathlib.Path(corpus), size=10, iter=1, threads=2) as v:
        assert v.dimension == 10
    return path


def failures_and_cancel(corpus, scratch):
    e = expect(fastw2v.Error, fastw2v.load, os.path.join(scratch, "missing.bin"))
    assert "missing.bin" in str(e), e
    assert fastw2v.FastW2VError is fastw2v.Error
    expect(fastw2v.Error, fastw2v.train, corpus, iter=100, progress=lambda f, loss: True, contains="cancel")

    def broken(fraction, loss):
        raise KeyError("from the callback")
    expect(KeyError, fastw2v.train, corpus, iter=100, progress=broken)


def refused_k_and_nul(vectors_path):
    with fastw2v.load(vectors_path) as v:
        for k in (0, -1, -2 ** 31, -2 ** 63, 2 ** 31, 2 ** 32 + 5, 2 ** 64):
            expect(fastw2v.Error, v.most_similar, "government", k=k, contains="k must be")
            expect(fastw2v.Error, v.analogy, "he", "she", "his", k=k, contains="k must be")
        for word in ("government\0xyz", b"government\0", "\0"):
            expect(fastw2v.Error, v.vector, word, contains="NUL")
            expect(fastw2v.Error, v.most_similar, word, contains="NUL")
            expect(fastw2v.Error, v.analogy, "he", word, "his", contains="NUL")
        expect(fastw2v.Error, fastw2v.load, vectors_path + "\0.txt", contains="NUL")
        expect(fastw2v.Error, fastw2v.load, vectors_path.encode() + b"\0", contains="NUL")
        expect(fastw2v.Error, v.save, vectors_path + "\0.new", contains="NUL")


def refused_options(corpus):
    for name, value in [("size", 2 ** 32 + 20), ("size", -2 ** 31 - 1), ("window", 2 ** 40), ("iter", 2 ** 63),
                        ("min_count", -2 ** 33), ("threads", 2 ** 31), ("cbow", 2 ** 32), ("seed", -1),
                        ("seed", 2 ** 64)]:
        expect(fastw2v.Error, fastw2v.train, corpus, contains=name, **{name: value})
    for name, value in [("alpha", math.nan), ("alpha", -0.025), ("alpha", math.inf), ("alpha", 1e300),
                        ("sample", math.nan), ("sample", -1.0), ("size", 0), ("size", -1), ("iter", 0),
                        ("threads", 0), ("min_count", 0), ("cbow", 2), ("hs", -1), ("window", 2 ** 31 - 1)]:
        options = {"size": 10, "iter": 1, name: value}
        expect(fastw2v.Error, fastw2v.train, corpus, contains=name.split("_")[0], **options)


def closed_vectors(vectors_path):
    v = fastw2v.load(vectors_path)
    v.close()
    v.close()
    assert v.closed
    for call, args in [(len, (v,)), (getattr, (v, "dimension")), (v.vector, ("government",)),
                       (v.most_similar, ("government",)), (v.analogy, ("he", "she", "his")),
                       (v.save, (vectors_path + ".closed",))]:
        expect(fastw2v.Error, call, *args, contains="closed")
    with fastw2v.load(vectors_path) as w:
        pass
    expect(fastw2v.Error, w.most_similar, "government", contains="closed")
    for forged in (fastw2v.Vectors(0x5eed1234), fastw2v.Vectors(None), fastw2v.Vectors(0)):
        expect(fastw2v.Error, forged.most_similar, "government")
        expect(fastw2v.Error, len, forged)


def non_utf8_words(scratch):
    path = os.path.join(scratch, "latin-1.txt")
    with open(path, "wb") as f:
        f.write(b"3 2\nabc 1 0\ncaf\xe9 0.9 0.1\nxyz 0 1\n")
    with fastw2v.load(path) as v:
        near = v.most_similar("abc", k=2)
        assert near[0][0] == "caf\udce9", near
        assert near[0][0].encode("utf-8", "surrogateescape") == b"caf\xe9"
        assert v.vector(near[0][0]) == v.vector(b"caf\xe9") is not None, "a decoded word goes back in"
        assert v.analogy("abc", "xyz", "caf\udce9", k=1) is not None
        expect(fastw2v.Error, v.vector, "\ud800", contains="UTF-8")


def vm_rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS in /proc/self/status")


def dropped_vectors_are_freed(scratch, cycles=1000, warm=100, limit_kb=24 * 1024):
    """Vector sets dropped without close(), each queried once, leave the memory flat."""
    path = os.path.join(scratch, "gc-vectors.bin")
    words, dim = 2000, 32
    with open(path, "wb") as f:  # word2vec's binary format
        f.write(f"{words} {dim}\n".encode())
        for i in range(words):
            row = [((i * 31 + j * 17) % 101) / 101 - 0.5 for j in range(dim)]
            f.write(f"w{i} ".encode() + struct.pack(f"<{dim}f", *row) + b"\n")
    before = None
    for i in range(cycles):
        v = fastw2v.load(path)
        assert len(v.most_similar("w1", k=3)) == 3
        del v
        if i + 1 == warm:
            gc.collect()
            before = vm_rss_kb()
        elif i + 1 > warm and (i + 1) % 100 == 0:
            gc.collect()
            grown = vm_rss_kb() - before
            assert grown <= limit_kb, f"memory grew by {grown} kB over {i + 1 - warm} dropped vector sets"
    print(f"{cycles} load/drop cycles: VmRSS {before} kB after {warm}, {vm_rss_kb()} kB after {cycles}")


def misuse(corpus, scratch, vectors_path, v):
    """Every function with None, zero, negative, huge and wrongly typed arguments: Error or TypeError."""
    for bad in (None, 123, 1.5, ["a"], object()):
        expect(TypeError, fastw2v.load, bad)
        expect(TypeError, fastw2v.train, bad)
        expect(TypeError, v.save, bad)
        expect(TypeError, v.vector, bad)
        expect(TypeError, v.most_similar, bad)
        expect(TypeError, v.analogy, "he", bad, "his")
    for bad in (None, 1.5, "3", [3]):
        expect(TypeError, v.most_similar, "government", k=bad)
        expect(TypeError, fastw2v.train, corpus, size=bad)
    expect(TypeError, fastw2v.train, corpus, alpha="0.1")
    expect(TypeError, fastw2v.train, corpus, no_such_option=1)
    expect(TypeError, fastw2v.train, corpus, progress=5)
    for bad_path in ("", scratch, "/nonexistent/v.bin", "p" * 100000, corpus):
        expect(fastw2v.Error, fastw2v.load, bad_path)
    for bad_path in ("", scratch, "/nonexistent/folder/v.bin"):
        expect(fastw2v.Error, v.save, bad_path)
        expect(fastw2v.Error, fastw2v.train, bad_path, size=10, iter=1)
    expect(fastw2v.Error, v.most_similar, "", contains="no words")
    expect(fastw2v.Error, v.most_similar, " \t ", contains="no words")
    assert v.vector("") is None and v.vector("x" * 1000000) is None
    for k in (0, -1, 2 ** 100):
        expect(fastw2v.Error, v.most_similar, "government", k=k)
    assert len(v.most_similar("government", k=2 ** 31 - 1)) == len(v) - 1


def threads_misuse_and_close(corpus, scratch, vectors_path):
    """The misuse from four threads at once on one vector set, then four threads querying while it closes."""
    errors = []

    def run(target, *args):
        try:
            target(*args)
        except BaseException as e:  # reported below: a thread's failure must fail the test
            errors.append(e)

    with fastw2v.load(vectors_path) as v:
        threads = [threading.Thread(target=run, args=(misuse, corpus, scratch, vectors_path, v)) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not errors, errors

    def query_until_closed(w):
        for _ in range(300):
            try:
                w.most_similar("government", k=3)
                w.vector("government")
            except fastw2v.Error:
                pass  # closed meanwhile: refused, never a crash

    w = fastw2v.load(vectors_path)
    threads = [threading.Thread(target=run, args=(query_until_closed, w)) for _ in range(4)]
    for t in threads:
        t.start()
    w.most_similar("government")
    w.close()
    for t in threads:
        t.join()
    assert not errors, errors


def main(corpus, scratch):
    vectors_path = train_query_save_load(corpus, scratch)
    failures_and_cancel(corpus, scratch)
    refused_k_and_nul(vectors_path)
    refused_options(corpus)
    closed_vectors(vectors_path)
    non_utf8_words(scratch)
    threads_misuse_and_close(corpus, scratch, vectors_path)
    dropped_vectors_are_freed(scratch)
    print("all Python binding checks passed")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
