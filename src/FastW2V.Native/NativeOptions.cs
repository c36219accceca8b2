using System.Runtime.InteropServices;
using FastW2V.Training;
using FastW2V.Vocabularies;
using Architecture = FastW2V.Training.Architecture;

namespace FastW2V.Native;

/// <summary>The options struct of include/fastw2v.h (same field order and types).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct NativeOptions
{
    public int Cbow, Size, Window, Negative, Hs, Iter, MinCount, Threads;
    public float Sample, Alpha; // alpha 0: word2vec.c's default for the architecture
    public ulong Seed;

    /// <summary>
    /// fw2v train's defaults (CBOW, d100, window 5, 5 negatives, 5 epochs, min-count 5, sample 1e-3, every core).
    /// </summary>
    public static NativeOptions Defaults()
    {
        var t = new TrainingOptions();
        return new NativeOptions
        {
            Cbow = 1, Size = t.Dimension, Window = t.Window, Negative = t.Negative, Iter = t.Iterations,
            MinCount = (int)new VocabularyOptions().MinCount, Threads = Environment.ProcessorCount,
            Sample = (float)t.Sample, Seed = t.Seed,
        };
    }

    /// <summary>The training options these ask for; the library checks the ranges (when training starts), these
    /// checks what only the C struct can get wrong: a flag that is neither 0 nor 1, an alpha that is not 0
    /// (the default) and not a positive number.</summary>
    /// <exception cref="FastW2VException">A one-sentence message.</exception>
    public readonly TrainingOptions ToTraining()
    {
        Flag(Cbow, "cbow");
        Flag(Hs, "hs");
        if (!(Alpha == 0 || (Alpha > 0 && float.IsFinite(Alpha))))
            throw new FastW2VException($"alpha must be 0 (the architecture's default) or a positive number (got "
                + $"{Alpha}).");
        return new TrainingOptions
        {
            Architecture = Cbow != 0 ? Architecture.Cbow : Architecture.SkipGram,
            Dimension = Size, Window = Window, Negative = Negative, HierarchicalSoftmax = Hs != 0,
            Iterations = Iter, Threads = Threads, Sample = Sample, Alpha = Alpha > 0 ? Alpha : null, Seed = Seed,
        };
    }

    public readonly VocabularyOptions ToVocabulary() => new() { MinCount = MinCount };

    private static void Flag(int value, string name)
    {
        if (value is not (0 or 1)) throw new FastW2VException($"{name} must be 0 or 1 (got {value}).");
    }
}
