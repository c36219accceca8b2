using System.IO.MemoryMappedFiles;

namespace FastW2V.Corpus;

/// <summary>A read-only memory map of a whole file (a pipe: its bytes read into memory), exposed as a pointer and a
/// length.</summary>
internal sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile? _map;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly Formats.InputBuffer? _copy; // a pipe's bytes, read into memory
    private byte* _pointer;

    public long Length { get; }
    public byte* Pointer => _pointer;

    public MappedFile(string path)
    {
        if (Formats.FileKinds.Of(path) is Formats.FileKind.Fifo or Formats.FileKind.CharacterDevice)
        {
            // A pipe cannot be mapped: read it whole into memory instead.
            _copy = ReadAll(path);
            _pointer = _copy.Pointer;
            Length = _copy.Length;
            return;
        }
        // The open file's length, not the path's: a link's own length is that of its target's name.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        Length = stream.Length;
        if (Length == 0) return; // mmap refuses empty files; an empty map is just a null pointer
        _map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None,
            leaveOpen: false);
        _view = _map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref _pointer);
        _pointer += _view.PointerOffset;
    }

    /// <summary>A pipe's bytes, read whole (it cannot be mapped).</summary>
    private static Formats.InputBuffer ReadAll(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        return Formats.InputBuffer.ReadAll(stream, $"'{path}'",
            $"'{path}' is a pipe holding more than {Formats.InputBuffer.Limit >> 30} GiB: give a file.");
    }

    public ReadOnlySpan<byte> Slice(long start, long length) =>
        length == 0 ? default : new ReadOnlySpan<byte>(_pointer + start, checked((int)length));

    public void Dispose()
    {
        if (_view != null && _pointer != null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _pointer = null;
        }
        _view?.Dispose();
        _map?.Dispose();
        if (_copy != null) { _copy.Dispose(); _pointer = null; }
    }
}
