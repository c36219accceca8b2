using System.Runtime.Intrinsics;

namespace FastW2V.Kernels;

/// <summary>The instruction-set strategies FastW2V has code paths for.</summary>
public enum SimdPath
{
    /// <summary>Plain scalar code: the reference every vector path is tested against.</summary>
    Scalar,
    /// <summary>256-bit vectors (AVX2 on x64).</summary>
    V256,
    /// <summary>512-bit vectors (AVX-512 on x64).</summary>
    V512,
}

/// <summary>
/// Picks the widest vector path the CPU accelerates. The environment variable <c>FW2V_SIMD</c>
/// (<c>scalar</c>, <c>v256</c>, <c>v512</c>) forces a narrower path so tests and benchmarks can cover
/// every one on a machine that has them all.
/// </summary>
public static class SimdSupport
{
    public const string EnvironmentVariable = "FW2V_SIMD";

    /// <summary>The path used by default in this process.</summary>
    public static SimdPath Best { get; } = Choose(Environment.GetEnvironmentVariable(EnvironmentVariable));

    public static bool IsSupported(SimdPath path) => path switch
    {
        SimdPath.Scalar => true,
        SimdPath.V256 => Vector256.IsHardwareAccelerated,
        SimdPath.V512 => Vector512.IsHardwareAccelerated,
        _ => false,
    };

    /// <summary>All paths this machine can run, narrowest first.</summary>
    public static IReadOnlyList<SimdPath> Supported { get; } =
        Enum.GetValues<SimdPath>().Where(IsSupported).ToArray();

    internal static SimdPath Choose(string? forced)
    {
        SimdPath widest = Vector512.IsHardwareAccelerated ? SimdPath.V512
            : Vector256.IsHardwareAccelerated ? SimdPath.V256 : SimdPath.Scalar;
        if (string.IsNullOrWhiteSpace(forced)) return widest;
        SimdPath wanted = forced.Trim().ToLowerInvariant() switch
        {
            "scalar" => SimdPath.Scalar,
            "v256" or "avx2" => SimdPath.V256,
            "v512" or "avx512" => SimdPath.V512,
            _ => throw new FastW2VException($"{EnvironmentVariable}='{forced}' is not one of scalar, v256, v512."),
        };
        if (!IsSupported(wanted))
            throw new FastW2VException($"{EnvironmentVariable}={forced} asks for a path this CPU (or this binary's instruction set) does not accelerate.");
        return wanted;
    }
}
