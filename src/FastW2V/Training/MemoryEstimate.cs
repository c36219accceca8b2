using FastW2V.Storage;
using FastW2V.Kernels;
using FastW2V.Sampling;
using FastW2V.Training.Losses;

namespace FastW2V.Training;

/// <summary>
/// What training will allocate, estimated before it does: the matrices (rows padded to a cache line),
/// the negative sampler, the Huffman codes, the subsampling thresholds and the vocabulary. Checked
/// against the memory the machine has, so `-size 10000` on a large vocabulary stops with one line
/// instead of being killed after minutes of counting.
/// </summary>
internal static class MemoryEstimate
{
    public static long TrainingBytes(int words, TrainingOptions options)
    {
        long bytes = MatrixBytes(words, options);
        if (options.Negative > 0)
            bytes += options.Sampler == NegativeSamplerKind.Table ? (4L << UnigramTable.BitsFor(words)) : 16L * words;
        if (options.HierarchicalSoftmax) bytes += (long)words * HuffmanTree.MaxCodeLength * 5 + 32L * words;
        bytes += 4L * words + 64L * words; // subsampling thresholds; the vocabulary's table
        return bytes;
    }

    /// <summary>Input vectors, plus output vectors (negative sampling, full softmax), plus tree nodes (hierarchical
    /// softmax).</summary>
    public static int Matrices(TrainingOptions options) =>
        1 + (options.Negative > 0 || options.FullSoftmax ? 1 : 0) + (options.HierarchicalSoftmax ? 1 : 0);

    /// <summary>The model alone (the matrices, rows padded to a cache line).</summary>
    public static long MatrixBytes(int words, TrainingOptions options) =>
        Matrices(options) * (long)words * EmbeddingMatrix.PaddedDimension(options.Dimension) * sizeof(float);

    /// <summary>MemAvailable from /proc/meminfo (bytes), or null where it cannot be read.</summary>
    public static long? AvailableBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                    return long.Parse(line["MemAvailable:".Length..].Trim().Split(' ')[0]) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        return null;
    }

    /// <summary>Throws one line when the run needs more memory than is available (unless forced).</summary>
    /// <param name="mpi">One rank of an MPI job: its merging keeps one more copy of the matrices (the rows at their
    /// last merge).</param>
    public static void Check(int words, TrainingOptions options, long? available = null, bool mpi = false)
    {
        long need = TrainingBytes(words, options) + (mpi ? MatrixBytes(words, options) : 0);
        if ((available ?? AvailableBytes()) is not { } have || need <= have) return;
        throw new FastW2VException(
            $"Training needs about {ByteSize.Format(need)} of memory ({words:N0} words × {options.Dimension} "
                + $"dimensions × {Matrices(options)} matrices) "
            + $"but {ByteSize.Format(have)} is available: "
            + "use a smaller -size, a higher -min-count or -max-vocab N (or --force to try anyway).");
    }
}
