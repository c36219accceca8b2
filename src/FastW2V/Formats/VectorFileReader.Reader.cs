using System.Buffers.Binary;
using System.Globalization;
using FastW2V.Corpus;

namespace FastW2V.Formats;

public static unsafe partial class VectorFileReader
{
    /// <summary>A cursor over the mapped file: the header, then row after row, counting lines for the errors.</summary>
    private struct Reader(byte* p, long length, string path)
    {
        private long _at;
        private int _line = 1;

        private readonly FastW2VException Error(string what) => new($"{path}: {what}.");

        /// <summary>
        /// Rejects a header that announces more data than the file can hold (each vector takes at least
        /// 2·dim bytes as text, 4·dim + 2 as binary) before anything is allocated for it.
        /// </summary>
        public readonly void CheckHeaderFits(int rows, int dim, bool isBinary)
        {
            long left = length - _at + 1;
            long least = isBinary ? 4L * dim + 2 : 2L * dim + 1;
            if (rows < 1) throw Error($"the header declares {rows} vectors (a vector file holds at least one)");
            if (dim > left || (long)rows * least > left)
                throw Error($"the file ends before the {rows} vectors of dimension {dim} its header announces " +
                    $"(it is {length:N0} bytes)");
        }

        public (int Rows, int Dim) Header()
        {
            // A byte-order mark (some editors and Windows tools write one) is not part of the header.
            if (length >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) _at = 3;
            if (!NextLine(out var line)) throw Error("the file is empty");
            var fields = new FieldReader(line);
            if (!fields.Next(out var a) || !fields.Next(out var b) || fields.Next(out _)
                || !int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out int rows)
                || !int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out int dim))
                throw Error("the first line is not a \"count dimension\" header");
            if (dim < 1) throw Error($"the header gives dimension {dim}");
            return (rows, dim);
        }

        /// <summary>
        /// Text when the first vector line parses as a word and exactly <paramref name="dim"/> numbers,
        /// or at least looks like text (printable ASCII, long enough for the numbers), so that a broken
        /// text file gets a precise error rather than a binary one.
        /// </summary>
        public readonly bool LooksBinary(int dim)
        {
            var rest =
                new ReadOnlySpan<byte>(p + _at, (int)Math.Min(Math.Min(length - _at, 64 + 64L * dim), int.MaxValue));
            int nl = rest.IndexOf((byte)'\n');
            var line = (nl < 0 ? rest : rest[..nl]).TrimEnd((byte)'\r');
            var fields = new FieldReader(line);
            if (!fields.Next(out var word)) return true;
            int n = 0;
            bool parses = true;
            while (fields.Next(out var value))
                parses &= ++n <= dim && float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            if (parses && n == dim) return false;
            var values = line[Math.Min(line.Length, word.Length + 1)..];
            bool printable = values.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) < 0;
            return !(printable && values.Length >= 2 * dim - 1);
        }

        public void TextRow(int row, int rows, float* target, int dim, List<byte[]> words)
        {
            bool found;
            ReadOnlySpan<byte> line;
            while ((found = NextLine(out line)) && line.IsEmpty) { } // tolerate blank lines
            if (!found) throw Error($"the file ends after {row} of the {rows} vectors its header announces");
            var fields = new FieldReader(line);
            fields.Next(out var word);
            // (a carriage return inside a word would not survive a binary round trip: see BinaryRow)
            if (word.IndexOf((byte)'\r') >= 0)
                throw Error($"line {_line - 1}: vector {row + 1}'s word holds a carriage return");
            words.Add(word.ToArray());
            int n = 0;
            while (fields.Next(out var value))
            {
                if (n < dim && !float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out target[n]))
                    throw Error($"line {_line - 1}, value {n + 1} is not a number");
                if (n < dim && !float.IsFinite(target[n]))
                    throw Error($"line {_line - 1}, value {n + 1} is {System.Text.Encoding.UTF8.GetString(value)}: " +
                        "vectors must be finite");
                n++;
            }
            if (n != dim) throw Error($"line {_line - 1} has {n} values, but the header gives dimension {dim}");
        }

        public void BinaryRow(int row, int rows, float* target, int dim, List<byte[]> words)
        {
            while (_at < length && (p[_at] == (byte)'\n' || p[_at] == (byte)'\r' || p[_at] == (byte)' ')) _at++;
            long start = _at;
            while (_at < length && p[_at] != (byte)' ') _at++;
            if (_at >= length || 4L * dim > length - _at - 1)
                throw Error($"the file ends in the middle of vector {row + 1} of the {rows} its header announces");
            var word = new ReadOnlySpan<byte>(p + start, (int)(_at - start));
            // A word holding a tab, a newline or a carriage return could not be written back as text, nor be
            // one line of a label file: refused rather than passed on.
            if (word.IndexOfAny("\t\n\r"u8) >= 0)
                throw Error($"vector {row + 1}'s word holds a tab, newline or carriage return");
            words.Add(word.ToArray());
            _at++;
            var bytes = new ReadOnlySpan<byte>(p + _at, 4 * dim);
            for (int j = 0; j < dim; j++)
            {
                target[j] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * j)..]);
                if (!float.IsFinite(target[j]))
                    throw Error($"vector {row + 1} ('{System.Text.Encoding.UTF8.GetString(words[^1])}'), value " +
                        $"{j + 1} is {target[j]}: vectors must be finite");
            }
            _at += 4L * dim;
        }

        public void ExpectEnd(int rows)
        {
            while (_at < length && Tokenization.IsSeparator(p[_at])) _at++;
            if (_at < length) throw Error($"there is more data after the {rows} vectors the header announces");
        }

        private bool NextLine(out ReadOnlySpan<byte> line)
        {
            line = default;
            if (_at >= length) return false;
            var rest = new ReadOnlySpan<byte>(p + _at, (int)Math.Min(int.MaxValue, length - _at));
            int nl = rest.IndexOf((byte)'\n');
            line = nl < 0 ? rest : rest[..nl];
            _at += nl < 0 ? line.Length : nl + 1;
            _line++;
            line = line.TrimEnd((byte)'\r');
            return true;
        }
    }

    /// <summary>Fields of a line separated by runs of spaces or tabs.</summary>
    private ref struct FieldReader(ReadOnlySpan<byte> line)
    {
        private ReadOnlySpan<byte> _rest = line;

        public bool Next(out ReadOnlySpan<byte> field)
        {
            int start = _rest.IndexOfAnyExcept((byte)' ', (byte)'\t');
            if (start < 0) { field = default; _rest = default; return false; }
            _rest = _rest[start..];
            int end = _rest.IndexOfAny((byte)' ', (byte)'\t');
            field = end < 0 ? _rest : _rest[..end];
            _rest = end < 0 ? default : _rest[end..];
            return true;
        }
    }
}
