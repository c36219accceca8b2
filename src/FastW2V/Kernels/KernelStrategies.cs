namespace FastW2V.Kernels;

/// <summary>
/// The kernel strategies in order of preference, as the Sep library keeps its parsers: the first one the
/// CPU runs is chosen once at start, and the environment variable <c>FW2V_SIMD</c> forces any other the
/// CPU can run, by name or by instruction set (<c>avx2</c> = the best AVX2 strategy), so tests and
/// benchmarks cover each. The dimension does not change the order: the blocked products handle any row
/// length, and AVX-512's wider and more numerous registers pay at any dimension.
/// </summary>
public static class KernelStrategies
{
    /// <summary>Names a strategy to force (tests cover every one this way).</summary>
    public const string EnvironmentVariable = "FW2V_SIMD";

    /// <summary>AVX-512 register-blocked strips (the fastest where the CPU has AVX-512).</summary>
    public static readonly KernelStrategy Avx512Blocked =
        new("avx512-blocked", InstructionSet.V512, true, "AVX-512, register-blocked strips");
    /// <summary>AVX2 + FMA register-blocked strips.</summary>
    public static readonly KernelStrategy Avx2Blocked =
        new("avx2-blocked", InstructionSet.V256, true, "AVX2 + FMA, register-blocked strips");
    /// <summary>AVX-512 level-1 loops (word2vec.c's order of operations).</summary>
    public static readonly KernelStrategy Avx512Loop =
        new("avx512-loop", InstructionSet.V512, false, "AVX-512, level-1 loops");
    /// <summary>AVX2 + FMA level-1 loops.</summary>
    public static readonly KernelStrategy Avx2Loop =
        new("avx2-loop", InstructionSet.V256, false, "AVX2 + FMA, level-1 loops");
    /// <summary>Scalar loops: any CPU.</summary>
    public static readonly KernelStrategy Scalar =
        new("scalar", InstructionSet.Scalar, false, "scalar loops (any CPU)");

    /// <summary>Every strategy, best first.</summary>
    public static IReadOnlyList<KernelStrategy> All { get; } =
        [Avx512Blocked, Avx2Blocked, Avx512Loop, Avx2Loop, Scalar];

    /// <summary>The strategies this machine can run, best first.</summary>
    public static IReadOnlyList<KernelStrategy> Supported { get; } = All.Where(s => s.IsSupported).ToArray();

    /// <summary>
    /// The strategy of this process: the best supported one, or the one <c>FW2V_SIMD</c> names. Resolved on
    /// first use, not when the type loads, so a bad <c>FW2V_SIMD</c> is a one-line error from the command
    /// that needs kernels (the same error on every use), not a crash of every command.
    /// </summary>
    public static KernelStrategy Default => DefaultChoice.Value;
    private static readonly Lazy<KernelStrategy> DefaultChoice =
        new(() => Choose(Environment.GetEnvironmentVariable(EnvironmentVariable)));

    /// <summary>The loop strategy of an instruction set (the reference its blocked strategy is tested
    /// against).</summary>
    public static KernelStrategy Loop(InstructionSet path) => path switch
    {
        InstructionSet.V512 => Avx512Loop,
        InstructionSet.V256 => Avx2Loop,
        _ => Scalar,
    };

    /// <summary>Resolves a name (<c>avx2-blocked</c>) or an instruction set (<c>avx2</c>, <c>v256</c>, <c>avx512</c>,
    /// <c>v512</c>, <c>scalar</c>).</summary>
    public static KernelStrategy Choose(string? forced)
    {
        if (string.IsNullOrWhiteSpace(forced)) return Supported[0];
        string name = forced.Trim().ToLowerInvariant();
        KernelStrategy? wanted = All.FirstOrDefault(s => s.Name == name);
        if (wanted == null)
        {
            InstructionSet? path = name switch
            {
                "v256" or "avx2" => InstructionSet.V256,
                "v512" or "avx512" => InstructionSet.V512,
                _ => null,
            };
            if (path == null)
                throw new FastW2VException($"{EnvironmentVariable}='{forced}' is not one of " +
                    $"{string.Join(", ", All.Select(s => s.Name))}, avx2, avx512.");
            wanted = All.First(s => s.InstructionSet == path);
        }
        if (!wanted.IsSupported)
            throw new FastW2VException($"{EnvironmentVariable}={forced} asks for {wanted.Description}, which this " +
                "CPU (or this binary's instruction set) does not run.");
        return wanted;
    }
}
