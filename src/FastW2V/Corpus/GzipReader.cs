using System.Runtime.InteropServices;

namespace FastW2V.Corpus;

/// <summary>
/// Decompresses a gzip file strictly. .NET's GZipStream returns a truncated file's prefix as if it were
/// whole and ignores bytes after the last member, so a cut download trains silently on part of the
/// corpus. This reader drives zlib itself (the runtime's own native shim, linked into the NativeAOT
/// binary) member by member: zlib checks each member's CRC-32 and length; input that ends inside a member
/// is "truncated"; anything after a member but another member is "trailing garbage". Concatenated
/// members (gzip a b > c, pigz) are valid and read in order.
/// </summary>
internal sealed unsafe partial class GzipReader : ReadOnlyStream
{
    private const string Native = "libSystem.IO.Compression.Native";
    private const int GzipWindowBits = 31; // 15 (32 KiB window) + 16: a gzip header and trailer
    private const int Ok = 0, StreamEnd = 1, BufError = -5, NoFlush = 0;

    [StructLayout(LayoutKind.Sequential)]
    private struct ZStream
    {
        public byte* NextIn;
        public byte* NextOut;
        public sbyte* Message;
        public nint InternalState;
        public uint AvailIn;
        public uint AvailOut;
    }

    [LibraryImport(Native, EntryPoint = "CompressionNative_InflateInit2_")]
    private static partial int InflateInit2(ZStream* stream, int windowBits);

    [LibraryImport(Native, EntryPoint = "CompressionNative_Inflate")]
    private static partial int Inflate(ZStream* stream, int flush);

    [LibraryImport(Native, EntryPoint = "CompressionNative_InflateEnd")]
    private static partial int InflateEnd(ZStream* stream);

    private readonly Stream _input;
    private readonly string _name;
    private readonly byte[] _buffer = GC.AllocateUninitializedArray<byte>(1 << 20, pinned: true);
    private ZStream* _z;
    private bool _inMember, _ended, _memberProduced;
    private int _members;
    private long _consumed; // compressed bytes handed to zlib so far, for messages

    /// <summary>The strict reader, or null where the native zlib shim cannot be found (then GZipStream).</summary>
    public static Stream Open(Stream input, string name)
    {
        try
        {
            var reader = new GzipReader(input, name);
            reader.StartMember(); // probes the native library
            return reader;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress);
        }
    }

    private GzipReader(Stream input, string name)
    {
        _input = input;
        _name = name;
        _z = (ZStream*)NativeMemory.AllocZeroed((nuint)sizeof(ZStream));
    }

    private void StartMember()
    {
        if (InflateInit2(_z, GzipWindowBits) != Ok) throw new FastW2VException($"{_name}: zlib could not start.");
        _inMember = true;
        _memberProduced = false;
    }

    private void EndMember()
    {
        InflateEnd(_z);
        _inMember = false;
        _members++;
    }

    private bool Refill()
    {
        int read = _input.Read(_buffer);
        if (read == 0) return false;
        fixed (byte* b = _buffer) _z->NextIn = b; // pinned: the address stays valid
        _z->AvailIn = (uint)read;
        return true;
    }

    public override int Read(Span<byte> destination)
    {
        if (destination.IsEmpty) return 0;
        while (true)
        {
            if (_ended) return 0;
            if (!_inMember)
            {
                // Between members: the end of the file, or another member.
                if (_z->AvailIn == 0 && !Refill()) { _ended = true; return 0; }
                if (*_z->NextIn == 0) { SkipZeroPadding(); continue; } // tape/block padding, as gzip(1) accepts
                if (*_z->NextIn != 0x1f) throw Garbage();
                StartMember();
            }
            if (_z->AvailIn == 0 && !Refill())
                throw new FastW2VException($"{_name}: the gzip data is truncated (it ends inside member " +
                    $"{_members + 1}, after {_consumed:N0} compressed bytes).");
            fixed (byte* output = destination)
            {
                _z->NextOut = output;
                _z->AvailOut = (uint)destination.Length;
                uint before = _z->AvailIn;
                int rc = Inflate(_z, NoFlush);
                _consumed += before - _z->AvailIn;
                int produced = destination.Length - (int)_z->AvailOut;
                _memberProduced |= produced > 0;
                if (rc == StreamEnd) EndMember();
                else if (rc < 0 && rc != BufError)
                {
                    // After a whole member, bytes that do not even make a header are trailing garbage.
                    if (_members > 0 && !_memberProduced) throw Garbage();
                    string message = _z->Message != null ? new string(_z->Message) : $"zlib error {rc}";
                    throw new FastW2VException($"{_name}: the gzip data is corrupt at compressed byte " +
                        $"{_consumed:N0} ({message}).");
                }
                if (produced > 0) return produced;
                if (rc == BufError && _z->AvailIn > 0) // no progress with input and room: zlib is stuck
                    throw new FastW2VException($"{_name}: the gzip data is corrupt at compressed byte {_consumed:N0}.");
            }
        }
    }

    /// <summary>Zeros after the last member are padding: accepted when nothing but zeros follows.</summary>
    private void SkipZeroPadding()
    {
        do
        {
            while (_z->AvailIn > 0)
            {
                if (*_z->NextIn != 0) throw Garbage();
                _z->NextIn++;
                _z->AvailIn--;
                _consumed++;
            }
        } while (Refill());
        _ended = true;
    }

    private FastW2VException Garbage()
    {
        string what = _members == 0
            ? "not gzip data"
            : $"bytes after the end of the gzip data (trailing garbage at compressed byte {_consumed:N0})";
        return new($"{_name}: {what}.");
    }

    protected override void Dispose(bool disposing)
    {
        if (_z != null)
        {
            if (_inMember) InflateEnd(_z);
            NativeMemory.Free(_z);
            _z = null;
        }
        if (disposing) _input.Dispose();
        base.Dispose(disposing);
    }
}
