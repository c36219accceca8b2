using System.Buffers.Binary;
using System.IO.Hashing;
using FastW2V.Training;

namespace FastW2V.Tests.Training;

/// <summary>What a checkpoint field holds: a number of its width, a string's 7-bit length, or bytes.</summary>
internal enum FieldKind { Integer, Single, Double, Length, Bytes }

/// <summary>One field of a checkpoint: its section, where it starts in the file, its width in bytes, name and
/// kind.</summary>
internal sealed record CheckpointField(string Section, int Offset, int Width, string Name, FieldKind Kind);

/// <summary>One section of a checkpoint: where its length field and its payload start, and its length.</summary>
internal sealed record CheckpointSection(string Name, int Start, int Payload, int Length)
{
    public int End => Payload + Length + 8; // past its checksum
}

/// <summary>
/// The layout of a checkpoint file as a test sees it (written out independently of the library's reader,
/// so the two check each other): its sections, every field of the header, vocabulary and state sections
/// and the shapes of the matrices, and <see cref="Seal"/> to give a changed section a valid checksum again
/// (a forged section: what the range checks behind the checksums are for).
/// </summary>
internal static class CheckpointImage
{
    public static readonly string[] Names =
        ["header", "vocabulary", "state", "input matrix", "output matrix", "tree matrix"];

    public static List<CheckpointSection> Sections(byte[] file)
    {
        var sections = new List<CheckpointSection>();
        int at = 12;
        foreach (string name in Names)
        {
            int length = (int)BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(at));
            sections.Add(new CheckpointSection(name, at, at + 8, length));
            at += 16 + length;
        }
        Assert.That(at, Is.EqualTo(file.Length), "the sections fill the file");
        return sections;
    }

    /// <summary>Recomputes the checksum of every section (after a field was changed on purpose).</summary>
    public static void Seal(byte[] file)
    {
        foreach (var s in Sections(file))
        {
            ulong hash = XxHash64.HashToUInt64(file.AsSpan(s.Start, 8 + s.Length));
            BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(s.Payload + s.Length), hash);
        }
    }

    /// <summary>Every field of the header, vocabulary and state sections, and the shape of each matrix.</summary>
    public static List<CheckpointField> Fields(byte[] file)
    {
        var sections = Sections(file);
        var fields = new List<CheckpointField>();
        var w = new Walker(file, fields);
        w.Section("header", sections[0].Payload);
        int args = w.Int32("argument count");
        for (int i = 0; i < args; i++) w.String($"argument {i}");
        w.String("working folder");
        int files = w.Int32("corpus file count");
        for (int i = 0; i < files; i++)
        {
            w.String($"corpus {i} path");
            w.Int64($"corpus {i} length");
            w.Int64($"corpus {i} ticks");
        }
        w.Int64("token count");
        w.Section("vocabulary", sections[1].Payload);
        int words = w.Int32("word count");
        w.Int64("corpus tokens"); w.Int64("distinct words"); w.Int32("prune rounds");
        for (int i = 0; i < words; i++)
        {
            int length = w.Int32($"word {i} length");
            w.Field(length, $"word {i}", FieldKind.Bytes);
            w.Int64($"word {i} count");
        }
        w.Section("state", sections[2].Payload);
        w.Int64("words done");
        int workers = w.Int32("worker count");
        for (int t = 0; t < workers; t++)
        {
            w.Int32($"worker {t} epoch"); w.Int64($"worker {t} offset"); w.Int64($"worker {t} words");
            w.Int64($"worker {t} reported"); w.Field(4, $"worker {t} alpha", FieldKind.Single);
            w.Int64($"worker {t} rng");
            w.Int64($"worker {t} negative rng"); w.Int32($"worker {t} negative cursor");
            for (int i = 0; i < NegativeStream.Size; i++) w.Int32($"worker {t} negative {i}");
            w.Field(8, $"worker {t} loss", FieldKind.Double); w.Int64($"worker {t} loss count");
        }
        for (int m = 3; m < 6; m++)
        {
            w.Section(Names[m], sections[m].Payload);
            w.Int32("rows"); w.Int32("columns");
        }
        return fields;
    }

    private sealed class Walker(byte[] file, List<CheckpointField> fields)
    {
        private int _at;
        private string _section = "";

        public void Section(string name, int payload) => (_section, _at) = (name, payload);

        public void Field(int width, string name, FieldKind kind = FieldKind.Integer)
        {
            fields.Add(new CheckpointField(_section, _at, width, name, kind));
            _at += width;
        }

        public int Int32(string name)
        {
            int value = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(_at));
            Field(4, name);
            return value;
        }

        public void Int64(string name) => Field(8, name);

        /// <summary>A BinaryWriter string: its 7-bit length (one field), then its bytes.</summary>
        public void String(string name)
        {
            int length = 0, shift = 0, start = _at;
            byte b;
            do { b = file[_at++]; length |= (b & 0x7F) << shift; shift += 7; } while ((b & 0x80) != 0);
            fields.Add(new CheckpointField(_section, start, _at - start, $"{name} length", FieldKind.Length));
            Field(length, name, FieldKind.Bytes);
        }
    }
}
