using System.Runtime.InteropServices;
using FastW2V.Corpus;
using FastW2V.Vocabularies;

namespace FastW2V.Training;

/// <summary>
/// The fields of a checkpoint's header, vocabulary and state sections, written and read side by side so the
/// two cannot drift apart. A read checks every field against what a real run can write (as well as against
/// the section's end): the checksums catch damage, these checks catch a section forged with a valid
/// checksum, and either way nothing unchecked reaches the training loop, which indexes raw memory with them.
/// </summary>
internal static class CheckpointLayout
{
    /// <summary>word2vec.c's Huffman tree uses 1e15 as "no node yet": a larger count would build a wrong
    /// tree, whose node indices point outside the tree's matrix.</summary>
    public const long MaxWordCount = 999_999_999_999_999;

    /// <summary>The bytes of one worker's position in the state section.</summary>
    private const int PositionBytes = 4 + 8 + 8 + 8 + 4 + 8 + 8 + 4 + NegativeStream.Size * 4 + 8 + 8;

    public static void WriteHeader(BinaryWriter w, CheckpointFile header)
    {
        w.Write(header.Arguments.Length);
        foreach (var a in header.Arguments) w.Write(a);
        w.Write(header.WorkingDirectory);
        w.Write(header.Corpus.Count);
        foreach (var file in header.Corpus)
        {
            w.Write(file.Path);
            w.Write(file.Length);
            w.Write(file.Modified.Ticks);
        }
        w.Write(header.TokenCount);
    }

    public static (string[] Arguments, string Folder, CorpusFileIdentity[] Corpus, long Tokens) ReadHeader(
        SectionReader r)
    {
        var arguments = new string[r.Count("arguments", 1)];
        for (int i = 0; i < arguments.Length; i++) arguments[i] = r.String($"argument {i}");
        string folder = Folder(r, r.String("the working folder"), "the working folder");
        var corpus = new CorpusFileIdentity[r.Count("corpus files", 1 + 8 + 8)];
        if (corpus.Length == 0) throw r.Damaged("names no corpus file");
        for (int i = 0; i < corpus.Length; i++)
        {
            string path = Folder(r, r.String($"the path of corpus file {i}"), $"corpus file {i}");
            long length = r.Int64($"the length of corpus file {i}", 0, long.MaxValue);
            long ticks = r.Int64($"the time of corpus file {i}", 0, DateTime.MaxValue.Ticks);
            corpus[i] = new CorpusFileIdentity(path, length, new DateTime(ticks, DateTimeKind.Utc));
        }
        long tokens = r.Int64("a token count", 1, long.MaxValue);
        r.End();
        return (arguments, folder, corpus, tokens);
    }

    /// <summary>A full path (the writer stores full paths: a relative or empty one is damage).</summary>
    private static string Folder(SectionReader r, string path, string what)
    {
        if (path.Length == 0 || path.Contains('\0') || !System.IO.Path.IsPathFullyQualified(path))
            throw r.Damaged($"holds a path for {what} that is not a full path");
        return path;
    }

    public static void WriteVocabulary(BinaryWriter w, Vocabulary v)
    {
        w.Write(v.Count);
        w.Write(v.CorpusTokens);
        w.Write(v.DistinctWords);
        w.Write(v.PruneRounds);
        for (int i = 0; i < v.Count; i++)
        {
            var bytes = v.GetWordBytes(i);
            w.Write(bytes.Length);
            w.Write(bytes);
            w.Write(v.GetCount(i));
        }
    }

    public static Vocabulary ReadVocabulary(SectionReader r)
    {
        int count = r.Count("words", 4 + 1 + 8);
        long corpusTokens = r.Int64("a corpus token count", 0, long.MaxValue);
        long distinct = r.Int64("a distinct word count", 0, long.MaxValue);
        int prunes = r.Int32("prune rounds");
        if (prunes < 0) throw r.Damaged($"counts {prunes} prune rounds");
        var words = new List<(byte[], long)>(count);
        long total = 0;
        for (int i = 0; i < count; i++)
        {
            int length = r.Int32($"the length of word {i}");
            if (length is < 1 or > Tokenization.MaxWordBytes)
                throw r.Damaged($"gives word {i} {length} bytes (a word has 1 to {Tokenization.MaxWordBytes})");
            var word = r.Bytes(length, $"word {i}").ToArray();
            if (i == 0 && !word.AsSpan().SequenceEqual(Tokenization.SentenceEndUtf8))
                throw r.Damaged("does not start with </s>");
            if (Array.Exists(word, Tokenization.IsSeparator)) throw r.Damaged($"holds word {i} with a separator in it");
            long n = r.Int64($"the count of word {i}", 0, MaxWordCount);
            // Huffman coding and the samplers take the vocabulary's order (counts descending after </s>) on trust.
            if (i > 1 && n > words[^1].Item2) throw r.Damaged($"counts word {i} more often than word {i - 1}");
            if ((total += n) < 0) throw r.Damaged("holds counts that add up past 2^63");
            words.Add((word, n));
        }
        r.End();
        if (count == 0) throw r.Damaged("holds no word");
        // (</s> is checked above: what FromOrderedBytes can still refuse is a word given twice.)
        try { return Vocabulary.FromOrderedBytes(words, corpusTokens, distinct, prunes); }
        catch (FastW2VException) { throw r.Damaged("holds a word twice"); }
    }

    public static void WriteState(BinaryWriter w, TrainingState state)
    {
        w.Write(state.WordsDone);
        w.Write(state.Workers.Length);
        foreach (var p in state.Workers)
        {
            w.Write(p.Epoch); w.Write(p.Offset); w.Write(p.Words); w.Write(p.Reported); w.Write(p.Alpha);
            w.Write(p.Rng); w.Write(p.NegativeRng); w.Write(p.NegativeNext);
            w.Write(MemoryMarshal.AsBytes(p.Negatives.AsSpan()));
            w.Write(p.LossSum); w.Write(p.LossCount);
        }
    }

    /// <summary>The state, checked against the header's token count and the vocabulary's size.</summary>
    public static TrainingState ReadState(SectionReader r, string path, long tokens, int words)
    {
        long wordsDone = r.Int64("a count of words done", 0, long.MaxValue);
        var workers = new WorkerPosition[r.Count("workers", PositionBytes)];
        if (workers.Length == 0) throw r.Damaged("holds no worker");
        for (int i = 0; i < workers.Length; i++)
        {
            var p = workers[i] = new WorkerPosition
            {
                Epoch = r.Int32("an epoch"), Offset = r.Int64("an offset"), Words = r.Int64("a word count"),
                Reported = r.Int64("a reported count"), Alpha = r.Single("a learning rate"),
                Rng = r.UInt64("a random state"), NegativeRng = r.UInt64("a random state"),
                NegativeNext = r.Int32("a negative-sample cursor"),
            };
            MemoryMarshal.Cast<byte, int>(r.Bytes(NegativeStream.Size * 4, "negative samples")).CopyTo(p.Negatives);
            p.LossSum = r.Double("a loss");
            p.LossCount = r.Int64("a loss count");
        }
        r.End();
        var state = new TrainingState { WordsDone = wordsDone, Workers = workers, Source = path };
        if (state.Problem(tokens, words) is { } problem) throw r.Damaged(problem);
        return state;
    }
}
