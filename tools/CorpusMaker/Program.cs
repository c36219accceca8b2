using System.IO.Compression;
using System.Text;

// Streams a large benchmark corpus to a file in bounded memory (see tools/make-corpus.sh).
//   repeat OUT TOKENS SEED INPUT...  the inputs' words cut into 1,000-word lines, the lines shuffled
//                                    with SEED (a new order each round) and repeated until TOKENS words
//   zipf OUT TOKENS SEED WORDS       TOKENS words drawn from a Zipf(1) law over WORDS distinct words,
//                                    1,000 per line (a stress test of the vocabulary)
// The output is written to OUT.tmp and renamed when complete.
const int LineWords = 1000;
if (args.Length < 4) return Usage();
string output = args[1];
long target = long.Parse(args[2]);
int seed = int.Parse(args[3]);
string temp = output + ".tmp";
long written;
using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 22))
{
    switch (args[0])
    {
        case "repeat" when args.Length > 4: written = Repeat(file, args[4..], target, seed); break;
        case "zipf" when args.Length == 5: written = Zipf(file, target, seed, int.Parse(args[4])); break;
        default: return Usage();
    }
}
File.Move(temp, output, overwrite: true);
Console.WriteLine($"{output}: {written:N0} words, {new FileInfo(output).Length:N0} bytes");
return 0;

static int Usage()
{
    Console.Error.WriteLine("usage: CorpusMaker repeat OUT TOKENS SEED INPUT... | zipf OUT TOKENS SEED WORDS");
    return 2;
}

static long Repeat(Stream output, string[] inputs, long target, int seed)
{
    // The inputs stay in memory once (350 MB for the two Wikipedia files): memory does not grow with TOKENS.
    var text = new MemoryStream();
    foreach (var path in inputs)
    {
        using var raw = File.OpenRead(path);
        using Stream s = path.EndsWith(".gz") ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        s.CopyTo(text);
        text.WriteByte((byte)' ');
    }
    byte[] bytes = text.GetBuffer();
    int length = (int)text.Length;
    // Line starts: every LineWords-th word start.
    var starts = new List<int>();
    var counts = new List<int>();
    int words = 0;
    bool inWord = false;
    for (int i = 0; i < length; i++)
    {
        bool sep = bytes[i] is (byte)' ' or (byte)'\n' or (byte)'\t' or (byte)'\r';
        if (!sep && !inWord)
        {
            if (words % LineWords == 0) { starts.Add(i); counts.Add(0); }
            words++;
            counts[^1]++;
        }
        inWord = !sep;
    }
    starts.Add(length);
    var order = Enumerable.Range(0, counts.Count).ToArray();
    long written = 0;
    for (int round = 0; written < target; round++)
    {
        new Random(seed + round).Shuffle(order);
        foreach (int line in order)
        {
            int a = starts[line], b = starts[line + 1];
            while (b > a && bytes[b - 1] == (byte)' ') b--;
            output.Write(bytes, a, b - a);
            output.WriteByte((byte)'\n');
            written += counts[line];
            if (written >= target) break;
        }
    }
    return written;
}

static long Zipf(Stream output, long target, int seed, int vocabulary)
{
    // Inverse CDF of Zipf(1) over ranks 1..vocabulary: bounded by the vocabulary, not by TOKENS.
    var cumulative = new double[vocabulary];
    double sum = 0;
    for (int r = 0; r < vocabulary; r++) cumulative[r] = sum += 1.0 / (r + 1);
    var random = new Random(seed);
    var line = new byte[LineWords * 8];
    long written = 0;
    while (written < target)
    {
        int used = 0;
        int n = (int)Math.Min(LineWords, target - written);
        for (int k = 0; k < n; k++)
        {
            int rank = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            if (rank < 0) rank = ~rank;
            used = Spell(rank, line, used);
            line[used++] = k + 1 < n ? (byte)' ' : (byte)'\n';
        }
        output.Write(line, 0, used);
        written += n;
    }
    return written;
}

// A rank as lowercase letters (base 26, at least one letter): words of 1 to 6 letters.
static int Spell(int rank, byte[] into, int at)
{
    Span<byte> digits = stackalloc byte[8];
    int d = 0;
    do { digits[d++] = (byte)('a' + rank % 26); rank /= 26; } while (rank > 0);
    while (d > 0) into[at++] = digits[--d];
    return at;
}
