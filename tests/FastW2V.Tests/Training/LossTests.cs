using FastW2V.Storage;
using FastW2V.Kernels;
using FastW2V.Training;
using FastW2V.Training.Losses;
using FastW2V.Preparation;

namespace FastW2V.Tests.Training;

public unsafe class LossTests
{
    /// <summary>word2vec.c's CreateBinaryTree worked by hand for counts 10, 6, 3, 1.</summary>
    [Test]
    public void The_huffman_tree_matches_word2vec_c_on_a_hand_worked_example()
    {
        var tree = new HuffmanTree([10, 6, 3, 1]);
        (byte[] Codes, int[] Points) Path(int w) =>
            (new Span<byte>(tree.Codes(w), tree.Length(w)).ToArray(), new Span<int>(tree.Points(w), tree.Length(w)).ToArray());
        Assert.That(Path(0), Is.EqualTo((new byte[] { 1 }, new[] { 2 })));
        Assert.That(Path(1), Is.EqualTo((new byte[] { 0, 1 }, new[] { 2, 1 })));
        Assert.That(Path(2), Is.EqualTo((new byte[] { 0, 0, 1 }, new[] { 2, 1, 0 })));
        Assert.That(Path(3), Is.EqualTo((new byte[] { 0, 0, 0 }, new[] { 2, 1, 0 })));
    }

    /// <summary>
    /// On a real vocabulary: a prefix code (Kraft sum 1). word2vec.c's merge assumes counts in descending
    /// order, which holds for every word but &lt;/s&gt; (kept first); on the sorted words alone the code
    /// is also of minimal weighted length.
    /// </summary>
    [TestCase(true)]
    [TestCase(false)]
    public void The_huffman_tree_of_a_real_vocabulary_is_a_prefix_code(bool withSentenceEnd)
    {
        var vocabulary = FastW2V.Vocabularies.VocabularyFile.Read(WriteLeeVocabulary(), new FastW2V.Vocabularies.VocabularyOptions { MinCount = 1 });
        long[] counts = withSentenceEnd ? vocabulary.GetCounts() : vocabulary.GetCounts()[1..];
        var tree = new HuffmanTree(counts);
        double kraft = 0;
        long weighted = 0;
        var seen = new HashSet<string>();
        for (int w = 0; w < counts.Length; w++)
        {
            int length = tree.Length(w);
            Assert.That(length, Is.InRange(1, HuffmanTree.MaxCodeLength));
            Assert.That(tree.Points(w)[0], Is.EqualTo(counts.Length - 2), "every path starts at the root");
            kraft += Math.Pow(2, -length);
            weighted += counts[w] * length;
            Assert.That(seen.Add(string.Concat(new Span<byte>(tree.Codes(w), length).ToArray())), "codes are distinct");
        }
        Assert.That(kraft, Is.EqualTo(1).Within(1e-9));
        if (withSentenceEnd) return;
        // The optimum by the textbook algorithm: the sum of all merged weights.
        var queue = new PriorityQueue<long, long>(counts.Select(c => (c, c)));
        long optimum = 0;
        while (queue.Count > 1)
        {
            long a = queue.Dequeue(), b = queue.Dequeue();
            optimum += a + b;
            queue.Enqueue(a + b, a + b);
        }
        Assert.That(weighted, Is.EqualTo(optimum));
    }

    private static string WriteLeeVocabulary()
    {
        string path = Path.Combine(Path.GetTempPath(), $"fw2v-lee-{Environment.ProcessId}.vocab");
        using var prepared = FastW2V.Preparation.CorpusPreparation.Prepare(new FastW2V.Corpus.CorpusSource(TestData.RequireShared(TestData.Lee)),
            new FastW2V.Preparation.PreparationOptions { Threads = 1, Vocabulary = new FastW2V.Vocabularies.VocabularyOptions { MinCount = 1 } });
        FastW2V.Vocabularies.VocabularyFile.Save(prepared.Vocabulary, path);
        return path;
    }

    public enum Loss { NegativeSampling, HierarchicalSoftmax, FullSoftmax }

    /// <summary>One SGD step of each loss, in the trainer's float code with word2vec.c's table, lowers that loss.</summary>
    [Test]
    public void One_sgd_step_lowers_the_loss([Values] Loss loss)
    {
        const int words = 30, dim = 16;
        using var model = new WordVectorModel(words, dim, 3, outputRows: true, treeRows: true);
        var rng = new Random(4);
        foreach (var m in new[] { model.Output, model.Tree })
            for (int r = 0; r < m.Rows; r++)
                foreach (ref float x in m.RowSpan(r)) x = (float)(rng.NextDouble() - 0.5);
        using var sigmoidTable = new SigmoidTable();
        var sigmoid = new TableSigmoidPolicy(sigmoidTable);
        var tree = new HuffmanTree(Enumerable.Range(0, words).Select(i => (long)(1000 / (i + 1))).ToArray());
        int stride = model.Input.Stride;
        using var scratch = new AlignedBuffer((2L * stride + words) * sizeof(float));
        float* gradient = (float*)scratch.Pointer, logits = gradient + stride;
        int[] targets = [11, 3, 20, 7];
        float* v = model.Input.Row(5);
        float Step(float alpha)
        {
            new Span<float>(gradient, stride).Clear();
            float j;
            fixed (int* t = targets)
                j = loss switch
                {
                    Loss.NegativeSampling => NegativeSamplingLoss.Apply<float, VectorKernelsScalar, TableSigmoidPolicy>(model.Output.Data, stride, v, gradient, t, 4, alpha, in sigmoid),
                    Loss.HierarchicalSoftmax => HierarchicalSoftmaxLoss.Apply<float, VectorKernelsScalar, TableSigmoidPolicy>(model.Tree.Data, stride, v, gradient,
                        tree.Codes(11), tree.Points(11), tree.Length(11), alpha, in sigmoid),
                    _ => FullSoftmaxLoss.Apply<float, VectorKernelsScalar>(model.Output.Data, stride, words, v, gradient, 11, alpha, logits),
                };
            VectorKernelsScalar.Axpy(1, gradient, v, stride);
            return j;
        }
        float before = Step(0.1f);
        float after = Step(0f);
        Assert.That(after, Is.LessThan(before));
    }
}
