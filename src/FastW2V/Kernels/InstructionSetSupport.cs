using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastW2V.Kernels;

/// <summary>Which instruction sets this CPU (and this binary's instruction set) runs natively.</summary>
internal static class InstructionSetSupport
{
    /// <summary>The instruction set of the strategy this process uses (<see
    /// cref="KernelStrategies.Default"/>).</summary>
    public static InstructionSet Best => KernelStrategies.Default.InstructionSet;

    public static bool IsSupported(InstructionSet path) => path switch
    {
        InstructionSet.Scalar => true,
        InstructionSet.V256 => Vector256.IsHardwareAccelerated && Avx2.IsSupported && Fma.IsSupported,
        InstructionSet.V512 =>
            Vector512.IsHardwareAccelerated && Avx512F.IsSupported && Avx2.IsSupported && Fma.IsSupported,
        _ => false,
    };

    /// <summary>All paths this machine can run, narrowest first.</summary>
    public static IReadOnlyList<InstructionSet> Supported { get; } =
        Enum.GetValues<InstructionSet>().Where(IsSupported).ToArray();
}
