using FastW2V.Corpus;
using Microsoft.Win32.SafeHandles;

namespace FastW2V.Preparation;

/// <summary>
/// How a corpus of several files is cut into shards: the plain files' bytes into shards of about equal
/// size, each cut moved forward to a word boundary (or its file's end), shards running across file ends;
/// each streamed file a shard of its own, in its place in the order.
/// </summary>
internal sealed class FileSetPlan
{
    /// <summary>Tiny texts get one shard: shards under 64 KiB cost more to merge than they save.</summary>
    private const long MinShardBytes = 64 << 10;

    public List<List<FileSegment>> Shards { get; } = [];
    public long PlainBytes { get; private init; }

    /// <summary>The plain bytes of shard <paramref name="s"/> (a first size for its table; 1 MiB for a
    /// stream).</summary>
    public long Bytes(int s) => Math.Max(1 << 20, Shards[s].Where(g => !g.IsWholeStream).Sum(g => g.Length));

    /// <param name="open">Opens a plain file (to find word boundaries near the cuts).</param>
    public static FileSetPlan Make(CorpusSet set, int threads, Func<CorpusSource, SafeFileHandle> open)
    {
        long plain = set.Sources.Where(s => !s.IsStreamed).Sum(s => s.Length);
        var plan = new FileSetPlan { PlainBytes = plain };
        long target = Math.Max(1, plain / Math.Clamp(plain / MinShardBytes, 1, threads));
        var current = new List<FileSegment>();
        long filled = 0;
        void Close()
        {
            if (current.Count > 0) plan.Shards.Add(current);
            current = [];
            filled = 0;
        }
        for (int i = 0; i < set.Sources.Count; i++)
        {
            var source = set.Sources[i];
            if (source.IsStreamed)
            {
                Close();
                plan.Shards.Add([new FileSegment(i, 0, 0, EndsFile: true, IsWholeStream: true)]);
                continue;
            }
            long position = 0, length = source.Length;
            SafeFileHandle? handle = null;
            if (length == 0) current.Add(new FileSegment(i, 0, 0, EndsFile: true, IsWholeStream: false));
            try
            {
                while (position < length)
                {
                    long room = target - filled;
                    if (length - position <= room)
                    {
                        current.Add(new FileSegment(i, position, length - position, EndsFile: true,
                            IsWholeStream: false));
                        filled += length - position;
                        position = length;
                        if (filled >= target) Close();
                        continue;
                    }
                    handle ??= open(source);
                    long cut = ShardPlanner.Align(handle, position + room, length);
                    current.Add(new FileSegment(i, position, cut - position, EndsFile: cut == length,
                        IsWholeStream: false));
                    position = cut;
                    Close();
                }
            }
            finally { handle?.Dispose(); }
        }
        Close();
        return plan;
    }
}
