using Microsoft.Win32.SafeHandles;
using FastW2V.Corpus;

namespace FastW2V.Phrases;

/// <summary>
/// word2phrase's second pass: word-aligned ranges joined in parallel (each looking back to a known join
/// state, see <see cref="PhraseJoiner"/>), a few at a time, written in text order.
/// </summary>
internal static class PhraseJoinPass
{
    private const int LookBackBytes = 4096;

    /// <summary>The second pass: ranges joined in parallel, a few at a time, written in order. Returns the words
    /// joined.</summary>
    public static long Write(SafeFileHandle file, long length, string name, PhraseVocabulary vocabulary, Stream output,
        PhraseOptions options)
    {
        int ranges = (int)Math.Max(options.Threads, Math.Min(1 << 20, length / options.RangeBytes));
        long[] bounds = ShardPlanner.Plan(file, length, ranges, PhraseFinder.Separators);
        int wave = options.Threads * 2;
        var outputs = new PhraseOutput[Math.Min(wave, ranges)];
        long joined = 0;
        for (int first = 0; first < ranges; first += wave)
        {
            int n = Math.Min(wave, ranges - first);
            var done = new long[n];
            try
            {
                Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, i =>
                {
                    long start = bounds[first + i], end = bounds[first + i + 1];
                    var buffer =
                        outputs[i] ??= new PhraseOutput((int)Math.Min(options.RangeBytes * 5 / 4, end - start + 64));
                    buffer.Clear();
                    done[i] = JoinRange(file, start, end, name, vocabulary, buffer);
                });
            }
            catch (AggregateException e)
            {
                FastW2VException.ThrowFirstIn(e);
                throw;
            }
            for (int i = 0; i < n; i++)
            {
                output.Write(outputs[i].Bytes);
                joined += done[i];
            }
        }
        output.Flush();
        return joined;
    }

    /// <summary>Writes [start, end) joined into <paramref name="output"/>; returns the words joined.</summary>
    private static long JoinRange(SafeFileHandle file, long start, long end, string name, PhraseVocabulary vocabulary,
        PhraseOutput output)
    {
        var joiner = new PhraseJoiner(vocabulary);
        var tokenizer = new PhraseTokenizer();
        var sink = new PhraseJoiner.Sink(joiner);
        // Look back until the state at the range's start is known (a few words, almost always).
        for (long lookBack = LookBackBytes; ; lookBack *= 8)
        {
            long from = Math.Max(0, start - lookBack);
            joiner.Begin(startOfFile: from == 0);
            tokenizer.Reset();
            if (from < start)
            {
                var back = new byte[start - from];
                using (var stream = new ShardStream(file, from, back.Length, name)) stream.ReadExactly(back);
                // Start at a word boundary: just after a separator (the byte before start is one).
                int at = from == 0 ? 0 : back.AsSpan().IndexOfAny(PhraseFinder.Separators) + 1;
                tokenizer.Feed(back.AsSpan(at), ref sink);
                joiner.Flush();
            }
            if (joiner.Synchronized) break;
        }
        joiner.Output = output;
        RangeReader.Read(file, start, end, name, validate: false, checkUtf8: false,
            (piece, _) => tokenizer.Feed(piece, ref sink));
        joiner.Flush();
        return joiner.Joined;
    }
}
