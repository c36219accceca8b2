"""Tests of the Python binding (run by the NUnit suite): python3 test_fastw2v.py CORPUS SCRATCH"""
import os
import sys

import fastw2v

corpus, scratch = sys.argv[1], sys.argv[2]
fractions = []
with fastw2v.train(corpus, size=20, iter=3, min_count=5, threads=2, cbow=0,
                   progress=lambda f, loss: fractions.append(f)) as v:
    assert fractions, "the progress callback was never called"
    assert v.dimension == 20 and len(v) > 1000, (v.dimension, len(v))
    g = v.vector("government")
    assert g is not None and len(g) == 20 and any(x != 0 for x in g)
    assert v.vector("no-such-word-xyz") is None
    near = v.most_similar("government", k=5)
    assert len(near) == 5 and all(-1.0001 <= s <= 1.0001 for _, s in near), near
    assert [s for _, s in near] == sorted((s for _, s in near), reverse=True)
    assert v.most_similar("no-such-word-xyz") is None
    assert len(v.analogy("he", "she", "his", k=3)) == 3
    path = os.path.join(scratch, "py-vectors.bin")
    v.save(path)
    with fastw2v.load(path) as w:
        assert w.vector("government") == g, "binary round trip"
try:
    fastw2v.load(os.path.join(scratch, "missing.bin"))
    raise AssertionError("loading a missing file must fail")
except fastw2v.FastW2VError as e:
    assert "missing.bin" in str(e), e
try:
    fastw2v.train(corpus, iter=100, progress=lambda f, loss: True)
    raise AssertionError("a progress callback returning True must cancel")
except fastw2v.FastW2VError as e:
    assert "cancel" in str(e), e
print("all Python binding checks passed")
