namespace FastW2V.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        Avx512Image.RunIfBetter(args, Console.Error);
        var signals = Interruption.Install(Console.Error);
        try { return Cli.Run(args, Console.Out, Console.Error, InvokedName.Get()); }
        finally { foreach (var s in signals) s.Dispose(); }
    }
}
