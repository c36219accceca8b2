namespace FastW2V.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        Avx512Image.RunIfBetter(args, Console.Error);
        return Cli.Run(args, Console.Out, Console.Error);
    }
}
