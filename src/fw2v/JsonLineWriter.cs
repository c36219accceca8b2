using System.Text;

namespace FastW2V.Cli;

/// <summary>
/// A TextWriter that hands each complete line to <c>line</c>: code that reports through a writer (the
/// one-line error report) then speaks JSON under <c>--progress json</c> without knowing it.
/// </summary>
internal sealed class JsonLineWriter(Action<string> line) : TextWriter
{
    private readonly StringBuilder _pending = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            line(_pending.ToString().TrimEnd('\r'));
            _pending.Clear();
        }
        else _pending.Append(value);
    }

    public override void Flush()
    {
        // A line without its newline is still a line: it must not be lost.
        if (_pending.Length > 0) Write('\n');
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }
}
