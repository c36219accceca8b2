using System.CommandLine;
using FastW2V.Corpus;

namespace FastW2V.Cli.Commands;

/// <summary>Options used by more than one command, each with its word2vec.c alias where there is one.</summary>
internal static class SharedOptions
{
    public static Option<string> Input(bool required = true) => new("--input", "-train", "-i")
    {
        Description = "Training text: a plain file (read in parallel shards), a .gz file, or - for standard input.",
        Required = required,
    };

    /// <summary>Several inputs make one corpus (train, vocab): files, folders, quoted patterns, "-".</summary>
    public static Option<string[]> Inputs() => new("--input", "-train", "-i")
    {
        Description = "Training text: files (plain, read in parallel shards, or .gz), folders (their files in name "
            + "order), quoted patterns (\"shards/*.txt\"), or - for standard input; several are read as one text, "
            + "a newline between files.",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>A file naming the inputs, one a line.</summary>
    public static Option<string?> InputList() => new("--input-list")
    {
        Description = "A file that names the training files (or folders, or patterns), one a line; - reads it from "
            + "standard input.",
    };

    /// <summary>What <see cref="Inputs"/> and <see cref="InputList"/> name together, in that order.</summary>
    public static string[] InputNames(ParseResult parse, Option<string[]> inputs, Option<string?> list)
    {
        string[] given = parse.GetValue(inputs) ?? [];
        string? listPath = parse.GetValue(list);
        if (listPath == "-" && given.Contains("-"))
            throw new FastW2VException("Standard input can be read once: give the input list or the text on it, "
                + "not both.");
        return [.. given, .. listPath != null ? CorpusInputs.ReadList(listPath) : []];
    }

    /// <summary>An int option with word2vec.c's spelling beside the long one, and its default.</summary>
    public static Option<int> Int(string name, string alias, int value, string description) =>
        new(name, alias) { Description = description, DefaultValueFactory = _ => value };

    /// <summary>An on/off option.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

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

    public static Option<int> PruneThreshold() => new("--prune-threshold")
    {
        Description = "While counting, past this many distinct words drop the rarest as word2vec.c's ReduceVocab does "
            + "(word2vec.c: 21,000,000). The result does not depend on -threads.",
        DefaultValueFactory = _ => new FastW2V.Vocabularies.VocabularyOptions().PruneThreshold,
    };

    public static Option<string?> SaveVocab() => new("--save-vocab", "-save-vocab")
    {
        Description = "Save the vocabulary (word2vec.c format: \"word count\" per line).",
    };

    public static Option<bool> NoUtf8Check() => new("--no-utf8-check")
    {
        Description = "Accept input that is not valid UTF-8 (words are taken as raw bytes).",
    };

    /// <summary>The kernel strategy; unset = the best this CPU runs (or FW2V_SIMD's).</summary>
    public static Option<string?> Kernels() => new("--kernels")
    {
        Description =
            $"Kernel strategy: {string.Join(", ", FastW2V.Kernels.KernelStrategies.All.Select(s => s.Name))}, "
            + "or avx2/avx512 (default: the best this CPU runs, "
            + $"now {FastW2V.Kernels.KernelStrategies.Supported[0].Name}, or what FW2V_SIMD names).",
    };

    /// <summary>
    /// The strategy <see cref="Kernels"/> names, or the loop strategy of the default's instruction set when asked.
    /// </summary>
    public static FastW2V.Kernels.KernelStrategy ChooseKernels(string? name, bool loops)
    {
        var chosen = name == null
            ? FastW2V.Kernels.KernelStrategies.Default
            : FastW2V.Kernels.KernelStrategies.Choose(name);
        return loops ? FastW2V.Kernels.KernelStrategies.Loop(chosen.InstructionSet) : chosen;
    }

    public static Option<int> CbowBatch() => new("--cbow-batch")
    {
        Description = "CBOW centre words trained together, sharing one draw of negatives (1–64).",
        DefaultValueFactory = _ => 8,
    };

    /// <summary>
    /// The vector format, the same in every command: <c>-binary 1</c> / <c>-binary 0</c> (word2vec.c's
    /// spelling) or <c>--binary</c> alone; unset, a path ending in .bin is written binary and any other
    /// as text (<see cref="IsBinary"/>).
    /// </summary>
    public static Option<bool?> Binary() => new("--binary", "-binary")
    {
        Description = "Write binary vectors: -binary 1 (word2vec.c) or --binary; -binary 0 = text "
            + "(default: binary for a .bin path, else text).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>The format <see cref="Binary"/> chose for <paramref name="path"/>.</summary>
    public static bool IsBinary(bool? binary, string path) =>
        binary ?? path.EndsWith(".bin", StringComparison.OrdinalIgnoreCase);

    /// <summary>word2vec.c's 0/1 flags (-cbow, -hs, -binary): anything else is a mistake, not "true".</summary>
    public static void RequireZeroOrOne(int value, string name)
    {
        if (value is not (0 or 1)) throw new FastW2VException($"{name} must be 0 or 1 (got {value}).");
    }

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "Print nothing but errors." };
}
