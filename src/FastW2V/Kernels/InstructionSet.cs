using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastW2V.Kernels;

/// <summary>The instruction sets FastW2V has code paths for.</summary>
public enum InstructionSet
{
    /// <summary>Plain scalar code: the reference every vector path is tested against.</summary>
    Scalar,
    /// <summary>256-bit vectors (AVX2 + FMA on x64).</summary>
    V256,
    /// <summary>512-bit vectors (AVX-512 on x64).</summary>
    V512,
}

/// <summary>Which instruction sets this CPU (and this binary's instruction set) runs natively.</summary>
internal static class InstructionSetSupport
{
    /// <summary>The instruction set of the strategy this process uses (<see cref="KernelStrategies.Default"/>).</summary>
    public static InstructionSet Best => KernelStrategies.Default.InstructionSet;

    public static bool IsSupported(InstructionSet path) => path switch
    {
        InstructionSet.Scalar => true,
        InstructionSet.V256 => Vector256.IsHardwareAccelerated && Avx2.IsSupported && Fma.IsSupported,
        InstructionSet.V512 => Vector512.IsHardwareAccelerated && Avx512F.IsSupported && Avx2.IsSupported && Fma.IsSupported,
        _ => false,
    };

    /// <summary>All paths this machine can run, narrowest first.</summary>
    public static IReadOnlyList<InstructionSet> Supported { get; } =
        Enum.GetValues<InstructionSet>().Where(IsSupported).ToArray();
}
