using System.Globalization;
using System.Text;
using FastW2V.Corpus;
using FastW2V.Formats;

namespace FastW2V.Vocabularies;

/// <summary>word2vec.c's vocabulary file: one "word count" line per entry, in vocabulary order.</summary>
internal static unsafe class VocabularyFile
{
    public static void Save(Vocabulary vocabulary, string path)
    {
        AtomicFile.Write(path, stream =>
        {
            Span<byte> number = stackalloc byte[24];
            for (int i = 0; i < vocabulary.Count; i++)
            {
                stream.Write(vocabulary.GetWordBytes(i));
                stream.WriteByte((byte)' ');
                vocabulary.GetCount(i).TryFormat(number, out int n, default, CultureInfo.InvariantCulture);
                stream.Write(number[..n]);
                stream.WriteByte((byte)'\n');
            }
        });
    }

    /// <summary>
    /// Reads a vocabulary file, then sorts and filters it as word2vec.c's -read-vocab does: &lt;/s&gt;
    /// stays first (added with count 0 if the file lacks it), the rest by count descending (stable),
    /// words under min-count dropped.
    /// </summary>
    public static Vocabulary Read(string path, VocabularyOptions options)
    {
        byte[] bytes = FileInput.ReadAllBytes(path, "vocabulary file");
        // Validated as a corpus is: a word with a NUL or invalid UTF-8 could never match a token.
        fixed (byte* p = bytes) TextValidation.Check(p, bytes.Length, 0, path, checkUtf8: true);
        long total = 0;
        var table = new WordCountTable();
        table.Add(Tokenization.SentenceEndUtf8, 0);
        int lineNumber = 0;
        foreach (var range in LineRanges(bytes))
        {
            lineNumber++;
            var line = bytes.AsSpan(range).TrimEnd("\r "u8);
            if (line.IsEmpty) continue;
            int split = line.LastIndexOfAny((byte)' ', (byte)'\t');
            if (split <= 0
                || !long.TryParse(line[(split + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out long count))
                throw new FastW2VException($"{path}: line {lineNumber} is not \"word count\".");
            var word = line[..split].TrimEnd(" \t"u8);
            if (word.IndexOfAny((byte)' ', (byte)'\t') >= 0)
                throw new FastW2VException($"{path}: line {lineNumber} is not \"word count\" (the word contains a " +
                    "space).");
            if (word.Length > Tokenization.MaxWordBytes) word = word[..Tokenization.TruncatedLength(word)];
            int index = table.Find(word);
            if (index > 0 || (index == 0 && table.GetCount(0) != 0))
                throw new FastW2VException($"{path}: line {lineNumber} repeats the word " +
                    $"'{Encoding.UTF8.GetString(word)}'.");
            if ((total += count) < 0)
                throw new FastW2VException($"{path}: line {lineNumber}: the counts add up past {long.MaxValue:N0}.");
            table.Add(word, count);
        }
        int[] order = VocabularyMerger.SortedSelection(table, options);
        if (order.Length <= 1)
            throw new FastW2VException($"{path}: no word has a count of at least min-count ({options.MinCount}).");
        var final = new WordCountTable(order.Length);
        foreach (int i in order) final.Add(table.GetWord(i), table.GetCount(i));
        var vocabulary = new Vocabulary(final) { DistinctWords = table.Count };
        return vocabulary;
    }

    private static IEnumerable<Range> LineRanges(byte[] bytes)
    {
        int start = 0;
        while (start < bytes.Length)
        {
            int nl = Array.IndexOf(bytes, (byte)'\n', start);
            int end = nl < 0 ? bytes.Length : nl;
            yield return new Range(start, end);
            start = end + 1;
        }
    }
}
