using System.IO.MemoryMappedFiles;

namespace FastW2V.Corpus;

/// <summary>
/// The corpus as int32 token ids, one memory-mapped file per shard, so epochs after the first never
/// re-tokenise text. Words outside the vocabulary are already removed; &lt;/s&gt; (id 0) marks sentence
/// ends. The files live in a private folder that is deleted on dispose unless asked to keep it.
/// </summary>
internal sealed unsafe class EncodedCorpus : IDisposable
{
    private readonly MappedFile[] _maps;
    private readonly long[] _starts; // global token index where each file begins, plus the total

    public string Folder { get; }
    public bool Keep { get; }
    public IReadOnlyList<string> Files { get; }
    public long TokenCount => _starts[^1];

    internal EncodedCorpus(string folder, IReadOnlyList<string> files, bool keep)
    {
        Folder = folder;
        Files = files;
        Keep = keep;
        _maps = files.Select(f => new MappedFile(f)).ToArray();
        _starts = new long[files.Count + 1];
        for (int i = 0; i < files.Count; i++) _starts[i + 1] = _starts[i] + _maps[i].Length / sizeof(int);
    }

    /// <summary>The contiguous pieces of memory holding global token positions [from, to).</summary>
    public List<(nint Ids, long Count)> Segments(long from, long to)
    {
        var segments = new List<(nint, long)>();
        for (int f = 0; f < _maps.Length; f++)
        {
            long a = Math.Max(from, _starts[f]), b = Math.Min(to, _starts[f + 1]);
            if (a < b) segments.Add(((nint)((int*)_maps[f].Pointer + (a - _starts[f])), b - a));
        }
        return segments;
    }

    /// <summary>All token ids in one array (tests and tools).</summary>
    public int[] ToArray()
    {
        var all = new int[TokenCount];
        int at = 0;
        foreach (var (ids, count) in Segments(0, TokenCount))
        {
            new ReadOnlySpan<int>((int*)ids, (int)count).CopyTo(all.AsSpan(at));
            at += (int)count;
        }
        return all;
    }

    public void Dispose()
    {
        foreach (var m in _maps) m.Dispose();
        if (Keep) return;
        foreach (var f in Files) TryDelete(f);
        TemporaryPaths.Remove(Folder); // releases the folder's lock file
        TryDelete(Path.Combine(Folder, ".lock"));
        try { if (!Directory.EnumerateFileSystemEntries(Folder).Any()) Directory.Delete(Folder); }
        catch (IOException) { }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// Rewrites a file of provisional ids in place into final ids, dropping tokens that map to -1, and
    /// truncates it. <paramref name="epochs"/> gives, in order, the position where each numbering ends
    /// and the map that applies to the ids before it (numberings change when counting prunes).
    /// </summary>
    internal static long Remap(string path, IReadOnlyList<(long End, int[] Map)> epochs)
    {
        long length = new FileInfo(path).Length;
        long kept = 0;
        if (length > 0)
        {
            using var map =
                MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.ReadWrite);
            using var view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.ReadWrite);
            byte* basePointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref basePointer);
            try
            {
                int* ids = (int*)(basePointer + view.PointerOffset);
                long read = 0;
                foreach (var (end, table) in epochs)
                {
                    fixed (int* t = table)
                    {
                        for (; read < end; read++)
                        {
                            int id = t[ids[read]];
                            ids[kept] = id;
                            kept += id >= 0 ? 1 : 0; // branch-free: dropped tokens are overwritten next
                        }
                    }
                }
            }
            finally { view.SafeMemoryMappedViewHandle.ReleasePointer(); }
        }
        using (var f = new FileStream(path, FileMode.Open, FileAccess.Write)) f.SetLength(kept * sizeof(int));
        return kept;
    }
}
