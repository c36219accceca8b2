using System.IO.MemoryMappedFiles;

namespace FastW2V.Corpus;

/// <summary>A read-only memory map of a whole file, exposed as a pointer and a length.</summary>
public sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile? _map;
    private readonly MemoryMappedViewAccessor? _view;
    private byte* _pointer;

    public long Length { get; }
    public byte* Pointer => _pointer;

    public MappedFile(string path)
    {
        Length = new FileInfo(path).Length;
        if (Length == 0) return; // mmap refuses empty files; an empty map is just a null pointer
        _map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        _view = _map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref _pointer);
        _pointer += _view.PointerOffset;
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
    }
}
