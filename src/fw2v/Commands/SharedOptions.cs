using System.CommandLine;

namespace FastW2V.Cli.Commands;

/// <summary>Options used by more than one command, each with its word2vec.c alias where there is one.</summary>
internal static class SharedOptions
{
    public static Option<string> Input(bool required = true) => new("--input", "-train", "-i")
    {
        Description = "Training text: a plain file (memory-mapped), a .gz file, or - for standard input.",
        Required = required,
    };

    public static Option<int> Threads() => new("--threads", "-threads")
    {
        Description = "Worker threads (default: the number of cores; word2vec.c's default is 12).",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    public static Option<long> MinCount() => new("--min-count", "-min-count")
    {
        Description = "Discard words that appear fewer times.",
        DefaultValueFactory = _ => 5,
    };

    public static Option<int> MaxVocab() => new("--max-vocab", "-max-vocab")
    {
        Description = "Keep at most this many words (the most frequent, </s> included); 0 = no limit.",
        DefaultValueFactory = _ => 0,
    };

    public static Option<string?> SaveVocab() => new("--save-vocab", "-save-vocab")
    {
        Description = "Save the vocabulary (word2vec.c format: \"word count\" per line).",
    };

    public static Option<bool> NoUtf8Check() => new("--no-utf8-check")
    {
        Description = "Accept input that is not valid UTF-8 (words are taken as raw bytes).",
    };

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "Print nothing but errors." };
}
