using System.Buffers.Binary;
using FastW2V.Vocabularies;

namespace FastW2V.Distributed;


/// <summary>
/// Makes every rank's vocabulary the one a single process would count. Each rank has counted its
/// part of the corpus (parts in corpus order: rank 0 holds the beginning) into tables in first-appearance
/// order; rank 0 receives the others' tables in rank order and appends them to its own, which is exactly
/// the single-process merge, cuts the vocabulary (min-count, the stable sort by count) and broadcasts it.
/// Tables travel as blobs of whole entries of at most <see cref="BlobBytes"/>, an empty blob ending them,
/// so no message passes 2^31 bytes however large the vocabulary.
/// </summary>
internal static class VocabularyExchange
{
    private const int BlobBytes = 64 << 20;
    private const int Root = 0;

    /// <summary>
    /// The vocabulary, and each local shard's map from provisional to final ids; every rank calls this.
    /// Throws <see cref="VocabularyOverflowException"/> on every rank alike when the merged table passes
    /// <paramref name="overflowAbove"/> distinct words (the caller then counts once more with word2vec.c's
    /// pruning: <see cref="FromRoot"/>).
    /// </summary>
    public static (Vocabulary Vocabulary, int[][] ShardMaps) Merge(MpiSession ranks,
        IReadOnlyList<WordCountTable> shards, VocabularyOptions options, int pruneRounds, int overflowAbove)
    {
        var (local, toLocal, tokens) = VocabularyMerger.Concatenate(shards);
        try
        {
            AgreeOnOverflow(ranks, local.Count > overflowAbove);

            int[] localToFinal;
            Vocabulary vocabulary;
            if (ranks.Rank == Root)
            {
                int own = local.Count; // rank 0's entries keep their indexes as the others' are appended
                for (int r = 1; r < ranks.Size; r++)
                    for (byte[] blob; (blob = ranks.Receive(r)).Length > 0;)
                        tokens += Decode(blob, (word, count) => local.Add(word, count));
                bool tooMany = local.Count > overflowAbove;
                ranks.Broadcast([tooMany ? (byte)1 : (byte)0], Root);
                if (tooMany) throw new VocabularyOverflowException();
                (vocabulary, int[] mergedToFinal) = VocabularyMerger.Select(local, options, tokens, pruneRounds);
                Send(ranks, vocabulary);
                localToFinal = mergedToFinal[..own];
            }
            else
            {
                foreach (byte[] blob in Encode(local)) ranks.Send(blob, Root);
                ranks.Send([], Root);
                if (ranks.Broadcast(null, Root)[0] != 0) throw new VocabularyOverflowException();
                vocabulary = Receive(ranks);
                localToFinal = new int[local.Count];
                for (int i = 0; i < local.Count; i++) localToFinal[i] = vocabulary.Find(local.GetWord(i));
            }
            return (vocabulary, VocabularyMerger.Compose(toLocal, localToFinal));
        }
        finally { local.Dispose(); }
    }

    /// <summary>Every rank says whether its own count passed the prune threshold; if any did, all throw
    /// <see cref="VocabularyOverflowException"/> together (a rank that stopped alone would leave the others
    /// waiting).</summary>
    public static void AgreeOnOverflow(MpiSession ranks, bool overflowedHere)
    {
        Span<long> overflow = [overflowedHere ? 1 : 0];
        ranks.AllreduceMax(overflow);
        if (overflow[0] != 0) throw new VocabularyOverflowException();
    }

    /// <summary>A vocabulary rank 0 makes (<paramref name="make"/> runs there only), on every rank.</summary>
    public static Vocabulary FromRoot(MpiSession ranks, Func<Vocabulary> make)
    {
        if (ranks.Rank != Root) return Receive(ranks);
        var vocabulary = make();
        Send(ranks, vocabulary);
        return vocabulary;
    }

    private static void Send(MpiSession ranks, Vocabulary vocabulary)
    {
        var header = new byte[20];
        BinaryPrimitives.WriteInt64LittleEndian(header, vocabulary.CorpusTokens);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), vocabulary.DistinctWords);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), vocabulary.PruneRounds);
        ranks.Broadcast(header, Root);
        foreach (byte[] blob in Encode(vocabulary.Count, vocabulary.GetWordBytes, vocabulary.GetCount))
            ranks.Broadcast(blob, Root);
        ranks.Broadcast([], Root);
    }

    private static Vocabulary Receive(MpiSession ranks)
    {
        byte[] header = ranks.Broadcast(null, Root);
        var table = new WordCountTable();
        for (byte[] blob; (blob = ranks.Broadcast(null, Root)).Length > 0;)
            Decode(blob, (word, count) => table.Add(word, count));
        return new Vocabulary(table)
        {
            CorpusTokens = BinaryPrimitives.ReadInt64LittleEndian(header),
            DistinctWords = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(8)),
            PruneRounds = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(16)),
        };
    }

    private static IEnumerable<byte[]> Encode(WordCountTable table) =>
        Encode(table.Count, table.GetWord, table.GetCount);

    private delegate ReadOnlySpan<byte> WordAt(int index);

    /// <summary>Entries in order as blobs of [count: int64][length: int32][bytes], each blob under <see
    /// cref="BlobBytes"/>.</summary>
    private static IEnumerable<byte[]> Encode(int count, WordAt word, Func<int, long> countOf)
    {
        var buffer = new byte[BlobBytes];
        int used = 0;
        for (int i = 0; i < count; i++)
        {
            int length = word(i).Length;
            if (used + 12 + length > buffer.Length)
            {
                yield return buffer[..used];
                used = 0;
            }
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(used), countOf(i));
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(used + 8), length);
            word(i).CopyTo(buffer.AsSpan(used + 12));
            used += 12 + length;
        }
        if (used > 0) yield return buffer[..used];
    }

    private delegate void EntryVisitor(ReadOnlySpan<byte> word, long count);

    /// <summary>Visits a blob's entries in order; returns the sum of their counts.</summary>
    private static long Decode(byte[] blob, EntryVisitor visit)
    {
        long total = 0;
        for (int at = 0; at < blob.Length;)
        {
            long count = BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(at));
            int length = BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(at + 8));
            visit(blob.AsSpan(at + 12, length), count);
            total += count;
            at += 12 + length;
        }
        return total;
    }
}
