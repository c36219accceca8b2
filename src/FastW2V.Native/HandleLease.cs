namespace FastW2V.Native;

/// <summary>A call's hold on a live handle (<see cref="HandleTable.Enter"/>); disposing it lets the handle
/// go.</summary>
internal readonly ref struct HandleLease(VectorsHandle handle)
{
    public VectorsHandle Handle { get; } = handle;

    public void Dispose() => Handle.Exit();
}
